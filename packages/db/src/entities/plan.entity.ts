import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What a team may use. Seeded (free, pro, team) by the plans migration; platform admins assign them. */
@Entity({ name: 'plans' })
export class PlanEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'max_apps', type: 'int' })
  maxApps!: number;

  /** Over the team's apps: the sum of memoryMb x instances. */
  @Column({ name: 'max_memory_mb', type: 'int' })
  maxMemoryMb!: number;

  @Column({ name: 'max_concurrent_builds', type: 'int' })
  maxConcurrentBuilds!: number;

  @Column({ name: 'max_build_minutes_per_month', type: 'int' })
  maxBuildMinutesPerMonth!: number;

  /** Order in listings, smallest plan first. */
  @Column({ type: 'int' })
  position!: number;
}
