// The team's notification channels (team ADMIN and OWNER only: the server refuses anyone else,
// since a Slack or Discord URL is itself a credential).
import { graphql } from '../gql';

export const NotificationChannelsQuery = graphql(`
  query NotificationChannels($teamId: ID!, $deliveries: Int!) {
    notificationChannels(teamId: $teamId) {
      id
      kind
      target
      events
      createdAt
      deliveries(limit: $deliveries) {
        id
        event
        status
        attempts
        error
        at
        updatedAt
      }
    }
  }
`);

/** The only answer that carries a WEBHOOK channel's signing secret. */
export const CreateNotificationChannelMutation = graphql(`
  mutation CreateNotificationChannel($teamId: ID!, $kind: NotificationKind!, $target: String!, $events: [String!]) {
    createNotificationChannel(teamId: $teamId, kind: $kind, target: $target, events: $events) {
      id
      kind
      target
      events
      secret
    }
  }
`);

export const DeleteNotificationChannelMutation = graphql(`
  mutation DeleteNotificationChannel($id: ID!) {
    deleteNotificationChannel(id: $id)
  }
`);
