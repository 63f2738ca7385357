// refreshSession is single-use and rotating: the console must never send one refresh token twice.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { credentialStore, type UserSession } from './credentials';
import { refreshSession } from './session-refresh';

const user = { id: 'u1', email: 'a@example.test', name: null, platformAdmin: false };
const session = (n: number, expiresInMs: number): UserSession => ({
  kind: 'session',
  accessToken: `access-${n}`,
  refreshToken: `paas_rt_${n}`,
  expiresAt: new Date(Date.now() + expiresInMs).toISOString(),
  user,
});

describe('session refresh', () => {
  let sent: string[];
  beforeEach(() => {
    localStorage.clear();
    sessionStorage.clear();
    sent = [];
    let next = 100;
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init: RequestInit) => {
        const { variables } = JSON.parse(init.body as string) as { variables: { r: string } };
        sent.push(variables.r);
        await new Promise((r) => setTimeout(r, 10));
        const n = next++;
        const { kind: _kind, ...fresh } = session(n, 900_000);
        return Response.json({ data: { refreshSession: fresh } });
      }),
    );
  });
  afterEach(() => vi.unstubAllGlobals());

  it('sends a refresh token once even when many requests ask at the same time, and stores the new pair', async () => {
    credentialStore.save(session(1, 1_000));
    const results = await Promise.all([refreshSession('access-1'), refreshSession('access-1'), refreshSession('access-1')]);
    expect(sent).toEqual(['paas_rt_1']);
    expect(new Set(results.map((r) => r?.accessToken))).toEqual(new Set(['access-100']));
    expect(credentialStore.loadSession()?.refreshToken).toBe('paas_rt_100');
  });

  it('takes the pair another tab already rotated instead of sending the old refresh token again', async () => {
    credentialStore.save(session(7, 900_000));
    const r = await refreshSession('access-1');
    expect(sent).toEqual([]);
    expect(r?.accessToken).toBe('access-7');
  });

  it('ends the session when the server refuses the refresh token (reused, expired), and keeps it when the gateway is down', async () => {
    credentialStore.save(session(1, 1_000));
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('bad gateway', { status: 502 })),
    );
    await expect(refreshSession('access-1')).rejects.toThrow(/502/);
    expect(credentialStore.loadSession()?.refreshToken).toBe('paas_rt_1');
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        Response.json({ data: null, errors: [{ message: 'This refresh token is not valid', extensions: { code: 'UNAUTHENTICATED' } }] }, { status: 401 }),
      ),
    );
    expect(await refreshSession('access-1')).toBeNull();
    expect(credentialStore.loadSession()).toBeNull();
  });

  it('ignores a stored session that is not one (tampered storage)', async () => {
    localStorage.setItem('paas.session', '{"accessToken": 1}');
    expect(credentialStore.load()).toBeNull();
    localStorage.setItem('paas.session', 'not json');
    expect(credentialStore.load()).toBeNull();
    expect(await refreshSession('x')).toBeNull();
    expect(sent).toEqual([]);
  });
});
