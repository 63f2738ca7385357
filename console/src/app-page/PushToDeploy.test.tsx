// The Push to deploy card with a real urql client whose fetch answers like the gateway: the secret
// is shown once (a new visit does not show it), and a VIEWER is offered no control and never asks
// for the deliveries (the server refuses them that).
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { Client, fetchExchange, Provider } from 'urql';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PushToDeploy } from './PushToDeploy';

const URL_ = 'http://127.0.0.1:4000/hooks/git/app-1';

function fakeGateway() {
  let webhook: { forge: string; url: string } | null = null;
  const seen: string[] = [];
  const fetch = vi.fn(async (_url: string, init: RequestInit) => {
    const { operationName, variables } = JSON.parse(init.body as string) as { operationName: string; variables: Record<string, unknown> };
    seen.push(operationName);
    const data: Record<string, unknown> = {
      AppWebhook: { app: { __typename: 'App', id: 'app-1', webhook: webhook && { __typename: 'GitWebhook', ...webhook } } },
      WebhookDeliveries: {
        app: {
          __typename: 'App',
          id: 'app-1',
          webhookDeliveries: [
            {
              __typename: 'WebhookDelivery',
              id: 'd1',
              event: 'push',
              deliveryId: 'delivery-1',
              result: 'ignored: branch dev',
              receivedAt: new Date().toISOString(),
            },
          ],
        },
      },
    };
    if (operationName === 'EnableGitWebhook') {
      webhook = { forge: variables.forge as string, url: URL_ };
      data.EnableGitWebhook = { enableGitWebhook: { __typename: 'GitWebhook', ...webhook, secret: 's3cr3t-shown-once' } };
    }
    return new Response(JSON.stringify({ data: data[operationName] }), { headers: { 'content-type': 'application/json' } });
  });
  // no cache: every mount asks the "server", as a reload would
  const client = () => new Client({ url: 'http://gateway.test/graphql', exchanges: [fetchExchange], fetch: fetch as never, preferGetMethod: false });
  return { client, seen };
}

describe('PushToDeploy', () => {
  afterEach(cleanup);

  it('enables the webhook for the chosen forge and shows the secret only this once', async () => {
    const gateway = fakeGateway();
    const first = render(
      <Provider value={gateway.client()}>
        <PushToDeploy appId="app-1" branch="main" mayDeploy />
      </Provider>,
    );
    fireEvent.change(await screen.findByLabelText('Forge'), { target: { value: 'GITEA' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enable webhook' }));
    const once = await screen.findByRole('status');
    expect(once.textContent).toMatch(/shown only this once/);
    expect(within(once).getByLabelText<HTMLInputElement>('Webhook secret').value).toBe('s3cr3t-shown-once');
    expect((await screen.findByLabelText<HTMLInputElement>('Webhook URL')).value).toBe(URL_);
    expect(await screen.findByText('ignored: branch dev')).toBeTruthy();
    first.unmount();

    render(
      <Provider value={gateway.client()}>
        <PushToDeploy appId="app-1" branch="main" mayDeploy />
      </Provider>,
    );
    expect((await screen.findByLabelText<HTMLInputElement>('Webhook URL')).value).toBe(URL_);
    expect(screen.queryByLabelText('Webhook secret')).toBeNull();
    expect(document.body.textContent).not.toContain('s3cr3t-shown-once');
    expect(screen.getByText(/never shown again/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Disable' })).toBeTruthy();
  });

  it('offers a VIEWER nothing to change and does not ask for the deliveries', async () => {
    const gateway = fakeGateway();
    render(
      <Provider value={gateway.client()}>
        <PushToDeploy appId="app-1" branch="main" mayDeploy={false} />
      </Provider>,
    );
    expect(await screen.findByText(/Off\. With the forge/)).toBeTruthy();
    expect(screen.queryByRole('button')).toBeNull();
    expect(screen.queryByLabelText('Forge')).toBeNull();
    expect(gateway.seen).toEqual(['AppWebhook']);
  });
});
