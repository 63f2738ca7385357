// The Previews card from the data the app page gives it, with a real urql client whose fetch
// answers setPreviewsEnabled like the gateway.
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { Client, fetchExchange, Provider } from 'urql';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppPreviewsQuery } from '../gql/graphql';
import { Previews } from './Previews';

type App = NonNullable<AppPreviewsQuery['app']>;
const app = (over: Partial<App> = {}): App => ({
  id: 'app-1',
  previewsEnabled: true,
  deployments: [],
  previews: [
    {
      id: 'p7',
      pullRequest: 7,
      branch: 'feature-x',
      url: 'http://site-pr-7.apps.test:8080/',
      createdAt: new Date().toISOString(),
      liveDeployment: { id: 'd1', status: 'LIVE', commitSha: 'abcdef1234567890' },
    },
    { id: 'p9', pullRequest: 9, branch: 'evil', url: 'javascript:alert(1)', createdAt: new Date().toISOString(), liveDeployment: null },
  ],
  ...over,
});

function client() {
  const sent: Record<string, unknown>[] = [];
  const fetch = vi.fn(async (_url: string, init: RequestInit) => {
    const { variables } = JSON.parse(init.body as string) as { variables: Record<string, unknown> };
    sent.push(variables);
    return new Response(JSON.stringify({ data: { setPreviewsEnabled: { __typename: 'App', id: 'app-1', previewsEnabled: variables.enabled } } }), {
      headers: { 'content-type': 'application/json' },
    });
  });
  return { sent, client: new Client({ url: 'http://gateway.test/graphql', exchanges: [fetchExchange], fetch: fetch as never, preferGetMethod: false }) };
}

describe('Previews', () => {
  afterEach(cleanup);

  it('lists each open pull request with its branch, status and link; a non-http URL is never a link', () => {
    const { client: c } = client();
    render(
      <Provider value={c}>
        <Previews appId="app-1" app={app()} error={undefined} mayDeploy hasWebhook onChange={() => undefined} />
      </Provider>,
    );
    const items = screen.getAllByRole('listitem');
    expect(items.map((i) => i.dataset.pullRequest)).toEqual(['7', '9']);
    expect(items[0]!.textContent).toMatch(/PR #7.*feature-x.*live.*abcdef1/);
    expect(within(items[0]!).getByRole('link').getAttribute('href')).toBe('http://site-pr-7.apps.test:8080/');
    expect(within(items[1]!).queryByRole('link')).toBeNull();
    expect(items[1]!.textContent).toMatch(/not live yet/);
  });

  it('turns previews off for a DEVELOPER, and offers a VIEWER no switch', async () => {
    const { client: c, sent } = client();
    const onChange = vi.fn();
    const view = render(
      <Provider value={c}>
        <Previews appId="app-1" app={app()} error={undefined} mayDeploy hasWebhook={false} onChange={onChange} />
      </Provider>,
    );
    expect(screen.getByText(/need the webhook/)).toBeTruthy();
    fireEvent.click(screen.getByRole('checkbox'));
    await vi.waitFor(() => expect(onChange).toHaveBeenCalled());
    expect(sent).toEqual([{ appId: 'app-1', enabled: false }]);
    view.unmount();
    render(
      <Provider value={c}>
        <Previews appId="app-1" app={app({ previewsEnabled: false, previews: [] })} error={undefined} mayDeploy={false} hasWebhook onChange={onChange} />
      </Provider>,
    );
    expect(screen.getByRole<HTMLInputElement>('checkbox').disabled).toBe(true);
    expect(screen.getByText(/Off: pull requests are not deployed/)).toBeTruthy();
  });
});
