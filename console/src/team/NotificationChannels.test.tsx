// The Notifications card with a real urql client whose fetch answers like the gateway: mistakes
// are named before anything is sent, a URL's path and query (its credential) never reach the page,
// the WEBHOOK signing secret is shown once and gone after a remount, and a DEVELOPER or VIEWER gets
// no card at all (nor a query for it).
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { Client, fetchExchange, Provider } from 'urql';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TeamProvider } from '../app/teams';
import type { TeamRole } from '../gql/graphql';
import { NotificationChannels } from './NotificationChannels';
import { TeamSettings } from './TeamSettings';

const SECRET = 'a'.repeat(64);
const SLACK = 'https://hooks.slack.com/services/T000/B000/XXXXSECRETPATH';

interface Sent {
  operationName: string;
  variables: Record<string, unknown>;
}

/** A gateway that keeps channels in memory, answering the console's operations by name. */
function gateway(role: TeamRole = 'OWNER') {
  const sent: Sent[] = [];
  const channels: Record<string, unknown>[] = [
    {
      __typename: 'NotificationChannel',
      id: 'n1',
      kind: 'SLACK',
      target: SLACK,
      events: ['deployment.failed'],
      createdAt: new Date().toISOString(),
      deliveries: [
        {
          __typename: 'NotificationDelivery',
          id: 'd1',
          event: 'deployment.failed',
          status: 'PENDING',
          attempts: 3,
          error: 'HTTP 503 from the receiver',
          at: new Date().toISOString(),
          updatedAt: new Date().toISOString(),
        },
      ],
    },
  ];
  const answer = (data: unknown) => new Response(JSON.stringify({ data }), { headers: { 'content-type': 'application/json' } });
  const fetch = vi.fn(async (_url: string, init: RequestInit) => {
    const body = JSON.parse(init.body as string) as Sent & { query: string };
    const operationName = body.operationName ?? /(?:query|mutation) (\w+)/.exec(body.query)?.[1] ?? '';
    sent.push({ operationName, variables: body.variables });
    switch (operationName) {
      case 'Teams':
        return answer({ teams: [{ __typename: 'Team', id: 't1', name: 'Ops', role, personal: true }] });
      case 'NotificationChannels':
        return answer({ notificationChannels: channels });
      case 'CreateNotificationChannel': {
        const v = body.variables as { kind: string; target: string; events: string[] };
        if (v.target.includes('169.254.')) {
          return new Response(
            JSON.stringify({ data: null, errors: [{ message: 'The platform does not send notifications to http://169.254.169.254/: link-local.' }] }),
            {
              headers: { 'content-type': 'application/json' },
            },
          );
        }
        const c = { __typename: 'NotificationChannel', id: 'n2', kind: v.kind, target: v.target, events: v.events, createdAt: new Date().toISOString() };
        channels.push({ ...c, deliveries: [] });
        return answer({ createNotificationChannel: { ...c, secret: v.kind === 'WEBHOOK' ? SECRET : null } });
      }
      default:
        return answer(null);
    }
  });
  return { sent, client: new Client({ url: 'http://gateway.test/graphql', exchanges: [fetchExchange], fetch: fetch as never, preferGetMethod: false }) };
}

const creates = (sent: Sent[]) => sent.filter((s) => s.operationName === 'CreateNotificationChannel');

