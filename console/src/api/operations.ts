// Every operation the console sends, typed from graphql/schema.graphql by GraphQL Code Generator.
import { graphql } from '../gql';

export const AppsQuery = graphql(`
  query Apps {
    apps {
      id
      name
      kind
      team {
        id
      }
      url
      releaseState
      liveDeployment {
        id
        status
        commitSha
        createdAt
      }
      deployments(limit: 1) {
        id
        status
        trigger
        commitSha
        createdAt
        finishedAt
      }
    }
  }
`);

export const CreateAppMutation = graphql(`
  mutation CreateApp($input: CreateAppInput!) {
    createApp(input: $input) {
      id
      name
    }
  }
`);

export const AppQuery = graphql(`
  query App($id: ID!) {
    app(id: $id) {
      id
      name
      kind
      team {
        id
        name
        role
      }
      url
      gitUrl
      branch
      rootDirectory
      dockerfilePath
      buildImage
      buildCommand
      outputDirectory
      spaFallback
      port
      healthCheckPath
      hasGitToken
      releaseState
      createdAt
      env {
        key
        value
        secret
      }
      redeploySchedules {
        id
        cron
        paused
        nextRunAt
      }
      liveDeployment {
        id
        commitSha
        imageRef
        sitePrefix
        createdAt
      }
      deployments(limit: 50) {
        id
        status
        trigger
        commitSha
        imageRef
        sitePrefix
        error
        createdAt
        finishedAt
        workflowId
        temporalUiUrl
        sourceDeployment {
          id
        }
        steps {
          name
          status
          attempt
          startedAt
          finishedAt
          message
        }
      }
    }
  }
`);

export const DeploymentUpdatedSubscription = graphql(`
  subscription DeploymentUpdated($appId: ID!) {
    deploymentUpdated(appId: $appId) {
      id
      status
      error
      finishedAt
      steps {
        name
        status
        attempt
        startedAt
        finishedAt
        message
      }
    }
  }
`);

export const DeploymentLogsQuery = graphql(`
  query DeploymentLogs($id: ID!, $afterSeq: Int) {
    deploymentLogs(deploymentId: $id, afterSeq: $afterSeq) {
      seq
      timestamp
      stream
      line
    }
  }
`);

export const DeploymentLogsSubscription = graphql(`
  subscription DeploymentLogStream($id: ID!, $afterSeq: Int) {
    deploymentLogs(deploymentId: $id, afterSeq: $afterSeq) {
      seq
      timestamp
      stream
      line
    }
  }
`);

export const DeployMutation = graphql(`
  mutation Deploy($appId: ID!, $commitSha: String) {
    deploy(appId: $appId, commitSha: $commitSha) {
      id
      status
    }
  }
`);

export const RollbackMutation = graphql(`
  mutation Rollback($appId: ID!, $to: ID) {
    rollback(appId: $appId, toDeploymentId: $to) {
      id
      status
    }
  }
`);

export const CancelMutation = graphql(`
  mutation CancelDeployment($id: ID!) {
    cancelDeployment(id: $id) {
      id
      status
      error
    }
  }
`);

export const SetEnvMutation = graphql(`
  mutation SetEnv($appId: ID!, $vars: [EnvVarInput!]!) {
    setEnvVars(appId: $appId, vars: $vars) {
      id
      env {
        key
        value
        secret
      }
    }
  }
`);

export const CreateScheduleMutation = graphql(`
  mutation CreateSchedule($appId: ID!, $cron: String!) {
    createRedeploySchedule(appId: $appId, cron: $cron) {
      id
      cron
      paused
      nextRunAt
    }
  }
`);

export const PauseScheduleMutation = graphql(`
  mutation PauseSchedule($id: ID!) {
    pauseRedeploySchedule(id: $id) {
      id
      paused
      nextRunAt
    }
  }
`);

export const ResumeScheduleMutation = graphql(`
  mutation ResumeSchedule($id: ID!) {
    resumeRedeploySchedule(id: $id) {
      id
      paused
      nextRunAt
    }
  }
`);

export const DeleteScheduleMutation = graphql(`
  mutation DeleteSchedule($id: ID!) {
    deleteRedeploySchedule(id: $id)
  }
`);

export const DeleteAppMutation = graphql(`
  mutation DeleteApp($id: ID!) {
    deleteApp(id: $id)
  }
`);

export const CreateUploadMutation = graphql(`
  mutation CreateUpload($appId: ID!) {
    createUpload(appId: $appId) {
      id
      url
      fields {
        name
        value
      }
      maxBytes
    }
  }
`);

export const DeployUploadMutation = graphql(`
  mutation DeployUpload($appId: ID!, $uploadId: ID!) {
    deployUpload(appId: $appId, uploadId: $uploadId) {
      id
      status
    }
  }
`);

export const SampleAppQuery = graphql(`
  query SampleApp {
    sampleApp {
      name
      gitUrl
      rootDirectory
      outputDirectory
      description
    }
  }
`);
