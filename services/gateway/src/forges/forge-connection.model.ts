import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { Forge, ForgeAuth } from '@paas/db';
import { ForgeEnum } from '../webhooks/git-webhook.model.js';

export const ForgeAuthEnum = { TOKEN: 'TOKEN', GITHUB_APP: 'GITHUB_APP' } as const satisfies { [K in ForgeAuth]: K };
registerEnumType(ForgeAuthEnum, { name: 'ForgeAuth', description: 'How a forge connection authenticates: an access token, or a GitHub App installation.' });

@ObjectType('ForgeConnection', {
  description: "A team's connection to a forge's API: lists its repositories and receives commit statuses. Its credentials are never returned.",
})
export class ForgeConnectionModel {
  @Field(() => ID)
  id!: string;

  teamId!: string;

  @Field(() => ForgeEnum)
  forge!: Forge;

  @Field({ description: "The forge's web address, e.g. https://github.com or https://gitea.example.com." })
  baseUrl!: string;

  @Field(() => ForgeAuthEnum)
  auth!: ForgeAuth;

  @Field(() => String, { nullable: true, description: 'The account the credentials act as (a GitHub App: the installation account).' })
  account!: string | null;

  @Field()
  createdAt!: Date;
}

@ObjectType('ForgeRepository')
export class ForgeRepositoryModel {
  @Field({ description: 'owner/name (GitLab: the full namespace path).' })
  fullName!: string;

  @Field()
  cloneUrl!: string;

  @Field()
  defaultBranch!: string;

  @Field()
  private!: boolean;
}

@InputType('GitHubAppInput')
export class GitHubAppInput {
  @Field()
  appId!: string;

  @Field({ description: "The App's private key (PEM), as GitHub gave it. Stored encrypted, never shown again." })
  privateKey!: string;

  @Field()
  installationId!: string;
}

@InputType('ConnectForgeInput')
export class ConnectForgeInput {
  @Field(() => ID)
  teamId!: string;

  @Field(() => ForgeEnum)
  forge!: Forge;

  @Field(() => String, {
    nullable: true,
    description: 'Defaults to https://github.com or https://gitlab.com; required for Gitea. https, or http only for hosts PAAS_OUTBOUND_ALLOW lists.',
  })
  baseUrl?: string | null;

  @Field(() => String, { nullable: true, description: 'An access token (exactly one of token and githubApp). Stored encrypted, never shown again.' })
  token?: string | null;

  @Field(() => GitHubAppInput, { nullable: true, description: 'GitHub only: connect as a GitHub App installation.' })
  githubApp?: GitHubAppInput | null;
}
