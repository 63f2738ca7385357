// The codec endpoint the Temporal Web UI uses to open sealed histories: platform admins only,
// CORS for the UI's origin only, and hostile bodies refused without echoing anything.
import { describe, expect, it, inject } from 'vitest';
import { gql } from '../helpers/graphql.js';
import { stackCodec } from '../helpers/temporal.js';

const url = (path: string) => new URL(path, inject('gatewayUrl')).toString();
const b64 = (s: string) => Buffer.from(s).toString('base64');
const uiOrigin = () => `http://127.0.0.1:${Number(new URL(`http://${inject('temporalAddress')}`).port) + 1000}`;

async function call(path: string, body: unknown, token: string | null = inject('adminToken'), headers: Record<string, string> = {}) {
  const res = await fetch(url(path), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

const jsonPayload = (value: unknown) => ({ metadata: { encoding: b64('json/plain') }, data: b64(JSON.stringify(value)) });

describe('codec endpoint', () => {
  it('encodes to ciphertext and decodes back, and opens what the platform sealed', async () => {
    const encoded = await call('/codec/encode', { payloads: [jsonPayload({ secret: 'codec-canary' })] });
    expect(encoded.status).toBe(200);
    expect(Buffer.from(encoded.text).toString()).not.toContain(b64('{"secret":"codec-canary"}'));
    const decoded = await call('/codec/decode', JSON.parse(encoded.text));
    expect(JSON.parse(decoded.text)).toEqual({ payloads: [jsonPayload({ secret: 'codec-canary' })] });

    const [sealed] = await stackCodec().encode([{ metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from('"from the worker"') }]);
    const wire = {
      metadata: Object.fromEntries(Object.entries(sealed.metadata!).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
      data: Buffer.from(sealed.data!).toString('base64'),
    };
    const opened = await call('/codec/decode', { payloads: [wire] });
    expect(JSON.parse(opened.text)).toEqual({ payloads: [{ metadata: { encoding: b64('json/plain') }, data: b64('"from the worker"') }] });
  });

  it('refuses callers that are not platform admins, and answers nothing', async () => {
    const body = { payloads: [jsonPayload(1)] };
    for (const token of [null, 'wrong-token', `${inject('adminToken')}x`]) {
      const res = await call('/codec/decode', body, token);
      expect(res.status).toBe(401);
      expect(res.text).not.toContain('payloads');
    }
  });

  it('refuses a team API token, even an OWNER one: 403, and nothing is decoded', async () => {
    const { teams } = await gql<{ teams: { id: string }[] }>(`query { teams { id } }`);
    const created = await gql<{ createApiToken: { token: string } }>(
      `mutation($teamId: ID!) { createApiToken(teamId: $teamId, name: "codec-probe", role: OWNER, expiresInDays: 1) { token } }`,
      { teamId: teams[0].id },
    );
    const encoded = await call('/codec/encode', { payloads: [jsonPayload('owner-canary')] });
    const res = await call('/codec/decode', JSON.parse(encoded.text), created.createApiToken.token);
    expect(res.status).toBe(403);
    expect(res.text).not.toContain(b64('"owner-canary"'));
  });

  it('refuses hostile bodies with 400 and echoes none of them', async () => {
    const bad = [
      'not json',
      {},
      { payloads: 'x' },
      { payloads: [null] },
      { payloads: [{ metadata: { encoding: 'not base64!' }, data: '' }] },
      { payloads: Array.from({ length: 1001 }, () => ({ data: '' })) },
      { payloads: [{ metadata: { encoding: b64('binary/paas-encrypted'), 'paas-encryption-key-id': b64('0000') }, data: b64('forged-canary') }] },
    ];
    for (const body of bad) {
      const res = await call('/codec/decode', body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.text).not.toContain('forged-canary');
    }
    // an altered ciphertext does not authenticate: no garbage comes back
    const encoded = JSON.parse((await call('/codec/encode', { payloads: [jsonPayload('x')] })).text) as { payloads: { data: string }[] };
    const bytes = Buffer.from(encoded.payloads[0].data, 'base64');
    bytes[bytes.length - 1] ^= 1;
    encoded.payloads[0].data = bytes.toString('base64');
    const altered = await call('/codec/decode', encoded);
    expect(altered.status).toBe(400);
    expect(altered.text).toMatch(/does not authenticate/);
  });

  it("allows CORS for the Temporal Web UI's origin only", async () => {
    const preflight = (origin: string) =>
      fetch(url('/codec/decode'), {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' },
      });
    const ui = await preflight(uiOrigin());
    expect(ui.status).toBe(204);
    expect(ui.headers.get('access-control-allow-origin')).toBe(uiOrigin());
    const evil = await preflight('http://evil.example');
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    const post = await call('/codec/encode', { payloads: [] }, inject('adminToken'), { origin: 'http://evil.example' });
    expect(post.headers.get('access-control-allow-origin')).toBeNull();
  });
});
