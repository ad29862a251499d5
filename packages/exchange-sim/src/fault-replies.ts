// Answers for terminal faults, in each venue's own words (or its CDN's, for the HTML page).
import { createHash } from 'node:crypto';
import type { ExchangeAdapter, SimReply } from './exchange-adapter';
import type { TerminalFault } from './faults';

const STATUS_TITLES: Record<number, string> = {
  200: 'Just a moment...',
  403: 'Access denied',
  500: 'Internal server error',
  502: 'Bad gateway',
  503: 'Service unavailable',
  504: 'Gateway time-out',
  520: 'Web server is returning an unknown error',
  521: 'Web server is down',
  522: 'Connection timed out',
  524: 'A timeout occurred',
};

/** A Cloudflare-style edge error page: what clients get when the CDN, not the venue, answers. */
export function cloudflarePage(host: string, status: number, seq: number): SimReply {
  const title = STATUS_TITLES[status] ?? 'Error';
  const ray = createHash('sha256').update(`${host}:${seq}`).digest('hex').slice(0, 16);
  const body = `<!DOCTYPE html>
<html lang="en-US">
<head>
<meta charset="UTF-8" />
<title>${host} | ${status}: ${title}</title>
</head>
<body>
<div id="cf-wrapper">
<h1><span class="cf-error-type">Error</span> <span class="cf-error-code">${status}</span></h1>
<h2 class="cf-subheadline">${title}</h2>
<p>The web server reported an error. Please try again in a few minutes.</p>
<p>Cloudflare Ray ID: <strong>${ray}</strong> &bull; Performance &amp; security by Cloudflare</p>
</div>
</body>
</html>
`;
  return {
    status,
    verdict: 'fault:html',
    contentType: 'text/html; charset=UTF-8',
    body,
    headers: { server: 'cloudflare', 'cf-ray': `${ray}-FRA` },
  };
}

/** The reply for a terminal fault other than `timeout` (which never answers). */
export function faultReply(
  adapter: ExchangeAdapter,
  fault: Exclude<TerminalFault, { kind: 'timeout' }>,
  seq: number,
): SimReply {
  switch (fault.kind) {
    case 'rate-limit':
      return adapter.rateLimited(fault.status ?? 429, fault.retryAfterSeconds ?? 1);
    case 'server-error':
      return adapter.serverError(fault.status ?? 503);
    case 'html':
      return cloudflarePage(adapter.publicHost, fault.status ?? 502, seq);
  }
}
