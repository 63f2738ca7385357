import { Column, Entity, PrimaryColumn } from 'typeorm';
import { sealedText } from '../secrets/sealed-columns.js';

@Entity({ name: 'env_vars' })
export class EnvVarEntity {
  @PrimaryColumn({ name: 'app_id', type: 'uuid' })
  appId!: string;

  @PrimaryColumn({ type: 'text' })
  key!: string;

  /** Sealed at rest, every value (secret or not): whether a value is a secret is the user's call, and a wrong call must not leave it in clear. */
  @Column({ type: 'text', transformer: sealedText })
  value!: string;

  @Column({ type: 'boolean', default: false })
  secret!: boolean;
}
