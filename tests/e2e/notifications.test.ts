// Notification channels on the whole platform: a team ADMIN adds a signed WEBHOOK, Slack, Discord
// and EMAIL channels; deployments that succeed, fail and roll back reach a local HTTP receiver (which
// checks the HMAC over the raw body), Slack/Discord shapes and Mailpit (read through its HTTP API);
// a receiver that answers 503 first gets it later, as the delivery log shows; each channel hears
// only its events; SSRF targets, bad addresses and unknown events are refused; VIEWER and
// DEVELOPER may not manage channels; the secret is shown once; a crash-looping release is announced.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { busyboxApp, FixtureRepo } from '../helpers/fixture-repo.js';
import { createApp, deploy, gql, gqlRaw, waitForDeployment } from '../helpers/graphql.js';
import { messagesTo, messageText } from '../helpers/mailpit.js';
import { until } from '../helpers/wait.js';

const CHANNEL = `id kind target events secret`;

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  raw: Buffer;
  status: number;
}

/** A local receiver: records every request with its raw body; `answers[path]` are the statuses it gives, in turn (200 after them). */
function receiver(port: number) {
  const received: Received[] = [];
  const answers: Record<string, number[]> = {};
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      const status = answers[path]?.shift() ?? 200;
      received.push({ path, headers: req.headers, raw: Buffer.concat(chunks), status });
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'not now');
    });
  });
  return {
    received,
    answers,
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    listen: () => new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r())),
    close: () => new Promise<void>((r) => server.close(() => r())),
    /** What reached `path` with status 200, as parsed JSON. */
    json: (path: string) => received.filter((r) => r.path === path && r.status === 200).map((r) => JSON.parse(r.raw.toString('utf8'))),
  };
}