describe('NotificationChannels', () => {
  afterEach(cleanup);

  it('lists a channel by its host only, with its deliveries', async () => {
    const { client } = gateway();
    render(
      <Provider value={client}>
        <NotificationChannels teamId="t1" />
      </Provider>,
    );
    const row = await vi.waitFor(() => {
      const li = document.querySelector('[data-notification-channel="n1"]');
      if (!li) throw new Error('not listed yet');
      return li as HTMLElement;
    });
    expect(within(row).getByText('hooks.slack.com')).toBeTruthy();
    expect(document.body.innerHTML).not.toContain('XXXXSECRETPATH');
    expect(row.querySelector('[data-notification-delivery="d1"]')?.textContent).toMatch(/deployment\.failed.*pending.*3.*HTTP 503 from the receiver/);
  });

  it('names a missing or bad target and no events without sending anything, then shows the server’s refusal', async () => {
    const { client, sent } = gateway();
    render(
      <Provider value={client}>
        <NotificationChannels teamId="t1" />
      </Provider>,
    );
    const add = screen.getByRole('button', { name: 'Add channel' });
    fireEvent.click(add);
    expect(screen.getByText('A URL is required.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('URL'), { target: { value: 'javascript:alert(1)' } });
    fireEvent.click(add);
    expect(screen.getByText('The URL must be an https:// address.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('URL'), { target: { value: 'https://user:pw@example.com/hook' } });
    fireEvent.click(add);
    expect(screen.getByText('The URL must not carry a user name or password.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Kind'), { target: { value: 'EMAIL' } });
    fireEvent.change(screen.getByLabelText('Email address'), { target: { value: 'ops@example.com, boss@example.com' } });
    for (const box of screen.getAllByRole('checkbox')) fireEvent.click(box);
    fireEvent.click(add);
    expect(screen.getByText('Give one email address, like ops@example.com.')).toBeTruthy();
    expect(screen.getByText('Choose at least one event.')).toBeTruthy();
    expect(creates(sent)).toEqual([]);

    // what only the server can tell is shown under the form
    fireEvent.change(screen.getByLabelText('Kind'), { target: { value: 'WEBHOOK' } });
    fireEvent.change(screen.getByLabelText('URL'), { target: { value: 'http://169.254.169.254/latest' } });
    fireEvent.click(screen.getByLabelText(/A deployment failed/));
    fireEvent.click(add);
    await screen.findByText(/does not send notifications to http:\/\/169\.254\.169\.254\/: link-local/);
    expect(creates(sent)).toEqual([
      {
        operationName: 'CreateNotificationChannel',
        variables: { teamId: 't1', kind: 'WEBHOOK', target: 'http://169.254.169.254/latest', events: ['deployment.failed'] },
      },
    ]);
  });

  it('sends all four events by default and shows a WEBHOOK’s secret once', async () => {
    const { client, sent } = gateway();
    const view = () => (
      <Provider value={client}>
        <NotificationChannels teamId="t1" />
      </Provider>
    );
    const { unmount } = render(view());
    fireEvent.change(screen.getByLabelText('URL'), { target: { value: ' https://ops.example.com/paas?key=k1 ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add channel' }));
    const secret = await screen.findByLabelText<HTMLInputElement>('Signing secret');
    expect(secret.value).toBe(SECRET);
    expect(creates(sent)[0]!.variables).toEqual({
      teamId: 't1',
      kind: 'WEBHOOK',
      target: 'https://ops.example.com/paas?key=k1',
      events: ['deployment.succeeded', 'deployment.failed', 'deployment.rolled_back', 'release.crash_looping'],
    });
    expect(screen.getByLabelText<HTMLInputElement>('URL').value).toBe('');
    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.queryByLabelText('Signing secret')).toBeNull();
    expect(document.body.innerHTML).not.toContain(SECRET);

    // another visit: the channel is listed (host only), the secret is not there
    unmount();
    render(view());
    await vi.waitFor(() => expect(document.querySelector('[data-notification-channel="n2"]')?.textContent).toContain('ops.example.com'));
    expect(document.body.innerHTML).not.toContain(SECRET);
    expect(document.body.innerHTML).not.toContain('key=k1');
  });

  it.each(['DEVELOPER', 'VIEWER'] as const)('shows a %s no Notifications card and asks nothing about channels', async (role) => {
    const { client, sent } = gateway(role);
    render(
      <Provider value={client}>
        <TeamProvider identity={`test-${role}`} platformAdmin={false}>
          <TeamSettings />
        </TeamProvider>
      </Provider>,
    );
    await screen.findByRole('heading', { name: 'Ops', level: 1 });
    expect(screen.getByRole('heading', { name: 'Forge connections' })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Notifications' })).toBeNull();
    expect(sent.map((s) => s.operationName)).not.toContain('NotificationChannels');
  });

  it('shows an OWNER the card in team settings', async () => {
    const { client, sent } = gateway('OWNER');
    render(
      <Provider value={client}>
        <TeamProvider identity="test-owner" platformAdmin={false}>
          <TeamSettings />
        </TeamProvider>
      </Provider>,
    );
    await screen.findByRole('heading', { name: 'Notifications' });
    await vi.waitFor(() => expect(sent.map((s) => s.operationName)).toContain('NotificationChannels'));
  });
});
