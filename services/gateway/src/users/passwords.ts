// Passwords: argon2id (@node-rs/argon2's default algorithm) with its default cost.
import { hash, verify } from '@node-rs/argon2';

export const hashPassword = (password: string) => hash(password);

// an unknown email costs the same as a wrong password: the answer's timing does not tell them apart
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  if (storedHash === null) {
    dummyHash ??= hash('not a password of anyone');
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(storedHash, password).catch(() => false);
}
