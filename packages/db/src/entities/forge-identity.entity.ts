import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A user's account at a forge or OpenID Connect provider, by the provider's stable subject id. */
@Entity({ name: 'forge_identities' })
export class ForgeIdentityEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  /** The configured provider's id: github, gitlab, gitea or oidc. */
  @Column({ type: 'text' })
  provider!: string;

  /** The provider's id of the account (OIDC `sub`, GitHub's numeric id): never the user name, which can change hands. */
  @Column({ type: 'text' })
  subject!: string;

  @Column({ type: 'text', nullable: true })
  username!: string | null;

  @Column({ name: 'linked_at', type: 'timestamptz' })
  linkedAt!: Date;

  @Column({ name: 'last_sign_in_at', type: 'timestamptz', nullable: true })
  lastSignInAt!: Date | null;
}
