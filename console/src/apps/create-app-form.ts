// The create-app form's state and its checks: the API's own validators (@paas/contracts), so a
// message here is word for word the one the API would give.
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
} from '@paas/contracts/validation';

export interface EnvRow {
  key: string;
  value: string;
  secret: boolean;
}

export interface CreateAppForm {
  kind: 'SERVICE' | 'STATIC';
  name: string;
  gitUrl: string;
  gitToken: string;
  branch: string;
  rootDirectory: string;
  dockerfilePath: string;
  buildImage: string;
  buildCommand: string;
  outputDirectory: string;
  spaFallback: boolean;
  port: string;
  healthCheckPath: string;
  env: EnvRow[];
}

export const emptyForm: CreateAppForm = {
  kind: 'SERVICE',
  name: '',
  gitUrl: '',
  gitToken: '',
  branch: 'main',
  rootDirectory: '.',
  dockerfilePath: 'Dockerfile',
  buildImage: '',
  buildCommand: '',
  outputDirectory: '',
  spaFallback: false,
  port: '8080',
  healthCheckPath: '/',
  env: [],
};

export type FormErrors = Partial<Record<keyof CreateAppForm | `env.${number}`, string>>;

function check(errors: FormErrors, field: keyof FormErrors, fn: () => unknown): void {
  try {
    fn();
  } catch (err) {
    if (err instanceof ValidationError) errors[field] = err.message;
    else throw err;
  }
}

export function validateForm(f: CreateAppForm): FormErrors {
  const errors: FormErrors = {};
  check(errors, 'name', () => validateAppName(f.name));
  if (f.kind === 'SERVICE' && !f.gitUrl.trim()) errors.gitUrl = 'gitUrl is required for a SERVICE app.';
  if (f.gitUrl.trim()) check(errors, 'gitUrl', () => validateGitUrl(f.gitUrl));
  check(errors, 'branch', () => validateBranch(f.branch));
  check(errors, 'rootDirectory', () => validateRelativePath(f.rootDirectory, 'rootDirectory'));
  check(errors, 'healthCheckPath', () => validateHealthCheckPath(f.healthCheckPath));
  if (f.kind === 'SERVICE') {
    check(errors, 'dockerfilePath', () => validateRelativePath(f.dockerfilePath, 'dockerfilePath'));
    check(errors, 'port', () => validatePort(Number(f.port)));
  } else {
    if (f.buildCommand.trim()) {
      check(errors, 'buildCommand', () => validateBuildCommand(f.buildCommand));
      if (!f.buildImage.trim()) errors.buildImage = 'buildImage is required with a buildCommand: the image the command runs in (e.g. node:22-alpine).';
    }
    if (f.buildImage.trim()) check(errors, 'buildImage', () => validateBuildImage(f.buildImage));
    if (f.outputDirectory.trim()) check(errors, 'outputDirectory', () => validateRelativePath(f.outputDirectory, 'outputDirectory'));
  }
  const seen = new Set<string>();
  f.env.forEach((row, i) => {
    check(errors, `env.${i}`, () => {
      validateEnvKey(row.key);
      validateEnvValue(row.key, row.value);
      if (seen.has(row.key)) throw new ValidationError(`Env var ${row.key} is given twice.`, 'env');
      seen.add(row.key);
    });
  });
  return errors;
}

/** The CreateAppInput for the form (only the fields of the chosen kind). */
export function toInput(f: CreateAppForm) {
  const common = {
    name: f.name.trim(),
    kind: f.kind,
    gitUrl: f.gitUrl.trim() || null,
    gitToken: f.gitToken.trim() || null,
    branch: f.branch.trim(),
    rootDirectory: f.rootDirectory.trim(),
    healthCheckPath: f.healthCheckPath.trim(),
    env: f.env.map((e) => ({ key: e.key.trim(), value: e.value, secret: e.secret })),
  };
  if (f.kind === 'SERVICE') return { ...common, dockerfilePath: f.dockerfilePath.trim(), port: Number(f.port) };
  return {
    ...common,
    buildImage: f.buildImage.trim() || null,
    buildCommand: f.buildCommand.trim() || null,
    outputDirectory: f.outputDirectory.trim() || null,
    spaFallback: f.spaFallback,
  };
}
