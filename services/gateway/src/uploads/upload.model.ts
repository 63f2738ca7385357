import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('UploadFormField', { description: 'One field of a pre-signed POST form.' })
export class UploadFormFieldModel {
  @Field()
  name!: string;

  @Field()
  value!: string;
}

@ObjectType('SiteUpload', {
  description:
    'A pre-signed POST form to upload a ZIP of a built static site straight to object storage; deploy it with deployUpload. ' +
    'The storage itself refuses an archive larger than maxBytes (or empty), so nothing of it is kept.',
})
export class SiteUploadModel {
  @Field(() => ID)
  id!: string;

  @Field({
    description: 'POST a multipart/form-data body here, before expiresAt: every entry of fields in order, then the archive as the field "file" (last).',
  })
  url!: string;

  @Field({ description: 'Always POST (a form, not a raw body: the signed policy caps the size).' })
  method!: string;

  @Field(() => [UploadFormFieldModel], { description: 'The signed form fields (key, policy, signature…) to send before the file, unchanged.' })
  fields!: UploadFormFieldModel[];

  @Field()
  expiresAt!: Date;

  @Field(() => Int, { description: 'Largest archive accepted, in bytes (enforced by the object storage while it receives the upload).' })
  maxBytes!: number;
}
