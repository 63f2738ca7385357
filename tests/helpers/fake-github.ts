// A local stand-in for the parts of the GitHub REST API a GitHub App connection uses (GitHub
// cannot be reached from the tests): it checks the App's JWT (RS256, signed with the key pair the
// test generated, issued for its app id, not expired) and the installation token it handed out,
// and records what it was asked. Served under /api/v3, as GitHub Enterprise Server does.
import { createPublicKey, randomBytes, verify, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export interface FakeGitHubOptions {
  port: number;
  appId: string;
  installationId: string;
  account: string;
  /** The App's public key (PEM): JWTs must verify against it. */
  publicKey: string;
  repositories: { full_name: string; clone_url: string; default_branch: string; private: boolean; branches: string[] }[];
}

export interface FakeGitHub {
  url: string;
  /** Installation tokens handed out. */
  exchanges: number;
  /** Refused requests, e.g. "401 bad JWT signature". */
  refusals: string[];
  statuses: { repo: string; sha: string; body: Record<string, string>; token: string }[];
  stop(): Promise<void>;
}

const b64url = (s: string) => Buffer.from(s, 'base64url');

/** The JWT's claims when its RS256 signature verifies against `key`, else null. */
function verifiedJwt(jwt: string, key: KeyObject): Record<string, unknown> | null {
  const [h, p, sig] = jwt.split('.');
  if (!h || !p || !sig) return null;
  const header = JSON.parse(b64url(h).toString()) as { alg?: string };
  if (header.alg !== 'RS256') return null;
  if (!verify('sha256', Buffer.from(`${h}.${p}`), key, b64url(sig))) return null;
  return JSON.parse(b64url(p).toString()) as Record<string, unknown>;
}

export async function startFakeGitHub(o: FakeGitHubOptions): Promise<FakeGitHub> {
  const key = createPublicKey(o.publicKey);
  const tokens = new Set<string>();
  const fake: FakeGitHub = { url: `http://127.0.0.1:${o.port}`, exchanges: 0, refusals: [], statuses: [], stop: () => Promise.resolve() };

  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
  const refuse = (res: ServerResponse, status: number, why: string) => {
    fake.refusals.push(`${status} ${why}`);
    send(res, status, { message: why });
  };
  const bearer = (req: IncomingMessage) => /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '';

  const appJwtOk = (req: IncomingMessage, res: ServerResponse): boolean => {
    const claims = verifiedJwt(bearer(req), key);
    const now = Date.now() / 1000;
    if (!claims) return (refuse(res, 401, 'bad JWT signature'), false);
    if (String(claims.iss) !== o.appId) return (refuse(res, 401, `JWT issued for app ${String(claims.iss)}`), false);
    if (typeof claims.exp !== 'number' || claims.exp < now || claims.exp - now > 600) return (refuse(res, 401, 'JWT expired or too long-lived'), false);
    return true;
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', fake.url).pathname;
      const installation = `/api/v3/app/installations/${o.installationId}`;
      if (req.method === 'GET' && path === installation) {
        if (appJwtOk(req, res)) send(res, 200, { id: Number(o.installationId), account: { login: o.account, type: 'Organization' } });
        return;
      }
      if (req.method === 'POST' && path === `${installation}/access_tokens`) {
        if (!appJwtOk(req, res)) return;
        const token = `ghs_${randomBytes(16).toString('hex')}`;
        tokens.add(token);
        fake.exchanges++;
        send(res, 201, { token, expires_at: new Date(Date.now() + 3600_000).toISOString(), permissions: { statuses: 'write', contents: 'read' } });
        return;
      }
      if (path.startsWith('/api/v3/app/')) return refuse(res, 404, `no installation at ${path}`);
      const token = bearer(req);
      if (!tokens.has(token)) return refuse(res, 401, 'Bad credentials');
      if (req.method === 'GET' && path === '/api/v3/installation/repositories') {
        const repositories = o.repositories.map(({ branches: _, ...r }) => r);
        return send(res, 200, { total_count: repositories.length, repositories });
      }
      const branches = /^\/api\/v3\/repos\/([^/]+\/[^/]+)\/branches$/.exec(path);
      const repo = branches && o.repositories.find((r) => r.full_name === branches[1]);
      if (req.method === 'GET' && repo)
        return send(
          res,
          200,
          repo.branches.map((name) => ({ name, protected: false })),
        );
      const status = /^\/api\/v3\/repos\/([^/]+\/[^/]+)\/statuses\/([0-9a-f]{40})$/.exec(path);
      if (req.method === 'POST' && status && o.repositories.some((r) => r.full_name === status[1])) {
        const body = JSON.parse(Buffer.concat(chunks).toString() || '{}') as Record<string, string>;
        fake.statuses.push({ repo: status[1], sha: status[2], body, token });
        return send(res, 201, { id: fake.statuses.length, state: body.state, context: body.context });
      }
      refuse(res, 404, `Not Found: ${req.method} ${path}`);
    });
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(o.port, '127.0.0.1', resolve));
  fake.stop = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return fake;
}
