import { Inject, Injectable } from '@nestjs/common';
import {
  ValidationError,
  validateAppName,
  validateBranch,
  validateBuildCommand,
  validateBuildImage,
  validateEnvKey,
  validateEnvValue,
  validateGitUrl,
  validateHealthCheckPath,
  validatePort,
  validateRelativePath,
} from '@paas/contracts';
import { AppEntity, EnvVarEntity } from '@paas/db';
import { DataSource, In } from 'typeorm';
import { DomainError, notFound } from '../common/domain-error.js';
import { toAppModel, toEnvVarModel } from './app.mapper.js';
import type { AppModel } from './app.model.js';
import type { CreateAppInput } from './create-app.input.js';
import type { EnvVarInput, EnvVarModel } from './env-var.model.js';

@Injectable()
export class AppService {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async list(): Promise<AppModel[]> {
    const apps = await this.db.getRepository(AppEntity).find({ order: { createdAt: 'ASC' } });
    return this.withTokenFlags(apps);
  }

  async find(by: { id?: string | null; name?: string | null }): Promise<AppModel | null> {
    if (!by.id && !by.name) throw new DomainError('BAD_USER_INPUT', 'Give an app id or a name.');
    if (by.id && !isUuid(by.id)) return null;
    const where = by.id ? { id: by.id } : { name: by.name! };
    const app = await this.db.getRepository(AppEntity).findOne({ where });
    return app ? (await this.withTokenFlags([app]))[0]! : null;
  }

  async get(id: string): Promise<AppModel> {
    const app = await this.find({ id });
    if (!app) throw notFound('App', id);
    return app;
  }

  async create(input: CreateAppInput): Promise<AppModel> {
    const kind = input.kind ?? 'SERVICE';
    const runtime = input.runtime ?? 'DOCKER';
    if (runtime !== 'DOCKER') throw new DomainError('NOT_IMPLEMENTED', 'The KUBERNETES runtime is not supported yet; use DOCKER.');
    if (kind === 'SERVICE' && !input.gitUrl) throw new ValidationError('gitUrl is required for a SERVICE app.', 'gitUrl');
    const site = kind === 'STATIC' ? validateStaticSettings(input) : { buildImage: null, buildCommand: null, outputDirectory: null, spaFallback: false };
    const entity: Partial<AppEntity> = {
      name: validateAppName(input.name),
      kind,
      runtime,
      gitUrl: input.gitUrl ? validateGitUrl(input.gitUrl) : null,
      gitToken: input.gitToken || null,
      branch: validateBranch(input.branch ?? 'main'),
      rootDirectory: validateRelativePath(input.rootDirectory ?? '.', 'rootDirectory'),
      dockerfilePath: validateRelativePath(input.dockerfilePath ?? 'Dockerfile', 'dockerfilePath'),
      ...site,
      port: validatePort(input.port ?? 8080),
      healthCheckPath: validateHealthCheckPath(input.healthCheckPath ?? '/'),
    };
    const env = validateEnv(input.env ?? []);
    const id = await this.db.transaction(async (tx) => {
      const taken = await tx.getRepository(AppEntity).exists({ where: { name: entity.name! } });
      if (taken) throw new DomainError('CONFLICT', `App name "${entity.name}" is taken; choose another.`);
      const saved = await tx.getRepository(AppEntity).save(tx.getRepository(AppEntity).create(entity)).catch((err) => {
        if ((err as { code?: string }).code === '23505') throw new DomainError('CONFLICT', `App name "${entity.name}" is taken; choose another.`);
        throw err;
      });
      if (env.length) await tx.getRepository(EnvVarEntity).insert(env.map((v) => ({ ...v, appId: saved.id })));
      return saved.id;
    });
    return this.get(id);
  }

  async setEnvVars(appId: string, vars: EnvVarInput[]): Promise<AppModel> {
    const app = await this.get(appId);
    const env = validateEnv(vars);
    if (env.length) await this.db.getRepository(EnvVarEntity).upsert(env.map((v) => ({ ...v, appId })), ['appId', 'key']);
    return app;
  }

  async envVars(appId: string): Promise<EnvVarModel[]> {
    const rows = await this.db.getRepository(EnvVarEntity).find({ where: { appId }, order: { key: 'ASC' } });
    return rows.map(toEnvVarModel);
  }

  async delete(id: string): Promise<void> {
    await this.db.getRepository(AppEntity).delete({ id });
  }

  private async withTokenFlags(apps: AppEntity[]): Promise<AppModel[]> {
    if (apps.length === 0) return [];
    const rows: { id: string }[] = await this.db
      .getRepository(AppEntity)
      .createQueryBuilder('a')
      .select('a.id', 'id')
      .where({ id: In(apps.map((a) => a.id)) })
      .andWhere('a.git_token IS NOT NULL')
      .getRawMany();
    const withToken = new Set(rows.map((r) => r.id));
    return apps.map((a) => toAppModel(a, withToken.has(a.id)));
  }
}

/** A build command runs in buildImage; without one the output directory of the repository is the site. */
function validateStaticSettings(input: CreateAppInput): Pick<AppEntity, 'buildImage' | 'buildCommand' | 'outputDirectory' | 'spaFallback'> {
  const buildCommand = input.buildCommand ? validateBuildCommand(input.buildCommand) : null;
  if (buildCommand && !input.buildImage) throw new ValidationError('buildImage is required with a buildCommand: the image the command runs in (e.g. node:22-alpine).', 'buildImage');
  return {
    buildCommand,
    buildImage: input.buildImage ? validateBuildImage(input.buildImage) : null,
    outputDirectory: validateRelativePath(input.outputDirectory ?? (buildCommand ? 'dist' : '.'), 'outputDirectory'),
    spaFallback: input.spaFallback ?? false,
  };
}

function validateEnv(vars: EnvVarInput[]): { key: string; value: string; secret: boolean }[] {
  const seen = new Set<string>();
  return vars.map((v) => {
    const key = validateEnvKey(v.key);
    if (seen.has(key)) throw new ValidationError(`Env var ${key} is given twice.`, 'env');
    seen.add(key);
    return { key, value: validateEnvValue(key, v.value), secret: v.secret ?? false };
  });
}

export function isUuid(s: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
}
