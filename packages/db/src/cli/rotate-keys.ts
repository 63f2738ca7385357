// `npm run keys:rotate`: re-seals every stored secret under PAAS_MASTER_KEY (the new key), opening
// the old values with PAAS_PREVIOUS_MASTER_KEYS; one transaction, so a failure changes nothing.
import { keyringFromEnv } from '@paas/crypto';
import { createDataSource } from '../data-source.js';
import { resealStoredSecrets, sealUnderCurrentKey } from '../secrets/reseal.js';
import { useSecretKeyring } from '../secrets/sealed-columns.js';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL is not set');
  process.exit(2);
}
let keyring;
try {
  keyring = keyringFromEnv();
} catch (err) {
  console.error((err as Error).message);
  process.exit(2);
}
useSecretKeyring(keyring);
const ds = await createDataSource(url, { poolSize: 1 }).initialize();
try {
  const changed = await ds.transaction((tx) => resealStoredSecrets(tx, sealUnderCurrentKey));
  console.log(`re-sealed ${changed} stored secret value(s) under master key ${keyring.current.id}`);
} catch (err) {
  // the message of a decryption failure names a key id, never a value
  console.error(`rotation failed, nothing was changed: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await ds.destroy();
}
