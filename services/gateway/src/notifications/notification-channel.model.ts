import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { DeliveryStatus, NotificationKind } from '@paas/db';

export const NotificationKindEnum = { WEBHOOK: 'WEBHOOK', SLACK: 'SLACK', DISCORD: 'DISCORD', EMAIL: 'EMAIL' } as const satisfies {
  [K in NotificationKind]: K;
};
registerEnumType(NotificationKindEnum, {
  name: 'NotificationKind',
  valuesMap: {
    WEBHOOK: { description: "POST of a JSON event, signed: X-Paas-Signature: sha256=<hex HMAC-SHA256 of the raw body with the channel's secret>." },
  },
});

export const DeliveryStatusEnum = { PENDING: 'PENDING', DELIVERED: 'DELIVERED', FAILED: 'FAILED' } as const satisfies { [K in DeliveryStatus]: K };
registerEnumType(DeliveryStatusEnum, {
  name: 'NotificationDeliveryStatus',
  description: 'PENDING: not delivered yet (retried for up to 24 hours); DELIVERED; FAILED: refused by the receiver, or given up.',
});

@ObjectType('NotificationChannel')
export class NotificationChannelModel {
  @Field(() => ID)
  id!: string;

  teamId!: string;

  @Field(() => NotificationKindEnum)
  kind!: NotificationKind;

  @Field({ description: 'A URL, or an email address for EMAIL.' })
  target!: string;

  @Field(() => [String], {
    description: 'Any of deployment.succeeded, deployment.failed, deployment.rolled_back, release.crash_looping. Default: all.',
  })
  events!: string[];

  @Field(() => String, { nullable: true, description: 'WEBHOOK signing secret. Returned by createNotificationChannel only; null everywhere else.' })
  secret!: string | null;

  @Field({ description: 'When the channel was created.' })
  createdAt!: Date;
}

@ObjectType('NotificationDelivery', { description: 'One event sent (or being sent) to a channel.' })
export class NotificationDeliveryModel {
  @Field(() => ID)
  id!: string;

  @Field()
  event!: string;

  @Field(() => DeliveryStatusEnum)
  status!: DeliveryStatus;

  @Field(() => Int, { description: 'Attempts made so far.' })
  attempts!: number;

  @Field(() => String, { nullable: true, description: 'What went wrong at the last attempt (null once delivered).' })
  error!: string | null;

  @Field({ description: 'When the event happened (the delivery was created).' })
  at!: Date;

  @Field({ description: 'When it was last attempted or given up.' })
  updatedAt!: Date;
}
