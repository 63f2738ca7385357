import { Field, ObjectType } from '@nestjs/graphql';
import { DeploymentModel } from '../deployments/deployment.model.js';
import { TeamModel } from '../teams/team.model.js';
import { UserModel } from '../users/user.model.js';

@ObjectType('DependencyHealth')
export class DependencyHealthModel {
  @Field({ description: 'database, temporal, docker, registry, objectStorage, edge or siteServer.' })
  name!: string;

  @Field({ description: 'up or down (why it is down goes to the gateway log).' })
  state!: string;
}

@ObjectType('PlatformHealth')
export class PlatformHealthModel {
  @Field({ description: 'ok, or unavailable when a dependency is down: the states of /healthz.' })
  status!: string;

  @Field(() => [DependencyHealthModel])
  dependencies!: DependencyHealthModel[];
}

@ObjectType('PlatformOverview', { description: 'Everything on the platform, for platform admins.' })
export class PlatformOverviewModel {
  @Field(() => [UserModel], { description: 'Every user, oldest first.' })
  users!: UserModel[];

  @Field(() => [TeamModel], { description: 'Every team (with plan and usage).' })
  teams!: TeamModel[];

  @Field(() => [DeploymentModel], { description: "Every team's LIVE deployments, newest first (at most 500)." })
  runningReleases!: DeploymentModel[];

  @Field(() => [DeploymentModel], { description: "The deployment queue: every team's deployments not yet final, oldest first (at most 500)." })
  activeDeployments!: DeploymentModel[];

  @Field(() => PlatformHealthModel)
  health!: PlatformHealthModel;
}
