// Credentials of the embedded stack, generated on first start and kept in the data dir (mode 600).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface StackSecrets {
  pgPassword: string;
  s3AccessKey: string;
  s3SecretKey: string;
  adminToken: string;
  /** Signs session access tokens (HS256); added to an existing file on the first start that lacks it. */
  jwtSecret: string;
}

export function loadOrCreateSecrets(dataDir: string): { secrets: StackSecrets; created: boolean } {
  const file = join(dataDir, 'secrets.json');
  if (existsSync(file)) {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as StackSecrets;
    if (!stored.jwtSecret) writeFileSync(file, JSON.stringify({ ...stored, jwtSecret: newJwtSecret() }, null, 2), { mode: 0o600 });
    return { secrets: JSON.parse(readFileSync(file, 'utf8')) as StackSecrets, created: false };
  }
  mkdirSync(dataDir, { recursive: true });
  const secrets: StackSecrets = {
    pgPassword: randomBytes(18).toString('hex'),
    s3AccessKey: `paas${randomBytes(8).toString('hex')}`,
    s3SecretKey: randomBytes(24).toString('hex'),
    adminToken: `paas_${randomBytes(24).toString('hex')}`,
    jwtSecret: newJwtSecret(),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return { secrets, created: true };
}

const newJwtSecret = () => randomBytes(32).toString('base64url');
