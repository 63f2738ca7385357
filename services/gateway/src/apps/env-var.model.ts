import { Field, InputType, ObjectType } from '@nestjs/graphql';

@ObjectType('EnvVar')
export class EnvVarModel {
  @Field()
  key!: string;

  @Field(() => String, { nullable: true, description: 'Null when the variable is secret: secret values are write-only.' })
  value!: string | null;

  @Field()
  secret!: boolean;
}

@InputType('EnvVarInput')
export class EnvVarInput {
  @Field()
  key!: string;

  @Field()
  value!: string;

  @Field(() => Boolean, { nullable: true, defaultValue: false })
  secret?: boolean;
}
