import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'env_vars' })
export class EnvVarEntity {
  @PrimaryColumn({ name: 'app_id', type: 'uuid' })
  appId!: string;

  @PrimaryColumn({ type: 'text' })
  key!: string;

  @Column({ type: 'text' })
  value!: string;

  @Column({ type: 'boolean', default: false })
  secret!: boolean;
}
