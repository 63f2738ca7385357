// The accounts operations the console sends (sessions, teams, members, tokens, audit, the
// platform overview), typed from graphql/schema.graphql by GraphQL Code Generator.
import { graphql } from '../gql';

export const SignInMutation = graphql(`
  mutation SignIn($email: String!, $password: String!) {
    signIn(email: $email, password: $password) {
      accessToken
      refreshToken
      expiresAt
      user {
        id
        email
        name
        platformAdmin
      }
    }
  }
`);

export const SignUpMutation = graphql(`
  mutation SignUp($email: String!, $password: String!, $name: String) {
    signUp(email: $email, password: $password, name: $name) {
      accessToken
      refreshToken
      expiresAt
      user {
        id
        email
        name
        platformAdmin
      }
    }
  }
`);

export const TeamsQuery = graphql(`
  query Teams {
    teams {
      id
      name
      role
      personal
    }
  }
`);

export const CreateTeamMutation = graphql(`
  mutation CreateTeam($name: String!) {
    createTeam(name: $name) {
      id
      name
      role
    }
  }
`);

export const TeamUsageQuery = graphql(`
  query TeamUsage($id: ID!) {
    team(id: $id) {
      id
      name
      role
      plan {
        id
        name
        maxApps
        maxMemoryMb
        maxConcurrentBuilds
        maxBuildMinutesPerMonth
      }
      usage {
        apps
        memoryMb
        buildMinutesThisMonth
      }
    }
  }
`);

export const TeamMembersQuery = graphql(`
  query TeamMembers($id: ID!) {
    team(id: $id) {
      id
      members {
        role
        user {
          id
          email
          name
        }
      }
    }
  }
`);

export const TeamInvitationsQuery = graphql(`
  query TeamInvitations($id: ID!) {
    team(id: $id) {
      id
      invitations {
        email
        role
        createdAt
      }
    }
  }
`);

export const AddMemberMutation = graphql(`
  mutation AddTeamMember($teamId: ID!, $email: String!, $role: TeamRole!) {
    addTeamMember(teamId: $teamId, email: $email, role: $role) {
      role
      user {
        id
        email
      }
    }
  }
`);

export const RemoveMemberMutation = graphql(`
  mutation RemoveTeamMember($teamId: ID!, $userId: ID!) {
    removeTeamMember(teamId: $teamId, userId: $userId)
  }
`);

export const TeamTokensQuery = graphql(`
  query TeamTokens($id: ID!) {
    team(id: $id) {
      id
      apiTokens {
        id
        name
        role
        expiresAt
        lastUsedAt
        createdAt
      }
    }
  }
`);

export const CreateTokenMutation = graphql(`
  mutation CreateApiToken($teamId: ID!, $name: String!, $role: TeamRole!, $expiresInDays: Int) {
    createApiToken(teamId: $teamId, name: $name, role: $role, expiresInDays: $expiresInDays) {
      token
      apiToken {
        id
        name
        role
        expiresAt
      }
    }
  }
`);

export const RevokeTokenMutation = graphql(`
  mutation RevokeApiToken($id: ID!) {
    revokeApiToken(id: $id)
  }
`);

export const AuditEventsQuery = graphql(`
  query AuditEvents($teamId: ID!, $limit: Int) {
    auditEvents(teamId: $teamId, limit: $limit) {
      id
      at
      actor
      action
      targetId
      result
    }
  }
`);

export const PlatformQuery = graphql(`
  query Platform {
    plans {
      id
      name
    }
    platform {
      users {
        id
        email
        name
        platformAdmin
        createdAt
      }
      teams {
        id
        name
        plan {
          id
          name
          maxApps
          maxMemoryMb
          maxBuildMinutesPerMonth
        }
        usage {
          apps
          memoryMb
          buildMinutesThisMonth
        }
      }
      runningReleases {
        id
        commitSha
        createdAt
        app {
          id
          name
          url
          team {
            name
          }
        }
      }
      activeDeployments {
        id
        status
        trigger
        createdAt
        app {
          id
          name
          team {
            name
          }
        }
      }
      health {
        status
        dependencies {
          name
          state
        }
      }
    }
  }
`);

export const SetTeamPlanMutation = graphql(`
  mutation SetTeamPlan($teamId: ID!, $planId: ID!) {
    setTeamPlan(teamId: $teamId, planId: $planId) {
      id
      plan {
        id
        name
      }
    }
  }
`);

export const ForgeIdentitiesQuery = graphql(`
  query ForgeIdentities {
    forgeIdentities {
      provider
      username
      linkedAt
      lastSignInAt
    }
  }
`);

export const UnlinkForgeIdentityMutation = graphql(`
  mutation UnlinkForgeIdentity($provider: String!) {
    unlinkForgeIdentity(provider: $provider)
  }
`);

export const SetPlatformAdminMutation = graphql(`
  mutation SetPlatformAdmin($userId: ID!, $platformAdmin: Boolean!) {
    setPlatformAdmin(userId: $userId, platformAdmin: $platformAdmin) {
      id
      platformAdmin
    }
  }
`);
