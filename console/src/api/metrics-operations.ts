// The Metrics card's query: the app's points over a range and its recent deployments (the markers).
import { graphql } from '../gql';

export const AppMetricsQuery = graphql(`
  query AppMetrics($id: ID!, $since: DateTime, $stepSeconds: Int) {
    app(id: $id) {
      id
      metrics(since: $since, stepSeconds: $stepSeconds) {
        at
        cpuPercent
        memoryMb
        netRxBytes
        netTxBytes
      }
      deployments(limit: 50) {
        id
        createdAt
        status
      }
    }
  }
`);
