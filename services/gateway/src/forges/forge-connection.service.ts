// Connecting a team to a forge: the input is checked here (base URL, exactly one kind of
// credentials, their form), then the credentials against the forge itself (one API call), and only
// then stored (sealed). Listing repositories and branches asks the forge with the stored ones.
import { Inject, Injectable } from '@nestjs/common';
import { Database, type ForgeConnectionEntity } from '@paas/db';
import { createForgeClient, ForgeApiError, ForgeUrlError, normalizeBaseUrl, type ForgeClient, type ForgeCredentials } from '@paas/forge';
import { OutboundRefusedError } from '@paas/outbound';
import { createPrivateKey, randomUUID } from 'node:crypto';
import { DomainError, notFound } from '../common/domain-error.js';
import { isUuid } from '../common/ids.js';
import type { ConnectForgeInput, ForgeConnectionModel, ForgeRepositoryModel } from './forge-connection.model.js';

const TOKEN = /^[\x21-\x7e]{1,500}$/; // printable ASCII, no spaces: what forges issue
const APP_ID = /^(?:\d{1,20}|Iv[0-9a-zA-Z.]{1,40})$/; // numeric app id or its client id
const INSTALLATION_ID = /^\d{1,20}$/;
const MAX_KEY = 16_384;
const MAX_SEARCH = 100;

const bad = (message: string) => new DomainError('BAD_USER_INPUT', message);

export function toModel(c: ForgeConnectionEntity): ForgeConnectionModel {
  return { id: c.id, teamId: c.teamId, forge: c.forge, baseUrl: c.baseUrl, auth: c.auth, account: c.account, createdAt: c.createdAt };
}

export function credentialsOf(c: ForgeConnectionEntity): ForgeCredentials {
  return c.auth === 'TOKEN'
    ? { kind: 'token', token: c.token ?? '' }
    : { kind: 'githubApp', appId: c.githubAppId ?? '', installationId: c.githubInstallationId ?? '', privateKey: c.githubPrivateKey ?? '' };
}

@Injectable()
export class ForgeConnectionService {
  constructor(@Inject(Database) private readonly db: Database) {}

  async connect(input: ConnectForgeInput): Promise<ForgeConnectionModel> {
    let baseUrl: string;
    try {
      baseUrl = normalizeBaseUrl(input.forge, input.baseUrl);
    } catch (err) {
      if (err instanceof ForgeUrlError) throw bad(err.message);
      throw err;
    }
    const credentials = checkedCredentials(input);
    const account = await forgeCall(baseUrl, () => createForgeClient({ forge: input.forge, baseUrl, credentials }).account());
    const id = randomUUID();
    const inserted = await this.db.forgeConnections.insert({
      id,
      teamId: input.teamId,
      forge: input.forge,
      baseUrl,
      auth: credentials.kind === 'token' ? 'TOKEN' : 'GITHUB_APP',
      account: account.slice(0, 200),
      token: credentials.kind === 'token' ? credentials.token : null,
      githubAppId: credentials.kind === 'githubApp' ? credentials.appId : null,
      githubInstallationId: credentials.kind === 'githubApp' ? credentials.installationId : null,
      githubPrivateKey: credentials.kind === 'githubApp' ? credentials.privateKey : null,
    });
    if (!inserted) throw new DomainError('CONFLICT', `The team is already connected to ${baseUrl} as ${account}.`);
    return toModel((await this.db.forgeConnections.find(id))!);
  }

  /** The connection's team, or NOT_FOUND (a malformed id too). */
  async teamOf(id: string): Promise<string> {
    const c = isUuid(id) ? await this.db.forgeConnections.find(id) : null;
    if (!c) throw notFound('ForgeConnection', id);
    return c.teamId;
  }

  disconnect(id: string): Promise<boolean> {
    return this.db.forgeConnections.remove(id);
  }

  async forTeam(teamId: string): Promise<ForgeConnectionModel[]> {
    return (await this.db.forgeConnections.forTeam(teamId)).map(toModel);
  }

  async repositories(id: string, search: string | null | undefined): Promise<ForgeRepositoryModel[]> {
    if (search && search.length > MAX_SEARCH) throw bad(`search is longer than ${MAX_SEARCH} characters.`);
    const { client, baseUrl } = await this.client(id);
    return forgeCall(baseUrl, () => client.repositories(search ?? undefined));
  }

  async branches(id: string, repository: string): Promise<string[]> {
    if (!/^[\w.-]+(?:\/[\w.-]+)+$/.test(repository) || repository.length > 300 || repository.split('/').some((p) => p === '.' || p === '..'))
      throw bad('repository must be owner/name, as ForgeConnection.repositories lists it.');
    const { client, baseUrl } = await this.client(id);
    return forgeCall(baseUrl, () => client.branches(repository));
  }

  private async client(id: string): Promise<{ client: ForgeClient; baseUrl: string }> {
    const c = await this.db.forgeConnections.find(id);
    if (!c) throw notFound('ForgeConnection', id);
    return { client: createForgeClient({ forge: c.forge, baseUrl: c.baseUrl, credentials: credentialsOf(c) }), baseUrl: c.baseUrl };
  }
}

function checkedCredentials(input: ConnectForgeInput): ForgeCredentials {
  const { token, githubApp } = input;
  if ((token == null) === (githubApp == null)) throw bad('Give exactly one of token and githubApp.');
  if (token != null) {
    if (!TOKEN.test(token)) throw bad('The token must be 1 to 500 printable characters without spaces.');
    return { kind: 'token', token };
  }
  const app = githubApp!;
  if (input.forge !== 'GITHUB') throw bad('githubApp is for GITHUB connections only.');
  if (!APP_ID.test(app.appId)) throw bad("githubApp.appId must be the App's numeric id (or its client id).");
  if (!INSTALLATION_ID.test(app.installationId)) throw bad('githubApp.installationId must be a number.');
  if (app.privateKey.length > MAX_KEY) throw bad('githubApp.privateKey is too long for a private key.');
  let privateKey: string;
  try {
    const key = createPrivateKey(app.privateKey);
    if (key.asymmetricKeyType !== 'rsa') throw new Error('not RSA');
    // GitHub hands out PKCS#1 (BEGIN RSA PRIVATE KEY); the JWT library signs with PKCS#8
    privateKey = key.export({ type: 'pkcs8', format: 'pem' }).toString();
  } catch {
    throw bad('githubApp.privateKey is not an RSA private key in PEM form (the .pem file GitHub gave for the App).');
  }
  return { kind: 'githubApp', appId: app.appId, privateKey, installationId: app.installationId };
}

/** The forge's refusals as errors a user can act on; nothing of the credentials in them. */
async function forgeCall<T>(baseUrl: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof OutboundRefusedError) throw bad(`The platform does not connect to ${baseUrl}: ${err.message}.`);
    if (err instanceof ForgeApiError) {
      if (err.status === 401 || err.status === 403) throw bad(`${baseUrl} refused the credentials (${err.status}): ${err.message}.`);
      if (err.status === 404)
        throw bad(`${baseUrl} does not know that (404): ${err.message}. Is the base URL the forge's address, and does the repository exist?`);
      throw new DomainError('UNAVAILABLE', `${baseUrl} answered with an error: ${err.message}.`);
    }
    throw new DomainError('UNAVAILABLE', `Could not reach ${baseUrl}: ${(err as Error).message}.`);
  }
}
