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
    "\n  mutation SignIn($email: String!, $password: String!) {\n    signIn(email: $email, password: $password) {\n      accessToken\n      refreshToken\n      expiresAt\n      user {\n        id\n        email\n        name\n        platformAdmin\n      }\n    }\n  }\n": typeof types.SignInDocument,
    "\n  mutation SignUp($email: String!, $password: String!, $name: String) {\n    signUp(email: $email, password: $password, name: $name) {\n      accessToken\n      refreshToken\n      expiresAt\n      user {\n        id\n        email\n        name\n        platformAdmin\n      }\n    }\n  }\n": typeof types.SignUpDocument,
    "\n  query Teams {\n    teams {\n      id\n      name\n      role\n      personal\n    }\n  }\n": typeof types.TeamsDocument,
    "\n  mutation CreateTeam($name: String!) {\n    createTeam(name: $name) {\n      id\n      name\n      role\n    }\n  }\n": typeof types.CreateTeamDocument,
    "\n  query TeamUsage($id: ID!) {\n    team(id: $id) {\n      id\n      name\n      role\n      plan {\n        id\n        name\n        maxApps\n        maxMemoryMb\n        maxConcurrentBuilds\n        maxBuildMinutesPerMonth\n      }\n      usage {\n        apps\n        memoryMb\n        buildMinutesThisMonth\n      }\n    }\n  }\n": typeof types.TeamUsageDocument,
    "\n  query TeamMembers($id: ID!) {\n    team(id: $id) {\n      id\n      members {\n        role\n        user {\n          id\n          email\n          name\n        }\n      }\n    }\n  }\n": typeof types.TeamMembersDocument,
    "\n  query TeamInvitations($id: ID!) {\n    team(id: $id) {\n      id\n      invitations {\n        email\n        role\n        createdAt\n      }\n    }\n  }\n": typeof types.TeamInvitationsDocument,
    "\n  mutation AddTeamMember($teamId: ID!, $email: String!, $role: TeamRole!) {\n    addTeamMember(teamId: $teamId, email: $email, role: $role) {\n      role\n      user {\n        id\n        email\n      }\n    }\n  }\n": typeof types.AddTeamMemberDocument,
    "\n  mutation RemoveTeamMember($teamId: ID!, $userId: ID!) {\n    removeTeamMember(teamId: $teamId, userId: $userId)\n  }\n": typeof types.RemoveTeamMemberDocument,
    "\n  query TeamTokens($id: ID!) {\n    team(id: $id) {\n      id\n      apiTokens {\n        id\n        name\n        role\n        expiresAt\n        lastUsedAt\n        createdAt\n      }\n    }\n  }\n": typeof types.TeamTokensDocument,
    "\n  mutation CreateApiToken($teamId: ID!, $name: String!, $role: TeamRole!, $expiresInDays: Int) {\n    createApiToken(teamId: $teamId, name: $name, role: $role, expiresInDays: $expiresInDays) {\n      token\n      apiToken {\n        id\n        name\n        role\n        expiresAt\n      }\n    }\n  }\n": typeof types.CreateApiTokenDocument,
    "\n  mutation RevokeApiToken($id: ID!) {\n    revokeApiToken(id: $id)\n  }\n": typeof types.RevokeApiTokenDocument,
    "\n  query AuditEvents($teamId: ID!, $limit: Int) {\n    auditEvents(teamId: $teamId, limit: $limit) {\n      id\n      at\n      actor\n      action\n      targetId\n      result\n    }\n  }\n": typeof types.AuditEventsDocument,
    "\n  query Platform {\n    plans {\n      id\n      name\n    }\n    platform {\n      users {\n        id\n        email\n        name\n        platformAdmin\n        createdAt\n      }\n      teams {\n        id\n        name\n        plan {\n          id\n          name\n          maxApps\n          maxMemoryMb\n          maxBuildMinutesPerMonth\n        }\n        usage {\n          apps\n          memoryMb\n          buildMinutesThisMonth\n        }\n      }\n      runningReleases {\n        id\n        commitSha\n        createdAt\n        app {\n          id\n          name\n          url\n          team {\n            name\n          }\n        }\n      }\n      activeDeployments {\n        id\n        status\n        trigger\n        createdAt\n        app {\n          id\n          name\n          team {\n            name\n          }\n        }\n      }\n      health {\n        status\n        dependencies {\n          name\n          state\n        }\n      }\n    }\n  }\n": typeof types.PlatformDocument,
    "\n  mutation SetTeamPlan($teamId: ID!, $planId: ID!) {\n    setTeamPlan(teamId: $teamId, planId: $planId) {\n      id\n      plan {\n        id\n        name\n      }\n    }\n  }\n": typeof types.SetTeamPlanDocument,
    "\n  query ForgeIdentities {\n    forgeIdentities {\n      provider\n      username\n      linkedAt\n      lastSignInAt\n    }\n  }\n": typeof types.ForgeIdentitiesDocument,
    "\n  mutation UnlinkForgeIdentity($provider: String!) {\n    unlinkForgeIdentity(provider: $provider)\n  }\n": typeof types.UnlinkForgeIdentityDocument,
    "\n  mutation SetPlatformAdmin($userId: ID!, $platformAdmin: Boolean!) {\n    setPlatformAdmin(userId: $userId, platformAdmin: $platformAdmin) {\n      id\n      platformAdmin\n    }\n  }\n": typeof types.SetPlatformAdminDocument,
    "\n  query AppWebhook($id: ID!) {\n    app(id: $id) {\n      id\n      webhook {\n        forge\n        url\n      }\n    }\n  }\n": typeof types.AppWebhookDocument,
    "\n  query WebhookDeliveries($id: ID!, $limit: Int!) {\n    app(id: $id) {\n      id\n      webhookDeliveries(limit: $limit) {\n        id\n        event\n        deliveryId\n        result\n        receivedAt\n      }\n    }\n  }\n": typeof types.WebhookDeliveriesDocument,
    "\n  mutation EnableGitWebhook($appId: ID!, $forge: Forge!) {\n    enableGitWebhook(appId: $appId, forge: $forge) {\n      forge\n      url\n      secret\n    }\n  }\n": typeof types.EnableGitWebhookDocument,
    "\n  mutation DisableGitWebhook($appId: ID!) {\n    disableGitWebhook(appId: $appId)\n  }\n": typeof types.DisableGitWebhookDocument,
    "\n  query AppPreviews($id: ID!) {\n    app(id: $id) {\n      id\n      previewsEnabled\n      previews {\n        id\n        pullRequest\n        branch\n        url\n        createdAt\n        liveDeployment {\n          id\n          status\n          commitSha\n        }\n      }\n      deployments(limit: 50) {\n        id\n        trigger\n        preview {\n          id\n          pullRequest\n        }\n      }\n    }\n  }\n": typeof types.AppPreviewsDocument,
    "\n  mutation SetPreviewsEnabled($appId: ID!, $enabled: Boolean!) {\n    setPreviewsEnabled(appId: $appId, enabled: $enabled) {\n      id\n      previewsEnabled\n    }\n  }\n": typeof types.SetPreviewsEnabledDocument,
    "\n  query ForgeConnections($teamId: ID!) {\n    team(id: $teamId) {\n      id\n      forgeConnections {\n        id\n        forge\n        baseUrl\n        auth\n        account\n        createdAt\n      }\n    }\n  }\n": typeof types.ForgeConnectionsDocument,
    "\n  mutation ConnectForge($input: ConnectForgeInput!) {\n    connectForge(input: $input) {\n      id\n      forge\n      baseUrl\n      auth\n      account\n      createdAt\n    }\n  }\n": typeof types.ConnectForgeDocument,
    "\n  mutation DisconnectForge($id: ID!) {\n    disconnectForge(id: $id)\n  }\n": typeof types.DisconnectForgeDocument,
    "\n  query ForgeRepositories($teamId: ID!, $search: String) {\n    team(id: $teamId) {\n      id\n      forgeConnections {\n        id\n        repositories(search: $search) {\n          fullName\n          cloneUrl\n          defaultBranch\n          private\n        }\n      }\n    }\n  }\n": typeof types.ForgeRepositoriesDocument,
    "\n  query ForgeBranches($teamId: ID!, $repository: String!) {\n    team(id: $teamId) {\n      id\n      forgeConnections {\n        id\n        branches(repository: $repository)\n      }\n    }\n  }\n": typeof types.ForgeBranchesDocument,
    "\n  query AppMetrics($id: ID!, $since: DateTime, $stepSeconds: Int) {\n    app(id: $id) {\n      id\n      metrics(since: $since, stepSeconds: $stepSeconds) {\n        at\n        cpuPercent\n        memoryMb\n        netRxBytes\n        netTxBytes\n      }\n      deployments(limit: 50) {\n        id\n        createdAt\n        status\n      }\n    }\n  }\n": typeof types.AppMetricsDocument,
    "\n  query NotificationChannels($teamId: ID!, $deliveries: Int!) {\n    notificationChannels(teamId: $teamId) {\n      id\n      kind\n      target\n      events\n      createdAt\n      deliveries(limit: $deliveries) {\n        id\n        event\n        status\n        attempts\n        error\n        at\n        updatedAt\n      }\n    }\n  }\n": typeof types.NotificationChannelsDocument,
    "\n  mutation CreateNotificationChannel($teamId: ID!, $kind: NotificationKind!, $target: String!, $events: [String!]) {\n    createNotificationChannel(teamId: $teamId, kind: $kind, target: $target, events: $events) {\n      id\n      kind\n      target\n      events\n      secret\n    }\n  }\n": typeof types.CreateNotificationChannelDocument,
    "\n  mutation DeleteNotificationChannel($id: ID!) {\n    deleteNotificationChannel(id: $id)\n  }\n": typeof types.DeleteNotificationChannelDocument,
    "\n  query Apps {\n    apps {\n      id\n      name\n      kind\n      team {\n        id\n      }\n      url\n      releaseState\n      liveDeployment {\n        id\n        status\n        commitSha\n        createdAt\n      }\n      deployments(limit: 1) {\n        id\n        status\n        trigger\n        commitSha\n        createdAt\n        finishedAt\n      }\n    }\n  }\n": typeof types.AppsDocument,
    "\n  mutation CreateApp($input: CreateAppInput!) {\n    createApp(input: $input) {\n      id\n      name\n    }\n  }\n": typeof types.CreateAppDocument,
    "\n  query App($id: ID!) {\n    app(id: $id) {\n      id\n      name\n      kind\n      team {\n        id\n        name\n        role\n      }\n      url\n      gitUrl\n      branch\n      rootDirectory\n      dockerfilePath\n      buildImage\n      buildCommand\n      outputDirectory\n      spaFallback\n      port\n      healthCheckPath\n      hasGitToken\n      releaseState\n      createdAt\n      env {\n        key\n        value\n        secret\n      }\n      redeploySchedules {\n        id\n        cron\n        paused\n        nextRunAt\n      }\n      liveDeployment {\n        id\n        commitSha\n        imageRef\n        sitePrefix\n        createdAt\n      }\n      deployments(limit: 50) {\n        id\n        status\n        trigger\n        commitSha\n        imageRef\n        sitePrefix\n        error\n        createdAt\n        finishedAt\n        workflowId\n        temporalUiUrl\n        sourceDeployment {\n          id\n        }\n        steps {\n          name\n          status\n          attempt\n          startedAt\n          finishedAt\n          message\n        }\n      }\n    }\n  }\n": typeof types.AppDocument,
    "\n  subscription DeploymentUpdated($appId: ID!) {\n    deploymentUpdated(appId: $appId) {\n      id\n      status\n      error\n      finishedAt\n      steps {\n        name\n        status\n        attempt\n        startedAt\n        finishedAt\n        message\n      }\n    }\n  }\n": typeof types.DeploymentUpdatedDocument,
    "\n  query DeploymentLogs($id: ID!, $afterSeq: Int) {\n    deploymentLogs(deploymentId: $id, afterSeq: $afterSeq) {\n      seq\n      timestamp\n      stream\n      line\n    }\n  }\n": typeof types.DeploymentLogsDocument,
    "\n  subscription DeploymentLogStream($id: ID!, $afterSeq: Int) {\n    deploymentLogs(deploymentId: $id, afterSeq: $afterSeq) {\n      seq\n      timestamp\n      stream\n      line\n    }\n  }\n": typeof types.DeploymentLogStreamDocument,
    "\n  mutation Deploy($appId: ID!, $commitSha: String) {\n    deploy(appId: $appId, commitSha: $commitSha) {\n      id\n      status\n    }\n  }\n": typeof types.DeployDocument,
    "\n  mutation Rollback($appId: ID!, $to: ID) {\n    rollback(appId: $appId, toDeploymentId: $to) {\n      id\n      status\n    }\n  }\n": typeof types.RollbackDocument,
    "\n  mutation CancelDeployment($id: ID!) {\n    cancelDeployment(id: $id) {\n      id\n      status\n      error\n    }\n  }\n": typeof types.CancelDeploymentDocument,
    "\n  mutation SetEnv($appId: ID!, $vars: [EnvVarInput!]!) {\n    setEnvVars(appId: $appId, vars: $vars) {\n      id\n      env {\n        key\n        value\n        secret\n      }\n    }\n  }\n": typeof types.SetEnvDocument,
    "\n  mutation CreateSchedule($appId: ID!, $cron: String!) {\n    createRedeploySchedule(appId: $appId, cron: $cron) {\n      id\n      cron\n      paused\n      nextRunAt\n    }\n  }\n": typeof types.CreateScheduleDocument,
    "\n  mutation PauseSchedule($id: ID!) {\n    pauseRedeploySchedule(id: $id) {\n      id\n      paused\n      nextRunAt\n    }\n  }\n": typeof types.PauseScheduleDocument,
    "\n  mutation ResumeSchedule($id: ID!) {\n    resumeRedeploySchedule(id: $id) {\n      id\n      paused\n      nextRunAt\n    }\n  }\n": typeof types.ResumeScheduleDocument,
    "\n  mutation DeleteSchedule($id: ID!) {\n    deleteRedeploySchedule(id: $id)\n  }\n": typeof types.DeleteScheduleDocument,
    "\n  mutation DeleteApp($id: ID!) {\n    deleteApp(id: $id)\n  }\n": typeof types.DeleteAppDocument,
    "\n  mutation CreateUpload($appId: ID!) {\n    createUpload(appId: $appId) {\n      id\n      url\n      fields {\n        name\n        value\n      }\n      maxBytes\n    }\n  }\n": typeof types.CreateUploadDocument,
    "\n  mutation DeployUpload($appId: ID!, $uploadId: ID!) {\n    deployUpload(appId: $appId, uploadId: $uploadId) {\n      id\n      status\n    }\n  }\n": typeof types.DeployUploadDocument,
    "\n  query SampleApp {\n    sampleApp {\n      name\n      gitUrl\n      rootDirectory\n      outputDirectory\n      description\n    }\n  }\n": typeof types.SampleAppDocument,
    "\n  query RuntimeLogs($id: ID!, $search: String, $limit: Int) {\n    app(id: $id) {\n      id\n      runtimeLogs(search: $search, limit: $limit) {\n        timestamp\n        stream\n        line\n        instance\n      }\n    }\n  }\n": typeof types.RuntimeLogsDocument,
    "\n  subscription RuntimeLogStream($id: ID!) {\n    runtimeLogs(appId: $id) {\n      timestamp\n      stream\n      line\n      instance\n    }\n  }\n": typeof types.RuntimeLogStreamDocument,
    "\n  query AppEvents($id: ID!, $limit: Int) {\n    app(id: $id) {\n      id\n      events(limit: $limit) {\n        at\n        kind\n        message\n        deploymentId\n      }\n    }\n  }\n": typeof types.AppEventsDocument,
};
const documents: Documents = {
    "\n  mutation SignIn($email: String!, $password: String!) {\n    signIn(email: $email, password: $password) {\n      accessToken\n      refreshToken\n      expiresAt\n      user {\n        id\n        email\n        name\n        platformAdmin\n      }\n    }\n  }\n": types.SignInDocument,
    "\n  mutation SignUp($email: String!, $password: String!, $name: String) {\n    signUp(email: $email, password: $password, name: $name) {\n      accessToken\n      refreshToken\n      expiresAt\n      user {\n        id\n        email\n        name\n        platformAdmin\n      }\n    }\n  }\n": types.SignUpDocument,
    "\n  query Teams {\n    teams {\n      id\n      name\n      role\n      personal\n    }\n  }\n": types.TeamsDocument,
    "\n  mutation CreateTeam($name: String!) {\n    createTeam(name: $name) {\n      id\n      name\n      role\n    }\n  }\n": types.CreateTeamDocument,
    "\n  query TeamUsage($id: ID!) {\n    team(id: $id) {\n      id\n      name\n      role\n      plan {\n        id\n        name\n        maxApps\n        maxMemoryMb\n        maxConcurrentBuilds\n        maxBuildMinutesPerMonth\n      }\n      usage {\n        apps\n        memoryMb\n        buildMinutesThisMonth\n      }\n    }\n  }\n": types.TeamUsageDocument,
    "\n  query TeamMembers($id: ID!) {\n    team(id: $id) {\n      id\n      members {\n        role\n        user {\n          id\n          email\n          name\n        }\n      }\n    }\n  }\n": types.TeamMembersDocument,
    "\n  query TeamInvitations($id: ID!) {\n    team(id: $id) {\n      id\n      invitations {\n        email\n        role\n        createdAt\n      }\n    }\n  }\n": types.TeamInvitationsDocument,
    "\n  mutation AddTeamMember($teamId: ID!, $email: String!, $role: TeamRole!) {\n    addTeamMember(teamId: $teamId, email: $email, role: $role) {\n      role\n      user {\n        id\n        email\n      }\n    }\n  }\n": types.AddTeamMemberDocument,
    "\n  mutation RemoveTeamMember($teamId: ID!, $userId: ID!) {\n    removeTeamMember(teamId: $teamId, userId: $userId)\n  }\n": types.RemoveTeamMemberDocument,
    "\n  query TeamTokens($id: ID!) {\n    team(id: $id) {\n      id\n      apiTokens {\n        id\n        name\n        role\n        expiresAt\n        lastUsedAt\n        createdAt\n      }\n    }\n  }\n": types.TeamTokensDocument,
    "\n  mutation CreateApiToken($teamId: ID!, $name: String!, $role: TeamRole!, $expiresInDays: Int) {\n    createApiToken(teamId: $teamId, name: $name, role: $role, expiresInDays: $expiresInDays) {\n      token\n      apiToken {\n        id\n        name\n        role\n        expiresAt\n      }\n    }\n  }\n": types.CreateApiTokenDocument,
    "\n  mutation RevokeApiToken($id: ID!) {\n    revokeApiToken(id: $id)\n  }\n": types.RevokeApiTokenDocument,
    "\n  query AuditEvents($teamId: ID!, $limit: Int) {\n    auditEvents(teamId: $teamId, limit: $limit) {\n      id\n      at\n      actor\n      action\n      targetId\n      result\n    }\n  }\n": types.AuditEventsDocument,
    "\n  query Platform {\n    plans {\n      id\n      name\n    }\n    platform {\n      users {\n        id\n        email\n        name\n        platformAdmin\n        createdAt\n      }\n      teams {\n        id\n        name\n        plan {\n          id\n          name\n          maxApps\n          maxMemoryMb\n          maxBuildMinutesPerMonth\n        }\n        usage {\n          apps\n          memoryMb\n          buildMinutesThisMonth\n        }\n      }\n      runningReleases {\n        id\n        commitSha\n        createdAt\n        app {\n          id\n          name\n          url\n          team {\n            name\n          }\n        }\n      }\n      activeDeployments {\n        id\n        status\n        trigger\n        createdAt\n        app {\n          id\n          name\n          team {\n            name\n          }\n        }\n      }\n      health {\n        status\n        dependencies {\n          name\n          state\n        }\n      }\n    }\n  }\n": types.PlatformDocument,
    "\n  mutation SetTeamPlan($teamId: ID!, $planId: ID!) {\n    setTeamPlan(teamId: $teamId, planId: $planId) {\n      id\n      plan {\n        id\n        name\n      }\n    }\n  }\n": types.SetTeamPlanDocument,
    "\n  query ForgeIdentities {\n    forgeIdentities {\n      provider\n      username\n      linkedAt\n      lastSignInAt\n    }\n  }\n": types.ForgeIdentitiesDocument,
    "\n  mutation UnlinkForgeIdentity($provider: String!) {\n    unlinkForgeIdentity(provider: $provider)\n  }\n": types.UnlinkForgeIdentityDocument,
    "\n  mutation SetPlatformAdmin($userId: ID!, $platformAdmin: Boolean!) {\n    setPlatformAdmin(userId: $userId, platformAdmin: $platformAdmin) {\n      id\n      platformAdmin\n    }\n  }\n": types.SetPlatformAdminDocument,
    "\n  query AppWebhook($id: ID!) {\n    app(id: $id) {\n      id\n      webhook {\n        forge\n        url\n      }\n    }\n  }\n": types.AppWebhookDocument,
    "\n  query WebhookDeliveries($id: ID!, $limit: Int!) {\n    app(id: $id) {\n      id\n      webhookDeliveries(limit: $limit) {\n        id\n        event\n        deliveryId\n        result\n        receivedAt\n      }\n    }\n  }\n": types.WebhookDeliveriesDocument,
    "\n  mutation EnableGitWebhook($appId: ID!, $forge: Forge!) {\n    enableGitWebhook(appId: $appId, forge: $forge) {\n      forge\n      url\n      secret\n    }\n  }\n": types.EnableGitWebhookDocument,
    "\n  mutation DisableGitWebhook($appId: ID!) {\n    disableGitWebhook(appId: $appId)\n  }\n": types.DisableGitWebhookDocument,
    "\n  query AppPreviews($id: ID!) {\n    app(id: $id) {\n      id\n      previewsEnabled\n      previews {\n        id\n        pullRequest\n        branch\n        url\n        createdAt\n        liveDeployment {\n          id\n          status\n          commitSha\n        }\n      }\n      deployments(limit: 50) {\n        id\n        trigger\n        preview {\n          id\n          pullRequest\n        }\n      }\n    }\n  }\n": types.AppPreviewsDocument,
    "\n  mutation SetPreviewsEnabled($appId: ID!, $enabled: Boolean!) {\n    setPreviewsEnabled(appId: $appId, enabled: $enabled) {\n      id\n      previewsEnabled\n    }\n  }\n": types.SetPreviewsEnabledDocument,
    "\n  query ForgeConnections($teamId: ID!) {\n    team(id: $teamId) {\n      id\n      forgeConnections {\n        id\n        forge\n        baseUrl\n        auth\n        account\n        createdAt\n      }\n    }\n  }\n": types.ForgeConnectionsDocument,
    "\n  mutation ConnectForge($input: ConnectForgeInput!) {\n    connectForge(input: $input) {\n      id\n      forge\n      baseUrl\n      auth\n      account\n      createdAt\n    }\n  }\n": types.ConnectForgeDocument,
    "\n  mutation DisconnectForge($id: ID!) {\n    disconnectForge(id: $id)\n  }\n": types.DisconnectForgeDocument,
    "\n  query ForgeRepositories($teamId: ID!, $search: String) {\n    team(id: $teamId) {\n      id\n      forgeConnections {\n        id\n        repositories(search: $search) {\n          fullName\n          cloneUrl\n          defaultBranch\n          private\n        }\n      }\n    }\n  }\n": types.ForgeRepositoriesDocument,
    "\n  query ForgeBranches($teamId: ID!, $repository: String!) {\n    team(id: $teamId) {\n      id\n      forgeConnections {\n        id\n        branches(repository: $repository)\n      }\n    }\n  }\n": types.ForgeBranchesDocument,
    "\n  query AppMetrics($id: ID!, $since: DateTime, $stepSeconds: Int) {\n    app(id: $id) {\n      id\n      metrics(since: $since, stepSeconds: $stepSeconds) {\n        at\n        cpuPercent\n        memoryMb\n        netRxBytes\n        netTxBytes\n      }\n      deployments(limit: 50) {\n        id\n        createdAt\n        status\n      }\n    }\n  }\n": types.AppMetricsDocument,
    "\n  query NotificationChannels($teamId: ID!, $deliveries: Int!) {\n    notificationChannels(teamId: $teamId) {\n      id\n      kind\n      target\n      events\n      createdAt\n      deliveries(limit: $deliveries) {\n        id\n        event\n        status\n        attempts\n        error\n        at\n        updatedAt\n      }\n    }\n  }\n": types.NotificationChannelsDocument,
    "\n  mutation CreateNotificationChannel($teamId: ID!, $kind: NotificationKind!, $target: String!, $events: [String!]) {\n    createNotificationChannel(teamId: $teamId, kind: $kind, target: $target, events: $events) {\n      id\n      kind\n      target\n      events\n      secret\n    }\n  }\n": types.CreateNotificationChannelDocument,
    "\n  mutation DeleteNotificationChannel($id: ID!) {\n    deleteNotificationChannel(id: $id)\n  }\n": types.DeleteNotificationChannelDocument,
    "\n  query Apps {\n    apps {\n      id\n      name\n      kind\n      team {\n        id\n      }\n      url\n      releaseState\n      liveDeployment {\n        id\n        status\n        commitSha\n        createdAt\n      }\n      deployments(limit: 1) {\n        id\n        status\n        trigger\n        commitSha\n        createdAt\n        finishedAt\n      }\n    }\n  }\n": types.AppsDocument,
    "\n  mutation CreateApp($input: CreateAppInput!) {\n    createApp(input: $input) {\n      id\n      name\n    }\n  }\n": types.CreateAppDocument,
    "\n  query App($id: ID!) {\n    app(id: $id) {\n      id\n      name\n      kind\n      team {\n        id\n        name\n        role\n      }\n      url\n      gitUrl\n      branch\n      rootDirectory\n      dockerfilePath\n      buildImage\n      buildCommand\n      outputDirectory\n      spaFallback\n      port\n      healthCheckPath\n      hasGitToken\n      releaseState\n      createdAt\n      env {\n        key\n        value\n        secret\n      }\n      redeploySchedules {\n        id\n        cron\n        paused\n        nextRunAt\n      }\n      liveDeployment {\n        id\n        commitSha\n        imageRef\n        sitePrefix\n        createdAt\n      }\n      deployments(limit: 50) {\n        id\n        status\n        trigger\n        commitSha\n        imageRef\n        sitePrefix\n        error\n        createdAt\n        finishedAt\n        workflowId\n        temporalUiUrl\n        sourceDeployment {\n          id\n        }\n        steps {\n          name\n          status\n          attempt\n          startedAt\n          finishedAt\n          message\n        }\n      }\n    }\n  }\n": types.AppDocument,
    "\n  subscription DeploymentUpdated($appId: ID!) {\n    deploymentUpdated(appId: $appId) {\n      id\n      status\n      error\n      finishedAt\n      steps {\n        name\n        status\n        attempt\n        startedAt\n        finishedAt\n        message\n      }\n    }\n  }\n": types.DeploymentUpdatedDocument,
    "\n  query DeploymentLogs($id: ID!, $afterSeq: Int) {\n    deploymentLogs(deploymentId: $id, afterSeq: $afterSeq) {\n      seq\n      timestamp\n      stream\n      line\n    }\n  }\n": types.DeploymentLogsDocument,
    "\n  subscription DeploymentLogStream($id: ID!, $afterSeq: Int) {\n    deploymentLogs(deploymentId: $id, afterSeq: $afterSeq) {\n      seq\n      timestamp\n      stream\n      line\n    }\n  }\n": types.DeploymentLogStreamDocument,
    "\n  mutation Deploy($appId: ID!, $commitSha: String) {\n    deploy(appId: $appId, commitSha: $commitSha) {\n      id\n      status\n    }\n  }\n": types.DeployDocument,
    "\n  mutation Rollback($appId: ID!, $to: ID) {\n    rollback(appId: $appId, toDeploymentId: $to) {\n      id\n      status\n    }\n  }\n": types.RollbackDocument,
    "\n  mutation CancelDeployment($id: ID!) {\n    cancelDeployment(id: $id) {\n      id\n      status\n      error\n    }\n  }\n": types.CancelDeploymentDocument,
    "\n  mutation SetEnv($appId: ID!, $vars: [EnvVarInput!]!) {\n    setEnvVars(appId: $appId, vars: $vars) {\n      id\n      env {\n        key\n        value\n        secret\n      }\n    }\n  }\n": types.SetEnvDocument,
    "\n  mutation CreateSchedule($appId: ID!, $cron: String!) {\n    createRedeploySchedule(appId: $appId, cron: $cron) {\n      id\n      cron\n      paused\n      nextRunAt\n    }\n  }\n": types.CreateScheduleDocument,
    "\n  mutation PauseSchedule($id: ID!) {\n    pauseRedeploySchedule(id: $id) {\n      id\n      paused\n      nextRunAt\n    }\n  }\n": types.PauseScheduleDocument,
    "\n  mutation ResumeSchedule($id: ID!) {\n    resumeRedeploySchedule(id: $id) {\n      id\n      paused\n      nextRunAt\n    }\n  }\n": types.ResumeScheduleDocument,
    "\n  mutation DeleteSchedule($id: ID!) {\n    deleteRedeploySchedule(id: $id)\n  }\n": types.DeleteScheduleDocument,
    "\n  mutation DeleteApp($id: ID!) {\n    deleteApp(id: $id)\n  }\n": types.DeleteAppDocument,
    "\n  mutation CreateUpload($appId: ID!) {\n    createUpload(appId: $appId) {\n      id\n      url\n      fields {\n        name\n        value\n      }\n      maxBytes\n    }\n  }\n": types.CreateUploadDocument,
    "\n  mutation DeployUpload($appId: ID!, $uploadId: ID!) {\n    deployUpload(appId: $appId, uploadId: $uploadId) {\n      id\n      status\n    }\n  }\n": types.DeployUploadDocument,
    "\n  query SampleApp {\n    sampleApp {\n      name\n      gitUrl\n      rootDirectory\n      outputDirectory\n      description\n    }\n  }\n": types.SampleAppDocument,
    "\n  query RuntimeLogs($id: ID!, $search: String, $limit: Int) {\n    app(id: $id) {\n      id\n      runtimeLogs(search: $search, limit: $limit) {\n        timestamp\n        stream\n        line\n        instance\n      }\n    }\n  }\n": types.RuntimeLogsDocument,
    "\n  subscription RuntimeLogStream($id: ID!) {\n    runtimeLogs(appId: $id) {\n      timestamp\n      stream\n      line\n      instance\n    }\n  }\n": types.RuntimeLogStreamDocument,
    "\n  query AppEvents($id: ID!, $limit: Int) {\n    app(id: $id) {\n      id\n      events(limit: $limit) {\n        at\n        kind\n        message\n        deploymentId\n      }\n    }\n  }\n": types.AppEventsDocument,
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
export function graphql(source: "\n  mutation SignIn($email: String!, $password: String!) {\n    signIn(email: $email, password: $password) {\n      accessToken\n      refreshToken\n      expiresAt\n      user {\n        id\n        email\n        name\n        platformAdmin\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SignIn($email: String!, $password: String!) {\n    signIn(email: $email, password: $password) {\n      accessToken\n      refreshToken\n      expiresAt\n      user {\n        id\n        email\n        name\n        platformAdmin\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignUp($email: String!, $password: String!, $name: String) {\n    signUp(email: $email, password: $password, name: $name) {\n      accessToken\n      refreshToken\n      expiresAt\n      user {\n        id\n        email\n        name\n        platformAdmin\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SignUp($email: String!, $password: String!, $name: String) {\n    signUp(email: $email, password: $password, name: $name) {\n      accessToken\n      refreshToken\n      expiresAt\n      user {\n        id\n        email\n        name\n        platformAdmin\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Teams {\n    teams {\n      id\n      name\n      role\n      personal\n    }\n  }\n"): (typeof documents)["\n  query Teams {\n    teams {\n      id\n      name\n      role\n      personal\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateTeam($name: String!) {\n    createTeam(name: $name) {\n      id\n      name\n      role\n    }\n  }\n"): (typeof documents)["\n  mutation CreateTeam($name: String!) {\n    createTeam(name: $name) {\n      id\n      name\n      role\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TeamUsage($id: ID!) {\n    team(id: $id) {\n      id\n      name\n      role\n      plan {\n        id\n        name\n        maxApps\n        maxMemoryMb\n        maxConcurrentBuilds\n        maxBuildMinutesPerMonth\n      }\n      usage {\n        apps\n        memoryMb\n        buildMinutesThisMonth\n      }\n    }\n  }\n"): (typeof documents)["\n  query TeamUsage($id: ID!) {\n    team(id: $id) {\n      id\n      name\n      role\n      plan {\n        id\n        name\n        maxApps\n        maxMemoryMb\n        maxConcurrentBuilds\n        maxBuildMinutesPerMonth\n      }\n      usage {\n        apps\n        memoryMb\n        buildMinutesThisMonth\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TeamMembers($id: ID!) {\n    team(id: $id) {\n      id\n      members {\n        role\n        user {\n          id\n          email\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query TeamMembers($id: ID!) {\n    team(id: $id) {\n      id\n      members {\n        role\n        user {\n          id\n          email\n          name\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TeamInvitations($id: ID!) {\n    team(id: $id) {\n      id\n      invitations {\n        email\n        role\n        createdAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query TeamInvitations($id: ID!) {\n    team(id: $id) {\n      id\n      invitations {\n        email\n        role\n        createdAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddTeamMember($teamId: ID!, $email: String!, $role: TeamRole!) {\n    addTeamMember(teamId: $teamId, email: $email, role: $role) {\n      role\n      user {\n        id\n        email\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AddTeamMember($teamId: ID!, $email: String!, $role: TeamRole!) {\n    addTeamMember(teamId: $teamId, email: $email, role: $role) {\n      role\n      user {\n        id\n        email\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveTeamMember($teamId: ID!, $userId: ID!) {\n    removeTeamMember(teamId: $teamId, userId: $userId)\n  }\n"): (typeof documents)["\n  mutation RemoveTeamMember($teamId: ID!, $userId: ID!) {\n    removeTeamMember(teamId: $teamId, userId: $userId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TeamTokens($id: ID!) {\n    team(id: $id) {\n      id\n      apiTokens {\n        id\n        name\n        role\n        expiresAt\n        lastUsedAt\n        createdAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query TeamTokens($id: ID!) {\n    team(id: $id) {\n      id\n      apiTokens {\n        id\n        name\n        role\n        expiresAt\n        lastUsedAt\n        createdAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateApiToken($teamId: ID!, $name: String!, $role: TeamRole!, $expiresInDays: Int) {\n    createApiToken(teamId: $teamId, name: $name, role: $role, expiresInDays: $expiresInDays) {\n      token\n      apiToken {\n        id\n        name\n        role\n        expiresAt\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateApiToken($teamId: ID!, $name: String!, $role: TeamRole!, $expiresInDays: Int) {\n    createApiToken(teamId: $teamId, name: $name, role: $role, expiresInDays: $expiresInDays) {\n      token\n      apiToken {\n        id\n        name\n        role\n        expiresAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeApiToken($id: ID!) {\n    revokeApiToken(id: $id)\n  }\n"): (typeof documents)["\n  mutation RevokeApiToken($id: ID!) {\n    revokeApiToken(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditEvents($teamId: ID!, $limit: Int) {\n    auditEvents(teamId: $teamId, limit: $limit) {\n      id\n      at\n      actor\n      action\n      targetId\n      result\n    }\n  }\n"): (typeof documents)["\n  query AuditEvents($teamId: ID!, $limit: Int) {\n    auditEvents(teamId: $teamId, limit: $limit) {\n      id\n      at\n      actor\n      action\n      targetId\n      result\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Platform {\n    plans {\n      id\n      name\n    }\n    platform {\n      users {\n        id\n        email\n        name\n        platformAdmin\n        createdAt\n      }\n      teams {\n        id\n        name\n        plan {\n          id\n          name\n          maxApps\n          maxMemoryMb\n          maxBuildMinutesPerMonth\n        }\n        usage {\n          apps\n          memoryMb\n          buildMinutesThisMonth\n        }\n      }\n      runningReleases {\n        id\n        commitSha\n        createdAt\n        app {\n          id\n          name\n          url\n          team {\n            name\n          }\n        }\n      }\n      activeDeployments {\n        id\n        status\n        trigger\n        createdAt\n        app {\n          id\n          name\n          team {\n            name\n          }\n        }\n      }\n      health {\n        status\n        dependencies {\n          name\n          state\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Platform {\n    plans {\n      id\n      name\n    }\n    platform {\n      users {\n        id\n        email\n        name\n        platformAdmin\n        createdAt\n      }\n      teams {\n        id\n        name\n        plan {\n          id\n          name\n          maxApps\n          maxMemoryMb\n          maxBuildMinutesPerMonth\n        }\n        usage {\n          apps\n          memoryMb\n          buildMinutesThisMonth\n        }\n      }\n      runningReleases {\n        id\n        commitSha\n        createdAt\n        app {\n          id\n          name\n          url\n          team {\n            name\n          }\n        }\n      }\n      activeDeployments {\n        id\n        status\n        trigger\n        createdAt\n        app {\n          id\n          name\n          team {\n            name\n          }\n        }\n      }\n      health {\n        status\n        dependencies {\n          name\n          state\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetTeamPlan($teamId: ID!, $planId: ID!) {\n    setTeamPlan(teamId: $teamId, planId: $planId) {\n      id\n      plan {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SetTeamPlan($teamId: ID!, $planId: ID!) {\n    setTeamPlan(teamId: $teamId, planId: $planId) {\n      id\n      plan {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ForgeIdentities {\n    forgeIdentities {\n      provider\n      username\n      linkedAt\n      lastSignInAt\n    }\n  }\n"): (typeof documents)["\n  query ForgeIdentities {\n    forgeIdentities {\n      provider\n      username\n      linkedAt\n      lastSignInAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UnlinkForgeIdentity($provider: String!) {\n    unlinkForgeIdentity(provider: $provider)\n  }\n"): (typeof documents)["\n  mutation UnlinkForgeIdentity($provider: String!) {\n    unlinkForgeIdentity(provider: $provider)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetPlatformAdmin($userId: ID!, $platformAdmin: Boolean!) {\n    setPlatformAdmin(userId: $userId, platformAdmin: $platformAdmin) {\n      id\n      platformAdmin\n    }\n  }\n"): (typeof documents)["\n  mutation SetPlatformAdmin($userId: ID!, $platformAdmin: Boolean!) {\n    setPlatformAdmin(userId: $userId, platformAdmin: $platformAdmin) {\n      id\n      platformAdmin\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AppWebhook($id: ID!) {\n    app(id: $id) {\n      id\n      webhook {\n        forge\n        url\n      }\n    }\n  }\n"): (typeof documents)["\n  query AppWebhook($id: ID!) {\n    app(id: $id) {\n      id\n      webhook {\n        forge\n        url\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebhookDeliveries($id: ID!, $limit: Int!) {\n    app(id: $id) {\n      id\n      webhookDeliveries(limit: $limit) {\n        id\n        event\n        deliveryId\n        result\n        receivedAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query WebhookDeliveries($id: ID!, $limit: Int!) {\n    app(id: $id) {\n      id\n      webhookDeliveries(limit: $limit) {\n        id\n        event\n        deliveryId\n        result\n        receivedAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EnableGitWebhook($appId: ID!, $forge: Forge!) {\n    enableGitWebhook(appId: $appId, forge: $forge) {\n      forge\n      url\n      secret\n    }\n  }\n"): (typeof documents)["\n  mutation EnableGitWebhook($appId: ID!, $forge: Forge!) {\n    enableGitWebhook(appId: $appId, forge: $forge) {\n      forge\n      url\n      secret\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DisableGitWebhook($appId: ID!) {\n    disableGitWebhook(appId: $appId)\n  }\n"): (typeof documents)["\n  mutation DisableGitWebhook($appId: ID!) {\n    disableGitWebhook(appId: $appId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AppPreviews($id: ID!) {\n    app(id: $id) {\n      id\n      previewsEnabled\n      previews {\n        id\n        pullRequest\n        branch\n        url\n        createdAt\n        liveDeployment {\n          id\n          status\n          commitSha\n        }\n      }\n      deployments(limit: 50) {\n        id\n        trigger\n        preview {\n          id\n          pullRequest\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AppPreviews($id: ID!) {\n    app(id: $id) {\n      id\n      previewsEnabled\n      previews {\n        id\n        pullRequest\n        branch\n        url\n        createdAt\n        liveDeployment {\n          id\n          status\n          commitSha\n        }\n      }\n      deployments(limit: 50) {\n        id\n        trigger\n        preview {\n          id\n          pullRequest\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetPreviewsEnabled($appId: ID!, $enabled: Boolean!) {\n    setPreviewsEnabled(appId: $appId, enabled: $enabled) {\n      id\n      previewsEnabled\n    }\n  }\n"): (typeof documents)["\n  mutation SetPreviewsEnabled($appId: ID!, $enabled: Boolean!) {\n    setPreviewsEnabled(appId: $appId, enabled: $enabled) {\n      id\n      previewsEnabled\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ForgeConnections($teamId: ID!) {\n    team(id: $teamId) {\n      id\n      forgeConnections {\n        id\n        forge\n        baseUrl\n        auth\n        account\n        createdAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query ForgeConnections($teamId: ID!) {\n    team(id: $teamId) {\n      id\n      forgeConnections {\n        id\n        forge\n        baseUrl\n        auth\n        account\n        createdAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConnectForge($input: ConnectForgeInput!) {\n    connectForge(input: $input) {\n      id\n      forge\n      baseUrl\n      auth\n      account\n      createdAt\n    }\n  }\n"): (typeof documents)["\n  mutation ConnectForge($input: ConnectForgeInput!) {\n    connectForge(input: $input) {\n      id\n      forge\n      baseUrl\n      auth\n      account\n      createdAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DisconnectForge($id: ID!) {\n    disconnectForge(id: $id)\n  }\n"): (typeof documents)["\n  mutation DisconnectForge($id: ID!) {\n    disconnectForge(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ForgeRepositories($teamId: ID!, $search: String) {\n    team(id: $teamId) {\n      id\n      forgeConnections {\n        id\n        repositories(search: $search) {\n          fullName\n          cloneUrl\n          defaultBranch\n          private\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ForgeRepositories($teamId: ID!, $search: String) {\n    team(id: $teamId) {\n      id\n      forgeConnections {\n        id\n        repositories(search: $search) {\n          fullName\n          cloneUrl\n          defaultBranch\n          private\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ForgeBranches($teamId: ID!, $repository: String!) {\n    team(id: $teamId) {\n      id\n      forgeConnections {\n        id\n        branches(repository: $repository)\n      }\n    }\n  }\n"): (typeof documents)["\n  query ForgeBranches($teamId: ID!, $repository: String!) {\n    team(id: $teamId) {\n      id\n      forgeConnections {\n        id\n        branches(repository: $repository)\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AppMetrics($id: ID!, $since: DateTime, $stepSeconds: Int) {\n    app(id: $id) {\n      id\n      metrics(since: $since, stepSeconds: $stepSeconds) {\n        at\n        cpuPercent\n        memoryMb\n        netRxBytes\n        netTxBytes\n      }\n      deployments(limit: 50) {\n        id\n        createdAt\n        status\n      }\n    }\n  }\n"): (typeof documents)["\n  query AppMetrics($id: ID!, $since: DateTime, $stepSeconds: Int) {\n    app(id: $id) {\n      id\n      metrics(since: $since, stepSeconds: $stepSeconds) {\n        at\n        cpuPercent\n        memoryMb\n        netRxBytes\n        netTxBytes\n      }\n      deployments(limit: 50) {\n        id\n        createdAt\n        status\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NotificationChannels($teamId: ID!, $deliveries: Int!) {\n    notificationChannels(teamId: $teamId) {\n      id\n      kind\n      target\n      events\n      createdAt\n      deliveries(limit: $deliveries) {\n        id\n        event\n        status\n        attempts\n        error\n        at\n        updatedAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query NotificationChannels($teamId: ID!, $deliveries: Int!) {\n    notificationChannels(teamId: $teamId) {\n      id\n      kind\n      target\n      events\n      createdAt\n      deliveries(limit: $deliveries) {\n        id\n        event\n        status\n        attempts\n        error\n        at\n        updatedAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateNotificationChannel($teamId: ID!, $kind: NotificationKind!, $target: String!, $events: [String!]) {\n    createNotificationChannel(teamId: $teamId, kind: $kind, target: $target, events: $events) {\n      id\n      kind\n      target\n      events\n      secret\n    }\n  }\n"): (typeof documents)["\n  mutation CreateNotificationChannel($teamId: ID!, $kind: NotificationKind!, $target: String!, $events: [String!]) {\n    createNotificationChannel(teamId: $teamId, kind: $kind, target: $target, events: $events) {\n      id\n      kind\n      target\n      events\n      secret\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteNotificationChannel($id: ID!) {\n    deleteNotificationChannel(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteNotificationChannel($id: ID!) {\n    deleteNotificationChannel(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Apps {\n    apps {\n      id\n      name\n      kind\n      team {\n        id\n      }\n      url\n      releaseState\n      liveDeployment {\n        id\n        status\n        commitSha\n        createdAt\n      }\n      deployments(limit: 1) {\n        id\n        status\n        trigger\n        commitSha\n        createdAt\n        finishedAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query Apps {\n    apps {\n      id\n      name\n      kind\n      team {\n        id\n      }\n      url\n      releaseState\n      liveDeployment {\n        id\n        status\n        commitSha\n        createdAt\n      }\n      deployments(limit: 1) {\n        id\n        status\n        trigger\n        commitSha\n        createdAt\n        finishedAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateApp($input: CreateAppInput!) {\n    createApp(input: $input) {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  mutation CreateApp($input: CreateAppInput!) {\n    createApp(input: $input) {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query App($id: ID!) {\n    app(id: $id) {\n      id\n      name\n      kind\n      team {\n        id\n        name\n        role\n      }\n      url\n      gitUrl\n      branch\n      rootDirectory\n      dockerfilePath\n      buildImage\n      buildCommand\n      outputDirectory\n      spaFallback\n      port\n      healthCheckPath\n      hasGitToken\n      releaseState\n      createdAt\n      env {\n        key\n        value\n        secret\n      }\n      redeploySchedules {\n        id\n        cron\n        paused\n        nextRunAt\n      }\n      liveDeployment {\n        id\n        commitSha\n        imageRef\n        sitePrefix\n        createdAt\n      }\n      deployments(limit: 50) {\n        id\n        status\n        trigger\n        commitSha\n        imageRef\n        sitePrefix\n        error\n        createdAt\n        finishedAt\n        workflowId\n        temporalUiUrl\n        sourceDeployment {\n          id\n        }\n        steps {\n          name\n          status\n          attempt\n          startedAt\n          finishedAt\n          message\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query App($id: ID!) {\n    app(id: $id) {\n      id\n      name\n      kind\n      team {\n        id\n        name\n        role\n      }\n      url\n      gitUrl\n      branch\n      rootDirectory\n      dockerfilePath\n      buildImage\n      buildCommand\n      outputDirectory\n      spaFallback\n      port\n      healthCheckPath\n      hasGitToken\n      releaseState\n      createdAt\n      env {\n        key\n        value\n        secret\n      }\n      redeploySchedules {\n        id\n        cron\n        paused\n        nextRunAt\n      }\n      liveDeployment {\n        id\n        commitSha\n        imageRef\n        sitePrefix\n        createdAt\n      }\n      deployments(limit: 50) {\n        id\n        status\n        trigger\n        commitSha\n        imageRef\n        sitePrefix\n        error\n        createdAt\n        finishedAt\n        workflowId\n        temporalUiUrl\n        sourceDeployment {\n          id\n        }\n        steps {\n          name\n          status\n          attempt\n          startedAt\n          finishedAt\n          message\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DeploymentUpdated($appId: ID!) {\n    deploymentUpdated(appId: $appId) {\n      id\n      status\n      error\n      finishedAt\n      steps {\n        name\n        status\n        attempt\n        startedAt\n        finishedAt\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription DeploymentUpdated($appId: ID!) {\n    deploymentUpdated(appId: $appId) {\n      id\n      status\n      error\n      finishedAt\n      steps {\n        name\n        status\n        attempt\n        startedAt\n        finishedAt\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DeploymentLogs($id: ID!, $afterSeq: Int) {\n    deploymentLogs(deploymentId: $id, afterSeq: $afterSeq) {\n      seq\n      timestamp\n      stream\n      line\n    }\n  }\n"): (typeof documents)["\n  query DeploymentLogs($id: ID!, $afterSeq: Int) {\n    deploymentLogs(deploymentId: $id, afterSeq: $afterSeq) {\n      seq\n      timestamp\n      stream\n      line\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DeploymentLogStream($id: ID!, $afterSeq: Int) {\n    deploymentLogs(deploymentId: $id, afterSeq: $afterSeq) {\n      seq\n      timestamp\n      stream\n      line\n    }\n  }\n"): (typeof documents)["\n  subscription DeploymentLogStream($id: ID!, $afterSeq: Int) {\n    deploymentLogs(deploymentId: $id, afterSeq: $afterSeq) {\n      seq\n      timestamp\n      stream\n      line\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Deploy($appId: ID!, $commitSha: String) {\n    deploy(appId: $appId, commitSha: $commitSha) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation Deploy($appId: ID!, $commitSha: String) {\n    deploy(appId: $appId, commitSha: $commitSha) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Rollback($appId: ID!, $to: ID) {\n    rollback(appId: $appId, toDeploymentId: $to) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation Rollback($appId: ID!, $to: ID) {\n    rollback(appId: $appId, toDeploymentId: $to) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelDeployment($id: ID!) {\n    cancelDeployment(id: $id) {\n      id\n      status\n      error\n    }\n  }\n"): (typeof documents)["\n  mutation CancelDeployment($id: ID!) {\n    cancelDeployment(id: $id) {\n      id\n      status\n      error\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetEnv($appId: ID!, $vars: [EnvVarInput!]!) {\n    setEnvVars(appId: $appId, vars: $vars) {\n      id\n      env {\n        key\n        value\n        secret\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SetEnv($appId: ID!, $vars: [EnvVarInput!]!) {\n    setEnvVars(appId: $appId, vars: $vars) {\n      id\n      env {\n        key\n        value\n        secret\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateSchedule($appId: ID!, $cron: String!) {\n    createRedeploySchedule(appId: $appId, cron: $cron) {\n      id\n      cron\n      paused\n      nextRunAt\n    }\n  }\n"): (typeof documents)["\n  mutation CreateSchedule($appId: ID!, $cron: String!) {\n    createRedeploySchedule(appId: $appId, cron: $cron) {\n      id\n      cron\n      paused\n      nextRunAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PauseSchedule($id: ID!) {\n    pauseRedeploySchedule(id: $id) {\n      id\n      paused\n      nextRunAt\n    }\n  }\n"): (typeof documents)["\n  mutation PauseSchedule($id: ID!) {\n    pauseRedeploySchedule(id: $id) {\n      id\n      paused\n      nextRunAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResumeSchedule($id: ID!) {\n    resumeRedeploySchedule(id: $id) {\n      id\n      paused\n      nextRunAt\n    }\n  }\n"): (typeof documents)["\n  mutation ResumeSchedule($id: ID!) {\n    resumeRedeploySchedule(id: $id) {\n      id\n      paused\n      nextRunAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteSchedule($id: ID!) {\n    deleteRedeploySchedule(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteSchedule($id: ID!) {\n    deleteRedeploySchedule(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteApp($id: ID!) {\n    deleteApp(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteApp($id: ID!) {\n    deleteApp(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateUpload($appId: ID!) {\n    createUpload(appId: $appId) {\n      id\n      url\n      fields {\n        name\n        value\n      }\n      maxBytes\n    }\n  }\n"): (typeof documents)["\n  mutation CreateUpload($appId: ID!) {\n    createUpload(appId: $appId) {\n      id\n      url\n      fields {\n        name\n        value\n      }\n      maxBytes\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeployUpload($appId: ID!, $uploadId: ID!) {\n    deployUpload(appId: $appId, uploadId: $uploadId) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation DeployUpload($appId: ID!, $uploadId: ID!) {\n    deployUpload(appId: $appId, uploadId: $uploadId) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SampleApp {\n    sampleApp {\n      name\n      gitUrl\n      rootDirectory\n      outputDirectory\n      description\n    }\n  }\n"): (typeof documents)["\n  query SampleApp {\n    sampleApp {\n      name\n      gitUrl\n      rootDirectory\n      outputDirectory\n      description\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RuntimeLogs($id: ID!, $search: String, $limit: Int) {\n    app(id: $id) {\n      id\n      runtimeLogs(search: $search, limit: $limit) {\n        timestamp\n        stream\n        line\n        instance\n      }\n    }\n  }\n"): (typeof documents)["\n  query RuntimeLogs($id: ID!, $search: String, $limit: Int) {\n    app(id: $id) {\n      id\n      runtimeLogs(search: $search, limit: $limit) {\n        timestamp\n        stream\n        line\n        instance\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription RuntimeLogStream($id: ID!) {\n    runtimeLogs(appId: $id) {\n      timestamp\n      stream\n      line\n      instance\n    }\n  }\n"): (typeof documents)["\n  subscription RuntimeLogStream($id: ID!) {\n    runtimeLogs(appId: $id) {\n      timestamp\n      stream\n      line\n      instance\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AppEvents($id: ID!, $limit: Int) {\n    app(id: $id) {\n      id\n      events(limit: $limit) {\n        at\n        kind\n        message\n        deploymentId\n      }\n    }\n  }\n"): (typeof documents)["\n  query AppEvents($id: ID!, $limit: Int) {\n    app(id: $id) {\n      id\n      events(limit: $limit) {\n        at\n        kind\n        message\n        deploymentId\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;