// The push-to-deploy operations: the app's webhook and deliveries, previews, the team's forge
// connections and the New app form's repository picker. Kept apart from operations.ts because the
// previews and forge-connection fields arrive with other branches (adjust the names here if they differ).
import { graphql } from '../gql';

export const AppWebhookQuery = graphql(`
  query AppWebhook($id: ID!) {
    app(id: $id) {
      id
      webhook {
        forge
        url
      }
    }
  }
`);

/** DEVELOPER and above only (the server refuses a VIEWER). */
export const WebhookDeliveriesQuery = graphql(`
  query WebhookDeliveries($id: ID!, $limit: Int!) {
    app(id: $id) {
      id
      webhookDeliveries(limit: $limit) {
        id
        event
        deliveryId
        result
        receivedAt
      }
    }
  }
`);

export const EnableWebhookMutation = graphql(`
  mutation EnableGitWebhook($appId: ID!, $forge: Forge!) {
    enableGitWebhook(appId: $appId, forge: $forge) {
      forge
      url
      secret
    }
  }
`);

export const DisableWebhookMutation = graphql(`
  mutation DisableGitWebhook($appId: ID!) {
    disableGitWebhook(appId: $appId)
  }
`);

export const AppPreviewsQuery = graphql(`
  query AppPreviews($id: ID!) {
    app(id: $id) {
      id
      previewsEnabled
      previews {
        id
        pullRequest
        branch
        url
        createdAt
        liveDeployment {
          id
          status
          commitSha
        }
      }
      deployments(limit: 50) {
        id
        trigger
        preview {
          id
          pullRequest
        }
      }
    }
  }
`);

export const SetPreviewsEnabledMutation = graphql(`
  mutation SetPreviewsEnabled($appId: ID!, $enabled: Boolean!) {
    setPreviewsEnabled(appId: $appId, enabled: $enabled) {
      id
      previewsEnabled
    }
  }
`);

export const ForgeConnectionsQuery = graphql(`
  query ForgeConnections($teamId: ID!) {
    team(id: $teamId) {
      id
      forgeConnections {
        id
        forge
        baseUrl
        auth
        account
        createdAt
      }
    }
  }
`);

export const ConnectForgeMutation = graphql(`
  mutation ConnectForge($input: ConnectForgeInput!) {
    connectForge(input: $input) {
      id
      forge
      baseUrl
      auth
      account
      createdAt
    }
  }
`);

export const DisconnectForgeMutation = graphql(`
  mutation DisconnectForge($id: ID!) {
    disconnectForge(id: $id)
  }
`);

export const ForgeRepositoriesQuery = graphql(`
  query ForgeRepositories($teamId: ID!, $search: String) {
    team(id: $teamId) {
      id
      forgeConnections {
        id
        repositories(search: $search) {
          fullName
          cloneUrl
          defaultBranch
          private
        }
      }
    }
  }
`);

export const ForgeBranchesQuery = graphql(`
  query ForgeBranches($teamId: ID!, $repository: String!) {
    team(id: $teamId) {
      id
      forgeConnections {
        id
        branches(repository: $repository)
      }
    }
  }
`);
