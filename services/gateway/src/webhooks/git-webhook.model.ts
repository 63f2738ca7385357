import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { Forge } from '@paas/db';

export const FORGES = ['GITHUB', 'GITLAB', 'GITEA'] as const satisfies readonly Forge[];
export const ForgeEnum = Object.fromEntries(FORGES.map((f) => [f, f])) as { [K in Forge]: K };
registerEnumType(ForgeEnum, { name: 'Forge', description: 'A git forge whose push events an app deploys from (GITEA also covers Forgejo).' });

@ObjectType('GitWebhook')
export class GitWebhookModel {
  @Field(() => ForgeEnum)
  forge!: Forge;

  @Field({ description: "POST the forge's push and pull-request events here." })
  url!: string;

  @Field(() => String, { nullable: true, description: 'The signing secret. Returned by enableGitWebhook only; null everywhere else.' })
  secret!: string | null;
}

@ObjectType('WebhookDelivery', { description: "One POST to an app's webhook and what came of it (the newest 200 per app are kept)." })
export class WebhookDeliveryModel {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'The forge\'s event name (push, ping, "Push Hook"…).' })
  event!: string;

  @Field(() => String, { nullable: true, description: "The forge's delivery id; null when the delivery was refused before it was trusted." })
  deliveryId!: string | null;

  @Field({ description: 'e.g. "deployed <deployment id>", "ignored: branch dev", "refused: bad signature".' })
  result!: string;

  @Field()
  receivedAt!: Date;
}
