import { graphql } from '../graphql/graphql';
import { serverQuery } from './server-api';

const ViewerQuery = graphql(`
  query Viewer {
    viewer {
      id
      email
    }
  }
`);

/** The signed-in user for this request, from the session cookie, or null. */
export async function currentViewer() {
  return (await serverQuery(ViewerQuery)).viewer;
}