/** What a receiver does with X-Paas-Signature: HMAC-SHA256 over the raw bytes, compared in constant time. */
function signatureValid(raw: Buffer, secret: string, header: string | string[] | undefined): boolean {
  if (typeof header !== 'string') return false;
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`);
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

describe('notifications', () => {
  const [port] = inject('notifyReceiverPorts');
  /** A loopback port PAAS_OUTBOUND_ALLOW does not list. */
  const unlistedPort = port + 10;
  const mailpit = inject('mailpitUrl');
  const hook = receiver(port);
  const repo = new FixtureRepo();
  const stamp = Date.now().toString(36);
  const email = `ops-${stamp}@example.test`;
  const appIds: string[] = [];
  let teamId: string;
  let viewer: string;
  let developer: string;
  let webhook: { id: string; secret: string };
  let flakyId: string;
  let appId: string;
  const deployments: Record<string, string> = {};

  const create = (args: { kind: string; target: string; events?: string[] }, as?: string) =>
    gqlRaw<{ createNotificationChannel: { id: string; kind: string; target: string; events: string[]; secret: string | null } }>(
      `mutation($t: ID!, $k: NotificationKind!, $target: String!, $e: [String!]) {
        createNotificationChannel(teamId: $t, kind: $k, target: $target, events: $e) { ${CHANNEL} } }`,
      { t: teamId, k: args.kind, target: args.target, e: args.events ?? null },
      as,
    );
  const created = async (args: { kind: string; target: string; events?: string[] }) => {
    const r = await create(args);
    if (r.errors?.length) throw new Error(`createNotificationChannel ${args.target}: ${r.errors[0].message}`);
    return r.data!.createNotificationChannel;
  };
  const channels = async () =>
    (
      await gql(`query($t: ID!) { notificationChannels(teamId: $t) { ${CHANNEL} deliveries(limit: 10) { event status attempts error at } } }`, {
        t: teamId,
      })
    ).notificationChannels as {
      id: string;
      kind: string;
      secret: string | null;
      deliveries: { event: string; status: string; attempts: number; error: string | null }[];
    }[];

  beforeAll(async () => {
    await hook.listen();
    teamId = (await gql(`mutation($n: String!) { createTeam(name: $n) { id } }`, { n: `notify-team-${stamp}` })).createTeam.id;
    const tokenOf = async (role: string) =>
      (
        await gql(`mutation($t: ID!, $r: TeamRole!, $n: String!) { createApiToken(teamId: $t, role: $r, name: $n) { token } }`, {
          t: teamId,
          r: role,
          n: `notify-${role}`,
        })
      ).createApiToken.token as string;
    viewer = await tokenOf('VIEWER');
    developer = await tokenOf('DEVELOPER');
  }, 60_000);

  afterAll(async () => {
    for (const id of appIds) await gql(`mutation($id: ID!) { deleteApp(id: $id) }`, { id }).catch(() => undefined);
    await hook.close();
    repo.remove();
  });

  it('VIEWER and DEVELOPER may not create or list channels (FORBIDDEN); nothing is stored', async () => {
    for (const as of [viewer, developer]) {
      const r = await create({ kind: 'WEBHOOK', target: hook.url('/hook') }, as);
      expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const list = await gqlRaw(`query($t: ID!) { notificationChannels(teamId: $t) { id } }`, { t: teamId }, as);
      expect(list.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect(await channels()).toEqual([]);
  });

  it('refuses SSRF targets unless listed, bad email addresses and unknown events, with a clear error; nothing is stored', async () => {
    const refused: [{ kind: string; target: string; events?: string[] }, RegExp][] = [
      [{ kind: 'WEBHOOK', target: `http://127.0.0.1:${unlistedPort}/hook` }, /plain http is allowed only for hosts PAAS_OUTBOUND_ALLOW lists/],
      [{ kind: 'WEBHOOK', target: `https://127.0.0.1:${unlistedPort}/hook` }, /127\.0\.0\.1 is a loopback, private or link-local address/],
      [{ kind: 'WEBHOOK', target: 'http://169.254.169.254/latest/meta-data/' }, /plain http/],
      [{ kind: 'SLACK', target: 'https://169.254.169.254/latest/meta-data/' }, /169\.254\.169\.254 is a loopback, private or link-local/],
      [{ kind: 'DISCORD', target: 'http://10.0.0.1/hook' }, /plain http/],
      [{ kind: 'WEBHOOK', target: 'https://10.0.0.1/hook' }, /10\.0\.0\.1 is a loopback, private or link-local/],
      [{ kind: 'WEBHOOK', target: 'https://[::1]/hook' }, /loopback, private or link-local/],
      // a name resolving to loopback, even on the listed port (the allow-list names 127.0.0.1, not the name)
      [{ kind: 'WEBHOOK', target: `https://localhost:${port}/hook` }, /localhost resolves to .*loopback, private or link-local/],
      [{ kind: 'WEBHOOK', target: 'file:///etc/passwd' }, /file: URLs are not allowed/],
      [{ kind: 'WEBHOOK', target: 'https://user:pw@hooks.example.com/x' }, /user name or password/],
      [{ kind: 'SLACK', target: 'not a url' }, /not a URL/],
      [{ kind: 'EMAIL', target: 'not-an-address' }, /is not an email address/],
      [{ kind: 'EMAIL', target: 'Ops <ops@example.com>' }, /is not an email address/],
      [{ kind: 'EMAIL', target: 'a@example.com, b@example.com' }, /is not an email address/],
      [{ kind: 'EMAIL', target: 'ops@example.com\r\nBcc: victim@example.com' }, /control characters/],
      [{ kind: 'WEBHOOK', target: hook.url('/hook'), events: ['deployment.exploded'] }, /Unknown event "deployment.exploded"/],
      [{ kind: 'WEBHOOK', target: hook.url('/hook'), events: [] }, /events is empty/],
      [{ kind: 'WEBHOOK', target: `https://example.com/${'a'.repeat(3000)}` }, /longer than 2048/],
    ];
    for (const [args, message] of refused) {
      const r = await create(args);
      expect(r.errors?.[0]?.extensions?.code, args.target).toBe('BAD_USER_INPUT');
      expect(r.errors?.[0]?.message, args.target).toMatch(message);
    }
    const badKind = await create({ kind: 'CARRIER_PIGEON', target: hook.url('/hook') });
    expect(badKind.errors?.[0]?.message).toMatch(/NotificationKind/);
    const strangerTeam = await gqlRaw(`query { notificationChannels(teamId: "not-a-team") { id } }`);
    expect(strangerTeam.errors?.[0]?.extensions?.code).toMatch(/NOT_FOUND|BAD_USER_INPUT/);
    expect(await channels()).toEqual([]);
  });

  it('a WEBHOOK secret is shown once: by the create call, never again; other kinds have none', async () => {
    const w = await created({ kind: 'WEBHOOK', target: hook.url('/hook') });
    expect(w.secret).toMatch(/^[0-9a-f]{64}$/);
    expect(w.events).toEqual(['deployment.succeeded', 'deployment.failed', 'deployment.rolled_back', 'release.crash_looping']);
    webhook = { id: w.id, secret: w.secret! };
    flakyId = (await created({ kind: 'WEBHOOK', target: hook.url('/flaky'), events: ['deployment.failed'] })).id;
    await created({ kind: 'WEBHOOK', target: hook.url('/rollbacks'), events: ['deployment.rolled_back'] });
    expect((await created({ kind: 'SLACK', target: hook.url('/slack'), events: ['deployment.failed'] })).secret).toBeNull();
    await created({ kind: 'DISCORD', target: hook.url('/discord'), events: ['deployment.failed'] });
    expect((await created({ kind: 'EMAIL', target: email, events: ['deployment.succeeded', 'deployment.failed'] })).secret).toBeNull();
    const listed = await channels();
    expect(listed).toHaveLength(6);
    for (const c of listed) expect(c.secret).toBeNull();
    expect(JSON.stringify(listed)).not.toContain(webhook.secret);
  });

  it('a succeeded deployment reaches the signed webhook and the inbox, and only the channels that want it', async () => {
    repo.commit(busyboxApp({ body: 'notify v1\n' }));
    appId = (await createApp({ name: `notify-${stamp}`, gitUrl: repo.url, healthCheckPath: '/cgi-bin/health', teamId })).id;
    appIds.push(appId);
    const d = await waitForDeployment((await deploy(appId)).id);
    expect(d.status).toBe('LIVE');
    deployments.first = d.id;

    await until('the succeeded event at the webhook', () => hook.json('/hook').some((b) => b.event === 'deployment.succeeded'), 60_000);
    const r = hook.received.find((x) => x.path === '/hook' && JSON.parse(x.raw.toString()).event === 'deployment.succeeded')!;
    expect(signatureValid(r.raw, webhook.secret, r.headers['x-paas-signature'])).toBe(true);
    expect(signatureValid(r.raw, 'another secret', r.headers['x-paas-signature'])).toBe(false);
    expect(r.headers['content-type']).toBe('application/json');
    expect(r.headers['x-paas-event']).toBe('deployment.succeeded');
    expect(JSON.parse(r.raw.toString())).toMatchObject({
      event: 'deployment.succeeded',
      team: { id: teamId },
      app: { id: appId, name: `notify-${stamp}` },
      deployment: { id: d.id, status: 'LIVE', trigger: 'MANUAL', error: null },
    });

    let mail: Awaited<ReturnType<typeof messagesTo>> = [];
    await until('the succeeded email in Mailpit', async () => (mail = await messagesTo(mailpit, email)).length >= 1, 60_000, 500);
    const m = await messageText(mailpit, mail[0].ID);
    expect(m.subject).toBe(`[paas] notify-${stamp}: deployment succeeded`);
    expect(m.from).toBe('paas-tests@example.test');
    expect(m.text).toContain(`Deployment: ${d.id}`);

    // the others want other events: give the platform time to (wrongly) send them
    await new Promise((r) => setTimeout(r, 3000));
    expect(hook.received.filter((x) => ['/flaky', '/rollbacks', '/slack', '/discord'].includes(x.path))).toEqual([]);
  });

  it('a failed deployment reaches the webhook (signed), Slack and Discord in their shapes, and the inbox; a receiver that answers 503 first gets it later', async () => {
    hook.answers['/flaky'] = [503, 503];
    repo.commit(busyboxApp({ body: 'notify v2\n', health: 'fail' }));
    const d = await waitForDeployment((await deploy(appId)).id);
    expect(d.status).toBe('FAILED');
    deployments.failed = d.id;

    await until('the failed event at the webhook', () => hook.json('/hook').some((b) => b.event === 'deployment.failed'), 60_000);
    const r = hook.received.find((x) => x.path === '/hook' && JSON.parse(x.raw.toString()).event === 'deployment.failed')!;
    expect(signatureValid(r.raw, webhook.secret, r.headers['x-paas-signature'])).toBe(true);
    const body = JSON.parse(r.raw.toString());
    expect(body).toMatchObject({ event: 'deployment.failed', deployment: { id: d.id, status: 'FAILED' } });
    expect(body.deployment.error).toBeTruthy();
    expect(body.summary).toMatch(new RegExp(`^notify-${stamp}: deployment failed \\(`));

    await until('Slack and Discord', () => hook.json('/slack').length === 1 && hook.json('/discord').length === 1, 60_000);
    const [slack] = hook.json('/slack');
    expect(typeof slack.text).toBe('string');
    expect(slack.attachments[0]).toMatchObject({ color: '#e01e5a', title: `notify-${stamp}: deployment failed` });
    expect(slack.attachments[0].fields).toContainEqual({ title: 'Deployment', value: d.id, short: true });
    const [discord] = hook.json('/discord');
    expect(discord.allowed_mentions).toEqual({ parse: [] });
    expect(discord.embeds[0]).toMatchObject({ title: `notify-${stamp}: deployment failed`, color: 0xe01e5a });
    expect(discord.embeds[0].fields).toContainEqual({ name: 'Deployment', value: d.id, inline: true });
    expect(hook.received.find((x) => x.path === '/slack')!.headers['x-paas-signature']).toBeUndefined();

    await until('the failed email', async () => (await messagesTo(mailpit, email)).some((m) => m.Subject.includes('deployment failed')), 60_000, 500);

    // the flaky receiver: the log shows it pending with the 503, then delivered on the third attempt
    const flaky = async () => (await channels()).find((c) => c.id === flakyId)!.deliveries;
    let sawPending = false;
    await until(
      'the flaky receiver to get it',
      async () => {
        const [dl] = await flaky();
        if (dl?.status === 'PENDING' && dl.attempts >= 1 && /HTTP 503/.test(dl.error ?? '')) sawPending = true;
        return dl?.status === 'DELIVERED';
      },
      90_000,
      250,
    );
    expect(sawPending).toBe(true);
    expect((await flaky())[0]).toMatchObject({ event: 'deployment.failed', status: 'DELIVERED', attempts: 3, error: null });
    expect(hook.received.filter((x) => x.path === '/flaky').map((x) => x.status)).toEqual([503, 503, 200]);
    // every attempt sent the same signed bytes
    const bodies = new Set(hook.received.filter((x) => x.path === '/flaky').map((x) => x.raw.toString()));
    expect(bodies.size).toBe(1);
  });

  it('a rollback is deployment.rolled_back, which only the channels that want it hear', async () => {
    // a newer release first: the rollback goes back to the first one
    repo.commit(busyboxApp({ body: 'notify v3\n' }));
    expect((await waitForDeployment((await deploy(appId)).id)).status).toBe('LIVE');
    const r = await gql(`mutation($a: ID!, $to: ID) { rollback(appId: $a, toDeploymentId: $to) { id } }`, { a: appId, to: deployments.first });
    const d = await waitForDeployment(r.rollback.id);
    expect(d.status).toBe('LIVE');
    await until('the rollback at /rollbacks', () => hook.json('/rollbacks').length === 1, 60_000);
    expect(hook.json('/rollbacks')[0]).toMatchObject({ event: 'deployment.rolled_back', deployment: { id: d.id, trigger: 'ROLLBACK' } });
    await until('the rollback at /hook', () => hook.json('/hook').some((b) => b.event === 'deployment.rolled_back'), 30_000);
    // the inbox wants succeeded and failed only; the flaky webhook failed only
    await until('the second succeeded email', async () => (await messagesTo(mailpit, email)).length === 3, 60_000, 500);
    await new Promise((r) => setTimeout(r, 2000));
    const subjects = (await messagesTo(mailpit, email)).map((m) => m.Subject).sort();
    expect(subjects).toEqual([
      expect.stringMatching(/deployment failed/),
      expect.stringMatching(/deployment succeeded$/),
      expect.stringMatching(/deployment succeeded$/),
    ]);
    expect(hook.json('/flaky').filter((b) => b.event !== 'deployment.failed')).toEqual([]);
    expect(hook.json('/rollbacks')).toHaveLength(1);
  });

  it('a crash-looping release is announced as release.crash_looping', async () => {
    const crashRepo = new FixtureRepo();
    try {
      crashRepo.commit(busyboxApp({ cmd: 'httpd -f -p "$PORT" -h /www & sleep 4; exit 7' }));
      const crashId = (await createApp({ name: `notify-crash-${stamp}`, gitUrl: crashRepo.url, healthCheckPath: '/cgi-bin/health', teamId })).id;
      appIds.push(crashId);
      const d = await waitForDeployment((await deploy(crashId)).id);
      expect(d.status).toBe('LIVE');
      await until('the crash-loop event', () => hook.json('/hook').some((b) => b.event === 'release.crash_looping' && b.app.id === crashId), 120_000, 500);
      const body = hook.json('/hook').find((b) => b.event === 'release.crash_looping' && b.app.id === crashId);
      expect(body).toMatchObject({ deployment: { id: d.id, status: 'CRASH_LOOPING' } });
      expect(body.summary).toMatch(/release is crash-looping \(restarts stopped after \d+ exits\)/);
    } finally {
      crashRepo.remove();
    }
  });

  it('deleting a channel: FORBIDDEN for a VIEWER, NOT_FOUND for an unknown id, then gone with its delivery log', async () => {
    const del = (id: string, as?: string) =>
      gqlRaw<{ deleteNotificationChannel: boolean }>(`mutation($id: ID!) { deleteNotificationChannel(id: $id) }`, { id }, as);
    expect((await del(webhook.id, viewer)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await del('00000000-0000-4000-8000-000000000000')).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await del('not-a-uuid')).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await del(webhook.id)).data?.deleteNotificationChannel).toBe(true);
    expect((await channels()).map((c) => c.id)).not.toContain(webhook.id);
    const limit = await gqlRaw(`query($t: ID!) { notificationChannels(teamId: $t) { deliveries(limit: 100000) { id } } }`, { t: teamId });
    expect(limit.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
