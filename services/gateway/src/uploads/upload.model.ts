import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('SiteUpload', { description: 'A pre-signed URL to PUT a ZIP of a built static site to; deploy it with deployUpload.' })
export class SiteUploadModel {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'PUT the ZIP here (body: the archive bytes), before expiresAt.' })
  url!: string;

  @Field({ description: 'Always PUT.' })
  method!: string;

  @Field()
  expiresAt!: Date;

  @Field(() => Int, { description: 'Largest archive accepted, in bytes.' })
  maxBytes!: number;
}
