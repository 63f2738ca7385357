import { afterEach, describe, expect, it, vi } from 'vitest';
import { exchangeForgeHandoff, fetchForgeProviders, forgeStartUrl, parseForgeReturn } from './forge';

describe('forge sign-in (console side)', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('reads where the round trip came back to, refusing a provider id that is not one', () => {
    expect(parseForgeReturn(['done', 'abc'])).toEqual({ kind: 'done', handoff: 'abc' });
    expect(parseForgeReturn(['linked', 'gitea'])).toEqual({ kind: 'linked', provider: 'gitea' });
    expect(parseForgeReturn(['linked', '<img src=x>'])).toBeNull();
    expect(parseForgeReturn(['error', 'x'.repeat(2000)])).toEqual({ kind: 'error', message: 'x'.repeat(500) });
    expect(parseForgeReturn(['elsewhere'])).toBeNull();
  });

  it('lists the providers, and none when the endpoint is missing or answers nonsense', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Response.json({ providers: [{ id: 'gitea', name: 'Gitea' }, { id: '../x', name: 'Evil' }, { id: 3 }] })),
    );
    expect(await fetchForgeProviders()).toEqual([{ id: 'gitea', name: 'Gitea' }]);
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('not found', { status: 404 })),
    );
    expect(await fetchForgeProviders()).toEqual([]);
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('<html>', { status: 200 })),
    );
    expect(await fetchForgeProviders()).toEqual([]);
    expect(forgeStartUrl('gitea')).toBe('/auth/forge/gitea/start');
  });

  it('exchanges a handoff for a session, and says why when it is refused', async () => {
    const session = {
      accessToken: 'a',
      refreshToken: 'r',
      expiresAt: '2030-01-01T00:00:00Z',
      user: { id: 'u', email: 'u@example.test', name: null, platformAdmin: false },
    };
    const fetch = vi.fn(async () => Response.json(session));
    vi.stubGlobal('fetch', fetch);
    expect(await exchangeForgeHandoff('h1')).toMatchObject({ kind: 'session', accessToken: 'a' });
    expect(fetch).toHaveBeenCalledWith('/auth/forge/exchange', expect.objectContaining({ method: 'POST', body: JSON.stringify({ handoff: 'h1' }) }));
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Response.json({ error: 'This sign-in link was already used.' }, { status: 400 })),
    );
    expect(await exchangeForgeHandoff('h1')).toEqual({ error: 'This sign-in link was already used.' });
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Response.json({ accessToken: 'only' })),
    );
    expect(await exchangeForgeHandoff('h2')).toEqual({ error: expect.stringMatching(/not a session/) });
  });
});
