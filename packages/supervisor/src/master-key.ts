// The master key that seals every stored secret and Temporal payload. PAAS_MASTER_KEY wins;
// without it, one is generated on first start into the data dir (mode 600) and kept there. A
// malformed key stops the start with a message naming the variable or file, never the key.
import { generateMasterKeyText, parseMasterKey } from '@paas/crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function masterKeyFile(dataDir: string): string {
  return join(dataDir, 'master.key');
}

/** The master key as text for the gateway's and worker's PAAS_MASTER_KEY. */
export function loadOrCreateMasterKey(dataDir: string, env: NodeJS.ProcessEnv = process.env): string {
  if (env.PAAS_MASTER_KEY) {
    parseMasterKey(env.PAAS_MASTER_KEY);
    return env.PAAS_MASTER_KEY;
  }
  const file = masterKeyFile(dataDir);
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    // wx: two starts racing on a fresh data dir must not each write a different key
    try {
      writeFileSync(file, `${generateMasterKeyText()}\n`, { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  const text = readFileSync(file, 'utf8').trim();
  parseMasterKey(text, file);
  return text;
}
