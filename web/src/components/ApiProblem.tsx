import type { ApiFailure } from '../lib/graphql';

/** What went wrong talking to the API, with the next step; never throws. */
export function ApiProblem({ failure }: { failure: ApiFailure }) {
  return (
    <div className="status status-problem">
      <p>
        <span className="status-label">
          <span aria-hidden="true">✕ </span>
          {failure.kind === 'unreachable' ? 'Unreachable.' : 'Error.'}
        </span>{' '}
        {failure.kind === 'unreachable' ? (
          <>
            The Keyport API is not reachable at <code>{failure.url}</code>; start it with{' '}
            <code>npm start</code>.
          </>
        ) : failure.kind === 'http' ? (
          <>
            The Keyport API at <code>{failure.url}</code> answered with HTTP {failure.status}.
          </>
        ) : (
          <>
            The Keyport API at <code>{failure.url}</code> returned an error: {failure.message}
          </>
        )}
      </p>
      {failure.kind === 'unreachable' ? <p className="muted">Details: {failure.detail}</p> : null}
    </div>
  );
}
