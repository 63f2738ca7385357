// The OAuth2 / OpenID Connect side of forge sign-in, through openid-client: the authorization URL
// (state, PKCE S256 and, for OIDC, a nonce) and the callback's checks and code exchange. Every
// request to the provider goes through the outbound guard (@paas/outbound); plain HTTP only for
// hosts PAAS_OUTBOUND_ALLOW lists (a forge on the LAN, the tests' Gitea).
import { createOutboundFetch, OutboundAllowList, plainHttpAllowed, type OutboundFetch } from '@paas/outbound';
import * as oidc from 'openid-client';
import { profileFromGitHub, profileFromOidcClaims, type ForgeProfile } from './forge-profile.js';
import type { ForgeProvider } from './forge-providers.js';

/** What the callback needs to check that it answers this very authorization request. */
export interface AuthorizationChecks {
  state: string;
  codeVerifier: string;
  nonce: string | null;
}

export class ForgeProviderError extends Error {}

const SCOPES = { oidc: 'openid profile email', github: 'read:user user:email' };

export class ForgeOAuthClient {
  private config: Promise<oidc.Configuration> | null = null;
  private readonly fetch: OutboundFetch;

  constructor(
    readonly provider: ForgeProvider,
    private readonly redirectUri: string,
    private readonly allowList: OutboundAllowList = OutboundAllowList.fromEnv(),
  ) {
    this.fetch = createOutboundFetch(allowList);
  }

  async authorizationUrl(): Promise<{ url: URL; checks: AuthorizationChecks }> {
    const config = await this.configuration();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const checks: AuthorizationChecks = { state: oidc.randomState(), codeVerifier, nonce: this.provider.protocol === 'oidc' ? oidc.randomNonce() : null };
    const params: Record<string, string> = {
      redirect_uri: this.redirectUri,
      scope: SCOPES[this.provider.protocol],
      state: checks.state,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
    };
    if (checks.nonce) params.nonce = checks.nonce;
    return { url: oidc.buildAuthorizationUrl(config, params), checks };
  }

  /** Checks the callback against `checks` (state, PKCE, and the id_token's signature, issuer, audience and nonce), exchanges the code, reads the profile. */
  async complete(callbackUrl: URL, checks: AuthorizationChecks): Promise<ForgeProfile> {
    const config = await this.configuration();
    const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
      expectedState: checks.state,
      pkceCodeVerifier: checks.codeVerifier,
      ...(checks.nonce ? { expectedNonce: checks.nonce, idTokenExpected: true } : {}),
    });
    if (this.provider.protocol === 'github') return this.gitHubProfile(tokens.access_token);
    const claims = tokens.claims();
    if (!claims) throw new ForgeProviderError(`${this.provider.name} sent no id_token`);
    const info = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub).catch(() => ({}));
    // the id_token's claims win: they are signed; userinfo only fills what it left out
    return profileFromOidcClaims({ ...info, ...claims });
  }

  private configuration(): Promise<oidc.Configuration> {
    // discovered once; a failure is not kept, so the next sign-in tries again
    this.config ??= this.discover().catch((err: unknown) => {
      this.config = null;
      throw err;
    });
    return this.config;
  }

  private async discover(): Promise<oidc.Configuration> {
    const { provider } = this;
    if (!plainHttpAllowed(provider.url, this.allowList))
      throw new ForgeProviderError(`${provider.name} is configured at a plain http:// URL; use https (or list the host in PAAS_OUTBOUND_ALLOW)`);
    const insecure = provider.url.protocol === 'http:';
    const customFetch = this.fetch as unknown as oidc.CustomFetch;
    let config: oidc.Configuration;
    if (provider.protocol === 'github') {
      // plain OAuth2: no discovery document, no id_token
      config = new oidc.Configuration(
        {
          issuer: provider.url.href,
          authorization_endpoint: new URL('login/oauth/authorize', provider.url).href,
          token_endpoint: new URL('login/oauth/access_token', provider.url).href,
        },
        provider.clientId,
        provider.clientSecret,
      );
      config[oidc.customFetch] = customFetch;
    } else {
      config = await oidc.discovery(provider.url, provider.clientId, provider.clientSecret, undefined, {
        [oidc.customFetch]: customFetch,
        ...(insecure ? { execute: [oidc.allowInsecureRequests] } : {}),
      });
    }
    if (insecure) oidc.allowInsecureRequests(config);
    return config;
  }

  private async gitHubProfile(accessToken: string): Promise<ForgeProfile> {
    const api = this.provider.apiUrl!;
    const get = async (path: string): Promise<unknown> => {
      const res = await this.fetch(new URL(path, api), {
        headers: { authorization: `Bearer ${accessToken}`, accept: 'application/vnd.github+json', 'user-agent': 'paas' },
      });
      if (!res.ok) throw new ForgeProviderError(`GitHub answered ${res.status} to ${path}`);
      return res.json();
    };
    return profileFromGitHub((await get('user')) as Record<string, unknown>, await get('user/emails'));
  }
}
