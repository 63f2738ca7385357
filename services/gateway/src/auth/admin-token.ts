import { timingSafeEqual, createHash } from 'node:crypto';

/** Constant-time comparison of a presented bearer token with the admin token. */
export function isAdminToken(presented: unknown, adminToken: string): boolean {
  if (typeof presented !== 'string') return false;
  const token = presented.replace(/^Bearer\s+/i, '').trim();
  const a = createHash('sha256').update(token).digest();
  const b = createHash('sha256').update(adminToken).digest();
  return timingSafeEqual(a, b);
}
