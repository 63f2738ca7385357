// One set of rules for an app's settings, used by createApp and updateApp alike: an update is
// the stored settings with the given fields laid over them, checked as a whole.
import {
  ValidationError,
  validateBranch,
  validateBuildCommand,
  validateBuildImage,
  validateGitSshKey,
  validateGitToken,
  validateGitUrl,
  validateHealthCheckPath,
  validatePort,
  validateRelativePath,
  type AppKind,
} from '@paas/contracts';
import type { AppEntity } from '@paas/db';
import { defaultInstanceSize, validateCpus, validateMemoryMb } from './instance-size.js';

const DEFAULT_SIZE = defaultInstanceSize(process.env);

/** The settings fields createApp and updateApp share. `undefined`: not given; `null`: back to the default. */
export interface AppSettingsInput {
  gitUrl?: string | null;
  gitToken?: string | null;
  gitSshKey?: string | null;
  branch?: string | null;
  rootDirectory?: string | null;
  dockerfilePath?: string | null;
  buildImage?: string | null;
  buildCommand?: string | null;
  outputDirectory?: string | null;
  spaFallback?: boolean | null;
  port?: number | null;
  healthCheckPath?: string | null;
  memoryMb?: number | null;
  cpus?: number | null;
}

export type AppSettings = Pick<
  AppEntity,
  | 'gitUrl'
  | 'branch'
  | 'rootDirectory'
  | 'dockerfilePath'
  | 'buildImage'
  | 'buildCommand'
  | 'outputDirectory'
  | 'spaFallback'
  | 'port'
  | 'healthCheckPath'
  | 'memoryMb'
  | 'cpus'
>;

/** What happens to the stored git credential (one per app: a token for http(s), a key for ssh://). */
export type CredentialChange = { set: string | null } | 'keep';

export interface ValidatedSettings {
  settings: AppSettings;
  credential: CredentialChange;
}

/** The stored app an update starts from; absent for createApp. */
export interface CurrentApp {
  settings: AppSettings;
  hasCredential: boolean;
}

export function validateAppSettings(kind: AppKind, input: AppSettingsInput, current?: CurrentApp): ValidatedSettings {
  const given = <K extends keyof AppSettings>(key: K & keyof AppSettingsInput): AppSettingsInput[K] | AppSettings[K] | null =>
    input[key] !== undefined ? input[key] : (current?.settings[key] ?? null);
  const gitUrlRaw = given('gitUrl') as string | null;
  if (kind === 'SERVICE' && !gitUrlRaw) throw new ValidationError('gitUrl is required for a SERVICE app.', 'gitUrl');
  const gitUrl = gitUrlRaw ? validateGitUrl(gitUrlRaw) : null;
  const buildCommandRaw = kind === 'STATIC' ? (given('buildCommand') as string | null) : null;
  const buildCommand = buildCommandRaw ? validateBuildCommand(buildCommandRaw) : null;
  const buildImageRaw = kind === 'STATIC' ? (given('buildImage') as string | null) : null;
  if (buildCommand && !buildImageRaw)
    throw new ValidationError('buildImage is required with a buildCommand: the image the command runs in (e.g. node:22-alpine).', 'buildImage');
  const settings: AppSettings = {
    gitUrl,
    branch: validateBranch((given('branch') as string | null) ?? 'main'),
    rootDirectory: validateRelativePath((given('rootDirectory') as string | null) ?? '.', 'rootDirectory'),
    dockerfilePath: validateRelativePath((given('dockerfilePath') as string | null) ?? 'Dockerfile', 'dockerfilePath'),
    buildCommand,
    buildImage: buildImageRaw ? validateBuildImage(buildImageRaw) : null,
    outputDirectory:
      kind === 'STATIC' ? validateRelativePath((given('outputDirectory') as string | null) ?? (buildCommand ? 'dist' : '.'), 'outputDirectory') : null,
    spaFallback: kind === 'STATIC' ? ((given('spaFallback') as boolean | null) ?? false) : false,
    port: validatePort((given('port') as number | null) ?? 8080),
    healthCheckPath: validateHealthCheckPath((given('healthCheckPath') as string | null) ?? '/'),
    memoryMb: validateMemoryMb((given('memoryMb') as number | null) ?? DEFAULT_SIZE.memoryMb),
    cpus: validateCpus((given('cpus') as number | null) ?? DEFAULT_SIZE.cpus),
  };
  return { settings, credential: credentialChange(input, gitUrl, current) };
}

/**
 * A token is for http(s) URLs, a key for ssh:// URLs; "" removes the stored one. A credential
 * belongs to the origin it was given for: pointing the app at another scheme, host or port
 * drops it unless a new one comes with the change.
 */
function credentialChange(input: AppSettingsInput, gitUrl: string | null, current?: CurrentApp): CredentialChange {
  const scheme = gitUrl ? new URL(gitUrl).protocol : null;
  if (input.gitToken && scheme !== 'https:' && scheme !== 'http:')
    throw new ValidationError('gitToken is only used with https:// and http:// gitUrls (ssh:// takes gitSshKey).', 'gitToken');
  if (input.gitSshKey && scheme !== 'ssh:') throw new ValidationError('gitSshKey is only used with ssh:// gitUrls.', 'gitSshKey');
  if (input.gitToken && input.gitSshKey) throw new ValidationError('Give either gitToken or gitSshKey, not both.', 'gitToken');
  const given = input.gitToken ? validateGitToken(input.gitToken) : input.gitSshKey ? validateGitSshKey(input.gitSshKey) : undefined;
  const cleared = input.gitToken === '' || input.gitSshKey === '';
  const originChanged = current !== undefined && origin(current.settings.gitUrl) !== origin(gitUrl);
  const change: CredentialChange = given !== undefined ? { set: given } : cleared || originChanged || !current ? { set: null } : 'keep';
  const willHaveKey = change === 'keep' ? current!.hasCredential : change.set !== null;
  if (scheme === 'ssh:' && !willHaveKey)
    throw new ValidationError("An ssh:// gitUrl needs gitSshKey (a private key for this app); the host's own ssh keys are never used.", 'gitSshKey');
  return change;
}

function origin(url: string | null): string | null {
  if (!url) return null;
  const u = new URL(url);
  return `${u.protocol}//${u.host}`;
}
