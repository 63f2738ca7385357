import { Column, Entity, PrimaryColumn } from 'typeorm';
import { sealedText } from '../secrets/sealed-columns.js';
import type { Forge } from './git-webhook.entity.js';

export type ForgeAuth = 'TOKEN' | 'GITHUB_APP';

/**
 * A team's connection to a forge's API (base URL + a token, or a GitHub App installation): it
 * lists repositories for the console and posts commit statuses. The token and the App's private
 * key are sealed at rest like other secrets and never leave the gateway or the worker.
 */
@Entity({ name: 'forge_connections' })
export class ForgeConnectionEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'team_id', type: 'uuid' })
  teamId!: string;

  @Column({ type: 'text' })
  forge!: Forge;

  /** The forge's web address, normalized (no trailing slash), e.g. https://gitea.example.com. */
  @Column({ name: 'base_url', type: 'text' })
  baseUrl!: string;

  @Column({ type: 'text' })
  auth!: ForgeAuth;

  /** The login the credentials act as (a GitHub App: the installation's account), read from the forge when connecting. */
  @Column({ type: 'text' })
  account!: string;

  @Column({ type: 'text', nullable: true, transformer: sealedText })
  token!: string | null;

  @Column({ name: 'github_app_id', type: 'text', nullable: true })
  githubAppId!: string | null;

  @Column({ name: 'github_installation_id', type: 'text', nullable: true })
  githubInstallationId!: string | null;

  @Column({ name: 'github_private_key', type: 'text', nullable: true, transformer: sealedText })
  githubPrivateKey!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
