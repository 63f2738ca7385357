/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Apps {\n    apps {\n      id\n      name\n      kind\n      url\n      releaseState\n      liveDeployment { id status commitSha createdAt }\n      deployments(limit: 1) { id status trigger commitSha createdAt finishedAt }\n    }\n  }\n": typeof types.AppsDocument,
    "\n  mutation CreateApp($input: CreateAppInput!) {\n    createApp(input: $input) { id name }\n  }\n": typeof types.CreateAppDocument,
    "\n  query App($id: ID!) {\n    app(id: $id) {\n      id\n      name\n      kind\n      url\n      gitUrl\n      branch\n      rootDirectory\n      dockerfilePath\n      buildImage\n      buildCommand\n      outputDirectory\n      spaFallback\n      port\n      healthCheckPath\n      hasGitToken\n      releaseState\n      createdAt\n      env { key value secret }\n      redeploySchedules { id cron paused nextRunAt }\n      liveDeployment { id commitSha imageRef sitePrefix createdAt }\n      deployments(limit: 50) {\n        id\n        status\n        trigger\n        commitSha\n        imageRef\n        sitePrefix\n        error\n        createdAt\n        finishedAt\n        workflowId\n        temporalUiUrl\n        sourceDeployment { id }\n        steps { name status attempt startedAt finishedAt message }\n      }\n    }\n  }\n": typeof types.AppDocument,
    "\n  subscription DeploymentUpdated($appId: ID!) {\n    deploymentUpdated(appId: $appId) {\n      id\n      status\n      error\n      finishedAt\n      steps { name status attempt startedAt finishedAt message }\n    }\n  }\n": typeof types.DeploymentUpdatedDocument,
    "\n  query DeploymentLogs($id: ID!, $afterSeq: Int) {\n    deploymentLogs(deploymentId: $id, afterSeq: $afterSeq) { seq timestamp stream line }\n  }\n": typeof types.DeploymentLogsDocument,
    "\n  subscription DeploymentLogStream($id: ID!, $afterSeq: Int) {\n    deploymentLogs(deploymentId: $id, afterSeq: $afterSeq) { seq timestamp stream line }\n  }\n": typeof types.DeploymentLogStreamDocument,
    "\n  mutation Deploy($appId: ID!, $commitSha: String) {\n    deploy(appId: $appId, commitSha: $commitSha) { id status }\n  }\n": typeof types.DeployDocument,
    "\n  mutation Rollback($appId: ID!, $to: ID) {\n    rollback(appId: $appId, toDeploymentId: $to) { id status }\n  }\n": typeof types.RollbackDocument,
    "\n  mutation CancelDeployment($id: ID!) {\n    cancelDeployment(id: $id) { id status error }\n  }\n": typeof types.CancelDeploymentDocument,
    "\n  mutation SetEnv($appId: ID!, $vars: [EnvVarInput!]!) {\n    setEnvVars(appId: $appId, vars: $vars) { id env { key value secret } }\n  }\n": typeof types.SetEnvDocument,
    "\n  mutation CreateSchedule($appId: ID!, $cron: String!) {\n    createRedeploySchedule(appId: $appId, cron: $cron) { id cron paused nextRunAt }\n  }\n": typeof types.CreateScheduleDocument,
    "\n  mutation PauseSchedule($id: ID!) { pauseRedeploySchedule(id: $id) { id paused nextRunAt } }\n": typeof types.PauseScheduleDocument,
    "\n  mutation ResumeSchedule($id: ID!) { resumeRedeploySchedule(id: $id) { id paused nextRunAt } }\n": typeof types.ResumeScheduleDocument,
    "\n  mutation DeleteSchedule($id: ID!) { deleteRedeploySchedule(id: $id) }\n": typeof types.DeleteScheduleDocument,
    "\n  mutation DeleteApp($id: ID!) { deleteApp(id: $id) }\n": typeof types.DeleteAppDocument,
    "\n  mutation CreateUpload($appId: ID!) { createUpload(appId: $appId) { id url fields { name value } maxBytes } }\n": typeof types.CreateUploadDocument,
    "\n  mutation DeployUpload($appId: ID!, $uploadId: ID!) { deployUpload(appId: $appId, uploadId: $uploadId) { id status } }\n": typeof types.DeployUploadDocument,
    "\n  query SampleApp { sampleApp { name gitUrl rootDirectory outputDirectory description } }\n": typeof types.SampleAppDocument,
};
const documents: Documents = {
    "\n  query Apps {\n    apps {\n      id\n      name\n      kind\n      url\n      releaseState\n      liveDeployment { id status commitSha createdAt }\n      deployments(limit: 1) { id status trigger commitSha createdAt finishedAt }\n    }\n  }\n": types.AppsDocument,
    "\n  mutation CreateApp($input: CreateAppInput!) {\n    createApp(input: $input) { id name }\n  }\n": types.CreateAppDocument,
    "\n  query App($id: ID!) {\n    app(id: $id) {\n      id\n      name\n      kind\n      url\n      gitUrl\n      branch\n      rootDirectory\n      dockerfilePath\n      buildImage\n      buildCommand\n      outputDirectory\n      spaFallback\n      port\n      healthCheckPath\n      hasGitToken\n      releaseState\n      createdAt\n      env { key value secret }\n      redeploySchedules { id cron paused nextRunAt }\n      liveDeployment { id commitSha imageRef sitePrefix createdAt }\n      deployments(limit: 50) {\n        id\n        status\n        trigger\n        commitSha\n        imageRef\n        sitePrefix\n        error\n        createdAt\n        finishedAt\n        workflowId\n        temporalUiUrl\n        sourceDeployment { id }\n        steps { name status attempt startedAt finishedAt message }\n      }\n    }\n  }\n": types.AppDocument,
    "\n  subscription DeploymentUpdated($appId: ID!) {\n    deploymentUpdated(appId: $appId) {\n      id\n      status\n      error\n      finishedAt\n      steps { name status attempt startedAt finishedAt message }\n    }\n  }\n": types.DeploymentUpdatedDocument,
    "\n  query DeploymentLogs($id: ID!, $afterSeq: Int) {\n    deploymentLogs(deploymentId: $id, afterSeq: $afterSeq) { seq timestamp stream line }\n  }\n": types.DeploymentLogsDocument,
    "\n  subscription DeploymentLogStream($id: ID!, $afterSeq: Int) {\n    deploymentLogs(deploymentId: $id, afterSeq: $afterSeq) { seq timestamp stream line }\n  }\n": types.DeploymentLogStreamDocument,
    "\n  mutation Deploy($appId: ID!, $commitSha: String) {\n    deploy(appId: $appId, commitSha: $commitSha) { id status }\n  }\n": types.DeployDocument,
    "\n  mutation Rollback($appId: ID!, $to: ID) {\n    rollback(appId: $appId, toDeploymentId: $to) { id status }\n  }\n": types.RollbackDocument,
    "\n  mutation CancelDeployment($id: ID!) {\n    cancelDeployment(id: $id) { id status error }\n  }\n": types.CancelDeploymentDocument,
    "\n  mutation SetEnv($appId: ID!, $vars: [EnvVarInput!]!) {\n    setEnvVars(appId: $appId, vars: $vars) { id env { key value secret } }\n  }\n": types.SetEnvDocument,
    "\n  mutation CreateSchedule($appId: ID!, $cron: String!) {\n    createRedeploySchedule(appId: $appId, cron: $cron) { id cron paused nextRunAt }\n  }\n": types.CreateScheduleDocument,
    "\n  mutation PauseSchedule($id: ID!) { pauseRedeploySchedule(id: $id) { id paused nextRunAt } }\n": types.PauseScheduleDocument,
    "\n  mutation ResumeSchedule($id: ID!) { resumeRedeploySchedule(id: $id) { id paused nextRunAt } }\n": types.ResumeScheduleDocument,
    "\n  mutation DeleteSchedule($id: ID!) { deleteRedeploySchedule(id: $id) }\n": types.DeleteScheduleDocument,
    "\n  mutation DeleteApp($id: ID!) { deleteApp(id: $id) }\n": types.DeleteAppDocument,
    "\n  mutation CreateUpload($appId: ID!) { createUpload(appId: $appId) { id url fields { name value } maxBytes } }\n": types.CreateUploadDocument,
    "\n  mutation DeployUpload($appId: ID!, $uploadId: ID!) { deployUpload(appId: $appId, uploadId: $uploadId) { id status } }\n": types.DeployUploadDocument,
    "\n  query SampleApp { sampleApp { name gitUrl rootDirectory outputDirectory description } }\n": types.SampleAppDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Apps {\n    apps {\n      id\n      name\n      kind\n      url\n      releaseState\n      liveDeployment { id status commitSha createdAt }\n      deployments(limit: 1) { id status trigger commitSha createdAt finishedAt }\n    }\n  }\n"): (typeof documents)["\n  query Apps {\n    apps {\n      id\n      name\n      kind\n      url\n      releaseState\n      liveDeployment { id status commitSha createdAt }\n      deployments(limit: 1) { id status trigger commitSha createdAt finishedAt }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateApp($input: CreateAppInput!) {\n    createApp(input: $input) { id name }\n  }\n"): (typeof documents)["\n  mutation CreateApp($input: CreateAppInput!) {\n    createApp(input: $input) { id name }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query App($id: ID!) {\n    app(id: $id) {\n      id\n      name\n      kind\n      url\n      gitUrl\n      branch\n      rootDirectory\n      dockerfilePath\n      buildImage\n      buildCommand\n      outputDirectory\n      spaFallback\n      port\n      healthCheckPath\n      hasGitToken\n      releaseState\n      createdAt\n      env { key value secret }\n      redeploySchedules { id cron paused nextRunAt }\n      liveDeployment { id commitSha imageRef sitePrefix createdAt }\n      deployments(limit: 50) {\n        id\n        status\n        trigger\n        commitSha\n        imageRef\n        sitePrefix\n        error\n        createdAt\n        finishedAt\n        workflowId\n        temporalUiUrl\n        sourceDeployment { id }\n        steps { name status attempt startedAt finishedAt message }\n      }\n    }\n  }\n"): (typeof documents)["\n  query App($id: ID!) {\n    app(id: $id) {\n      id\n      name\n      kind\n      url\n      gitUrl\n      branch\n      rootDirectory\n      dockerfilePath\n      buildImage\n      buildCommand\n      outputDirectory\n      spaFallback\n      port\n      healthCheckPath\n      hasGitToken\n      releaseState\n      createdAt\n      env { key value secret }\n      redeploySchedules { id cron paused nextRunAt }\n      liveDeployment { id commitSha imageRef sitePrefix createdAt }\n      deployments(limit: 50) {\n        id\n        status\n        trigger\n        commitSha\n        imageRef\n        sitePrefix\n        error\n        createdAt\n        finishedAt\n        workflowId\n        temporalUiUrl\n        sourceDeployment { id }\n        steps { name status attempt startedAt finishedAt message }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DeploymentUpdated($appId: ID!) {\n    deploymentUpdated(appId: $appId) {\n      id\n      status\n      error\n      finishedAt\n      steps { name status attempt startedAt finishedAt message }\n    }\n  }\n"): (typeof documents)["\n  subscription DeploymentUpdated($appId: ID!) {\n    deploymentUpdated(appId: $appId) {\n      id\n      status\n      error\n      finishedAt\n      steps { name status attempt startedAt finishedAt message }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DeploymentLogs($id: ID!, $afterSeq: Int) {\n    deploymentLogs(deploymentId: $id, afterSeq: $afterSeq) { seq timestamp stream line }\n  }\n"): (typeof documents)["\n  query DeploymentLogs($id: ID!, $afterSeq: Int) {\n    deploymentLogs(deploymentId: $id, afterSeq: $afterSeq) { seq timestamp stream line }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DeploymentLogStream($id: ID!, $afterSeq: Int) {\n    deploymentLogs(deploymentId: $id, afterSeq: $afterSeq) { seq timestamp stream line }\n  }\n"): (typeof documents)["\n  subscription DeploymentLogStream($id: ID!, $afterSeq: Int) {\n    deploymentLogs(deploymentId: $id, afterSeq: $afterSeq) { seq timestamp stream line }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Deploy($appId: ID!, $commitSha: String) {\n    deploy(appId: $appId, commitSha: $commitSha) { id status }\n  }\n"): (typeof documents)["\n  mutation Deploy($appId: ID!, $commitSha: String) {\n    deploy(appId: $appId, commitSha: $commitSha) { id status }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Rollback($appId: ID!, $to: ID) {\n    rollback(appId: $appId, toDeploymentId: $to) { id status }\n  }\n"): (typeof documents)["\n  mutation Rollback($appId: ID!, $to: ID) {\n    rollback(appId: $appId, toDeploymentId: $to) { id status }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelDeployment($id: ID!) {\n    cancelDeployment(id: $id) { id status error }\n  }\n"): (typeof documents)["\n  mutation CancelDeployment($id: ID!) {\n    cancelDeployment(id: $id) { id status error }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetEnv($appId: ID!, $vars: [EnvVarInput!]!) {\n    setEnvVars(appId: $appId, vars: $vars) { id env { key value secret } }\n  }\n"): (typeof documents)["\n  mutation SetEnv($appId: ID!, $vars: [EnvVarInput!]!) {\n    setEnvVars(appId: $appId, vars: $vars) { id env { key value secret } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateSchedule($appId: ID!, $cron: String!) {\n    createRedeploySchedule(appId: $appId, cron: $cron) { id cron paused nextRunAt }\n  }\n"): (typeof documents)["\n  mutation CreateSchedule($appId: ID!, $cron: String!) {\n    createRedeploySchedule(appId: $appId, cron: $cron) { id cron paused nextRunAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PauseSchedule($id: ID!) { pauseRedeploySchedule(id: $id) { id paused nextRunAt } }\n"): (typeof documents)["\n  mutation PauseSchedule($id: ID!) { pauseRedeploySchedule(id: $id) { id paused nextRunAt } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResumeSchedule($id: ID!) { resumeRedeploySchedule(id: $id) { id paused nextRunAt } }\n"): (typeof documents)["\n  mutation ResumeSchedule($id: ID!) { resumeRedeploySchedule(id: $id) { id paused nextRunAt } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteSchedule($id: ID!) { deleteRedeploySchedule(id: $id) }\n"): (typeof documents)["\n  mutation DeleteSchedule($id: ID!) { deleteRedeploySchedule(id: $id) }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteApp($id: ID!) { deleteApp(id: $id) }\n"): (typeof documents)["\n  mutation DeleteApp($id: ID!) { deleteApp(id: $id) }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateUpload($appId: ID!) { createUpload(appId: $appId) { id url fields { name value } maxBytes } }\n"): (typeof documents)["\n  mutation CreateUpload($appId: ID!) { createUpload(appId: $appId) { id url fields { name value } maxBytes } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeployUpload($appId: ID!, $uploadId: ID!) { deployUpload(appId: $appId, uploadId: $uploadId) { id status } }\n"): (typeof documents)["\n  mutation DeployUpload($appId: ID!, $uploadId: ID!) { deployUpload(appId: $appId, uploadId: $uploadId) { id status } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SampleApp { sampleApp { name gitUrl rootDirectory outputDirectory description } }\n"): (typeof documents)["\n  query SampleApp { sampleApp { name gitUrl rootDirectory outputDirectory description } }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;