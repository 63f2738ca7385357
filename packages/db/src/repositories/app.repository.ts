// Apps and their env vars. The git credential (git_token) is write-only: it is never selected
// with an app, only asked about (has one?) or read by the worker for a clone.
import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import { AppEntity } from '../entities/app.entity.js';
import { EnvVarEntity } from '../entities/env-var.entity.js';

export interface EnvVarRow {
  key: string;
  value: string;
  secret: boolean;
}

/** A new app's settings; those left out take their column defaults. */
export type NewApp = Partial<Omit<AppEntity, 'id' | 'createdAt'>> & Pick<AppEntity, 'name'>;
/** The settings that change after creation (name, kind and runtime never do); `gitToken` only when it is set or cleared. */
export type AppChanges = Partial<Omit<AppEntity, 'id' | 'createdAt' | 'name' | 'kind'>>;

const UNIQUE_VIOLATION = '23505';

export class AppRepository {
  constructor(private readonly db: EntityManager) {}

  private get apps() {
    return this.db.getRepository(AppEntity);
  }

  private get envVars() {
    return this.db.getRepository(EnvVarEntity);
  }

  list(): Promise<AppEntity[]> {
    return this.apps.find({ order: { createdAt: 'ASC' } });
  }

  findById(id: string): Promise<AppEntity | null> {
    return this.apps.findOne({ where: { id } });
  }

  findByName(name: string): Promise<AppEntity | null> {
    return this.apps.findOne({ where: { name } });
  }

  exists(id: string): Promise<boolean> {
    return this.apps.exists({ where: { id } });
  }

  /** Inside a transaction: the app, locked until it ends (concurrent changes must not pass the caps together); null when it does not exist. */
  lockForUpdate(id: string): Promise<AppEntity | null> {
    return this.apps.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** The ids among `ids` of apps that hold a git credential. */
  async withGitCredential(ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows: { id: string }[] = await this.apps
      .createQueryBuilder('a')
      .select('a.id', 'id')
      .where({ id: In(ids) })
      .andWhere('a.git_token IS NOT NULL')
      .getRawMany();
    return new Set(rows.map((r) => r.id));
  }

  /** The app's git credential, for a clone (the worker only). */
  async gitToken(id: string): Promise<string | null> {
    const app = await this.apps.findOne({ where: { id }, select: { id: true, gitToken: true } });
    return app?.gitToken ?? null;
  }

  /** Inside a transaction: the new app's id, or null when its name is taken. */
  async insert(app: NewApp, env: EnvVarRow[]): Promise<string | null> {
    if (await this.apps.exists({ where: { name: app.name } })) return null;
    let id: string;
    try {
      id = (await this.apps.save(this.apps.create(app))).id;
    } catch (err) {
      // two creates of one name at once: the unique index decides
      if ((err as { code?: string }).code === UNIQUE_VIOLATION) return null;
      throw err;
    }
    if (env.length) await this.envVars.insert(env.map((v) => ({ ...v, appId: id })));
    return id;
  }

  async update(id: string, changes: AppChanges): Promise<void> {
    if (Object.keys(changes).length === 0) return;
    await this.apps.update({ id }, changes);
  }

  async delete(id: string): Promise<void> {
    await this.apps.delete({ id });
  }

  async envVarsOf(appId: string): Promise<EnvVarEntity[]> {
    return this.envVars.find({ where: { appId }, order: { key: 'ASC' } });
  }

  /** Sets the given variables (added or replaced by key); the others stay. */
  async upsertEnvVars(appId: string, vars: EnvVarRow[]): Promise<void> {
    if (vars.length)
      await this.envVars.upsert(
        vars.map((v) => ({ ...v, appId })),
        ['appId', 'key'],
      );
  }

  /** Removes the variables with these keys; unknown keys are no error. */
  async deleteEnvVars(appId: string, keys: string[]): Promise<void> {
    if (keys.length) await this.envVars.delete({ appId, key: In(keys) });
  }
}
