// Session advisory locks on a connection of their own: held until unlocked or until the
// connection ends, so that a process that dies (even SIGKILLed) lets go of everything it held
// at once. Used to let exactly one of several workers follow a container's log.
import pg from 'pg';

export interface AdvisoryLocks {
  tryLock(space: string, key: string): Promise<boolean>;
  unlock(space: string, key: string): Promise<void>;
  close(): Promise<void>;
}

/** `onLost`: the connection failed, every lock is gone. */
export async function openAdvisoryLocks(databaseUrl: string, onLost: (err: Error) => void): Promise<AdvisoryLocks> {
  const client = new pg.Client({ connectionString: databaseUrl });
  client.on('error', onLost);
  await client.connect();
  return {
    tryLock: async (space, key) =>
      (await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtext($1), hashtext($2)) AS ok', [space, key])).rows[0]?.ok === true,
    unlock: async (space, key) => {
      await client.query('SELECT pg_advisory_unlock(hashtext($1), hashtext($2))', [space, key]);
    },
    close: () => client.end().catch(() => undefined),
  };
}
