// The Connect forge form with a real urql client whose fetch answers connectForge like the gateway:
// mistakes are named before anything is sent, a GitHub App sends no token, and the credentials are
// gone from the form once connected.
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { Client, fetchExchange, Provider } from 'urql';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConnectForge } from './ConnectForge';

function gateway() {
  const sent: { input: Record<string, unknown> }[] = [];
  const fetch = vi.fn(async (_url: string, init: RequestInit) => {
    const { variables } = JSON.parse(init.body as string) as { variables: { input: Record<string, unknown> } };
    sent.push(variables);
    const c = {
      __typename: 'ForgeConnection',
      id: 'c1',
      forge: variables.input.forge,
      baseUrl: 'https://github.com',
      auth: 'TOKEN',
      account: 'me',
      createdAt: new Date().toISOString(),
    };
    return new Response(JSON.stringify({ data: { connectForge: c } }), { headers: { 'content-type': 'application/json' } });
  });
  return { sent, client: new Client({ url: 'http://gateway.test/graphql', exchanges: [fetchExchange], fetch: fetch as never, preferGetMethod: false }) };
}

const PEM = '-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----';

describe('ConnectForge', () => {
  afterEach(cleanup);

  it('names a missing Gitea base URL and token without sending anything', () => {
    const { client, sent } = gateway();
    render(
      <Provider value={client}>
        <ConnectForge teamId="t1" onConnected={() => undefined} />
      </Provider>,
    );
    fireEvent.change(screen.getByLabelText('Forge'), { target: { value: 'GITEA' } });
    expect(screen.queryByText('A GitHub App installation')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    expect(screen.getByText(/The base URL is required for Gitea/)).toBeTruthy();
    expect(screen.getByText('An access token is required.')).toBeTruthy();
    expect(sent).toEqual([]);
  });

  it('connects a GitHub App (no token sent) and forgets the private key once connected', async () => {
    const { client, sent } = gateway();
    const connected = vi.fn();
    render(
      <Provider value={client}>
        <ConnectForge teamId="t1" onConnected={connected} />
      </Provider>,
    );
    fireEvent.click(screen.getByLabelText(/A GitHub App installation/));
    fireEvent.change(screen.getByLabelText('App ID'), { target: { value: '42' } });
    fireEvent.change(screen.getByLabelText('Installation ID'), { target: { value: '7' } });
    fireEvent.change(screen.getByLabelText('Private key (PEM)'), { target: { value: PEM } });
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    await vi.waitFor(() => expect(connected).toHaveBeenCalled());
    expect(sent).toEqual([
      { input: { teamId: 't1', forge: 'GITHUB', baseUrl: null, token: null, githubApp: { appId: '42', installationId: '7', privateKey: PEM } } },
    ]);
    // back to the empty token form: nothing of the key is left on the page
    expect(screen.queryByLabelText('Private key (PEM)')).toBeNull();
    expect(document.body.innerHTML).not.toContain('BEGIN RSA PRIVATE KEY-----\nMIIEow');
    expect(screen.getByLabelText<HTMLInputElement>('Access token').value).toBe('');
  });
});
