import { Inject, Injectable } from '@nestjs/common';
import {
  ValidationError,
  inputLimitsFromEnv,
  validateAppName,
  validateEnvKey,
  validateEnvSet,
  validateEnvValue,
  type EnvVarSetting,
  type InputLimits,
} from '@paas/contracts';
import { gitFileRoots, resolveFileRepository } from '@paas/contracts/git-file-roots';
import { Database, type AppEntity, type NewApp, type Repositories } from '@paas/db';
import { DomainError, notFound } from '../common/domain-error.js';
import { assertWithinPlan } from '../plans/quota.js';
import { toAppModel, toEnvVarModel } from './app.mapper.js';
import type { AppModel } from './app.model.js';
import { validateAppSettings, type ValidatedSettings } from './app-settings.js';
import type { CreateAppInput } from './create-app.input.js';
import type { EnvVarInput, EnvVarModel } from './env-var.model.js';
import type { UpdateAppInput } from './update-app.input.js';
import { isUuid } from '../common/ids.js';
import { kubernetesAvailable, maxInstances, validateRuntimeSettings } from './runtime-settings.js';

/** Read once: the caps of app inputs (PAAS_MAX_ENV_*, schedules) and where file:// repositories may live. */
export const INPUT_LIMITS: InputLimits = inputLimitsFromEnv(process.env);
const FILE_ROOTS = gitFileRoots(process.env);
/** PAAS_KUBERNETES=embedded or KUBECONFIG: whether runtime KUBERNETES is accepted. */
const HAS_CLUSTER = kubernetesAvailable(process.env);

@Injectable()
export class AppService {
  constructor(@Inject(Database) private readonly db: Database) {}

  /** `teamIds`: only the apps of these teams; null: every app. */
  async list(teamIds: Set<string> | null = null): Promise<AppModel[]> {
    const apps = (await this.db.apps.list()).filter((a) => teamIds === null || teamIds.has(a.teamId));
    return this.withTokenFlags(apps);
  }

  async find(by: { id?: string | null; name?: string | null }): Promise<AppModel | null> {
    if (!by.id && !by.name) throw new DomainError('BAD_USER_INPUT', 'Give an app id or a name.');
    if (by.id && !isUuid(by.id)) return null;
    const app = by.id ? await this.db.apps.findById(by.id) : await this.db.apps.findByName(by.name!);
    return app ? (await this.withTokenFlags([app]))[0] : null;
  }

  async get(id: string): Promise<AppModel> {
    const app = await this.find({ id });
    if (!app) throw notFound('App', id);
    return app;
  }

  /** `teamId`: the team the policy allowed the caller to create the app in. */
  async create(input: CreateAppInput, teamId: string): Promise<AppModel> {
    const kind = input.kind ?? 'SERVICE';
    const name = validateAppName(input.name);
    const runtimeSettings = validateRuntimeSettings(kind, input, HAS_CLUSTER);
    const { settings, credential } = await checked(validateAppSettings(kind, input));
    const env = validateEnv(input.env ?? []);
    const entity: NewApp = { name, teamId, kind, ...runtimeSettings, ...settings, gitToken: credential === 'keep' ? null : credential.set };
    const id = await this.db.transaction(async (tx) => {
      await assertWithinPlan(tx, teamId, { apps: 1, memoryMb: settings.memoryMb * maxInstances(runtimeSettings) });
      return tx.apps.insert(entity, env);
    });
    if (!id) throw new DomainError('CONFLICT', `App name "${name}" is taken; choose another.`);
    return this.get(id);
  }

  /** Only the given fields change, checked with the same rules as createApp; the next deployment uses them. */
  async update(id: string, input: UpdateAppInput): Promise<AppModel> {
    if (!isUuid(id)) throw notFound('App', id);
    await this.db.transaction(async (tx) => {
      const app = await lockApp(tx, id);
      const hasCredential = (await tx.apps.withGitCredential([id])).has(id);
      const runtimeSettings = validateRuntimeSettings(app.kind, input, HAS_CLUSTER, app);
      const { settings, credential } = await checked(validateAppSettings(app.kind, input, { settings: app, hasCredential }));
      const memoryMb = settings.memoryMb * maxInstances(runtimeSettings) - app.memoryMb * maxInstances(app);
      await assertWithinPlan(tx, app.teamId, { memoryMb });
      await tx.apps.update(id, { ...runtimeSettings, ...settings, ...(credential === 'keep' ? {} : { gitToken: credential.set }) });
    });
    return this.get(id);
  }

  async setEnvVars(appId: string, vars: EnvVarInput[]): Promise<AppModel> {
    if (!isUuid(appId)) throw notFound('App', appId);
    const env = validateEnv(vars);
    await this.db.transaction(async (tx) => {
      await lockApp(tx, appId); // two concurrent changes must not pass the caps together
      const stored = await tx.apps.envVarsOf(appId);
      const merged = new Map(stored.map((v) => [v.key, v as EnvVarSetting]));
      for (const v of env) merged.set(v.key, v);
      validateEnvSet([...merged.values()], INPUT_LIMITS);
      await tx.apps.upsertEnvVars(appId, env);
    });
    return this.get(appId);
  }

  async unsetEnvVars(appId: string, keys: string[]): Promise<AppModel> {
    if (!isUuid(appId)) throw notFound('App', appId);
    if (keys.length > INPUT_LIMITS.envVarsPerApp) throw new ValidationError(`At most ${INPUT_LIMITS.envVarsPerApp} keys at once.`, 'keys');
    const valid = keys.map((k) => validateEnvKey(k));
    await this.db.transaction(async (tx) => {
      await lockApp(tx, appId);
      await tx.apps.deleteEnvVars(appId, valid);
    });
    return this.get(appId);
  }

  async envVars(appId: string): Promise<EnvVarModel[]> {
    const rows = await this.db.apps.envVarsOf(appId);
    return rows.map(toEnvVarModel);
  }

  private async withTokenFlags(apps: AppEntity[]): Promise<AppModel[]> {
    if (apps.length === 0) return [];
    const withToken = await this.db.apps.withGitCredential(apps.map((a) => a.id));
    return apps.map((a) => toAppModel(a, withToken.has(a.id)));
  }
}

/** Each variable on its own, then the whole set against the caps. */
function validateEnv(vars: EnvVarInput[]): EnvVarSetting[] {
  const seen = new Set<string>();
  const env = vars.map((v) => {
    const key = validateEnvKey(v.key);
    if (seen.has(key)) throw new ValidationError(`Env var ${key} is given twice.`, 'env');
    seen.add(key);
    return { key, value: validateEnvValue(key, v.value, INPUT_LIMITS.envValueBytes), secret: v.secret ?? false };
  });
  return validateEnvSet(env, INPUT_LIMITS);
}

/** file:// URLs also have to lie under PAAS_GIT_FILE_ROOTS, which needs the disk (symlinks resolved). */
async function checked(validated: ValidatedSettings): Promise<ValidatedSettings> {
  const url = validated.settings.gitUrl;
  if (url?.startsWith('file:')) await resolveFileRepository(url, FILE_ROOTS);
  return validated;
}

async function lockApp(tx: Repositories, id: string): Promise<AppEntity> {
  const app = await tx.apps.lockForUpdate(id);
  if (!app) throw notFound('App', id);
  return app;
}
