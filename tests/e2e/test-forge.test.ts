// The test forge the whole-stack tests sign in with (tests/global-setup.ts): the gateway and the
// worker run with its OAuth2 client, and Gitea accepts that client for the gateway's callback.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';

const FORGE_KEYS = ['PAAS_AUTH_GITEA_URL', 'PAAS_AUTH_GITEA_CLIENT_ID', 'PAAS_AUTH_GITEA_CLIENT_SECRET', 'PAAS_OUTBOUND_ALLOW'];

/** The forge settings a running stack process was started with (its /proc environ). */
function forgeEnvOf(name: 'gateway' | 'worker'): Map<string, string> {
  const pid = Number(readFileSync(join(inject('dataDir'), 'run', `${name}.pid`), 'utf8'));
  const entries = readFileSync(`/proc/${pid}/environ`, 'utf8')
    .split('\0')
    .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)] as const);
  return new Map(entries.filter(([k]) => FORGE_KEYS.includes(k)));
}

/** Gitea's token endpoint with a code it never issued: its error says how far the client got. */
async function exchangeBogusCode(clientId: string, clientSecret: string): Promise<{ status: number; error_description?: string }> {
  const res = await fetch(`${inject('gitea').url}/login/oauth/access_token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: 'never-issued',
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uri: `${inject('gatewayUrl')}/auth/forge/gitea/callback`,
    }),
  });
  return { status: res.status, ...((await res.json()) as { error_description?: string }) };
}

describe('the test forge', () => {
  it('is in the environment of the gateway and the worker', () => {
    const gateway = forgeEnvOf('gateway');
    const port = new URL(inject('gitea').url).port;
    // keys only in the messages: the client secret stays out of the test output
    expect([...gateway.keys()].sort()).toEqual([...FORGE_KEYS].sort());
    expect(gateway.get('PAAS_AUTH_GITEA_URL')).toBe(inject('gitea').url);
    // Gitea among the other local stand-ins (the fake GitHub API, notification receivers), each by its port
    const allowed = gateway.get('PAAS_OUTBOUND_ALLOW')!.split(',');
    expect(allowed).toContain(`127.0.0.1:${port}`);
    expect(allowed.filter((entry) => !/^127\.0\.0\.1:\d+$/.test(entry))).toEqual([]);
    const worker = forgeEnvOf('worker');
    expect(FORGE_KEYS.filter((k) => worker.get(k) !== gateway.get(k))).toEqual([]);
  });

  it("is Gitea's OAuth2 client for the gateway's callback, and a wrong secret is refused", async () => {
    const env = forgeEnvOf('gateway');
    const clientId = env.get('PAAS_AUTH_GITEA_CLIENT_ID')!;
    // past the client id, the secret and the redirect URI: only the code is refused
    expect(await exchangeBogusCode(clientId, env.get('PAAS_AUTH_GITEA_CLIENT_SECRET')!)).toMatchObject({
      status: 400,
      error_description: 'client is not authorized',
    });
    expect(await exchangeBogusCode(clientId, 'not-the-secret')).toMatchObject({ status: 400, error_description: 'invalid client secret' });
  });
});
