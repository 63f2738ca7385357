import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('Preview', { description: "An open pull request's preview of the app, at its own host." })
export class PreviewModel {
  @Field(() => ID)
  id!: string;

  /** Resolved by PreviewResolver.liveDeployment. */
  appId!: string;

  @Field(() => Int)
  pullRequest!: number;

  @Field({ description: "The pull request's head branch." })
  branch!: string;

  @Field({ description: 'e.g. http://<app>-pr-<n>.<base domain>:<edge port>/' })
  url!: string;

  @Field()
  createdAt!: Date;
}
