// The running app's operations: its runtime log (stored and live) and its events.
import { graphql } from '../gql';

export const RuntimeLogsQuery = graphql(`
  query RuntimeLogs($id: ID!, $search: String, $limit: Int) {
    app(id: $id) {
      id
      runtimeLogs(search: $search, limit: $limit) {
        timestamp
        stream
        line
        instance
      }
    }
  }
`);

export const RuntimeLogsSubscription = graphql(`
  subscription RuntimeLogStream($id: ID!) {
    runtimeLogs(appId: $id) {
      timestamp
      stream
      line
      instance
    }
  }
`);

export const AppEventsQuery = graphql(`
  query AppEvents($id: ID!, $limit: Int) {
    app(id: $id) {
      id
      events(limit: $limit) {
        at
        kind
        message
        deploymentId
      }
    }
  }
`);
