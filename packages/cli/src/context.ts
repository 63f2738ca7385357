// What every command gets: the output (human or --json) and, created on first use, the API client.
import type { Command } from 'commander';
import { Api, resolveTarget } from './api.js';
import { ApiError } from './errors.js';
import { appRef } from './format.js';
import { Output } from './output.js';

export interface Ctx {
  out: Output;
  api: () => Api;
}

export function contextOf(cmd: Command): Ctx {
  const json = cmd.optsWithGlobals<{ json?: boolean }>().json === true;
  let api: Api | undefined;
  return { out: new Output(json), api: () => (api ??= new Api(resolveTarget())) };
}

export interface AppSummary {
  id: string;
  name: string;
  url: string;
}

/** The app named by an argument (a name or an id), or a clear NOT_FOUND. */
export async function findApp<T extends AppSummary = AppSummary>(
  ctx: Ctx,
  arg: string,
  fields = 'id name url',
  /** Variables the fields use, with their GraphQL types: { since: ['DateTime', value] }. */
  extra: Record<string, [string, unknown]> = {},
): Promise<T> {
  const ref = appRef(arg);
  const d = await ctx.api().request<{ app: T | null }>(
    `query($id: ID, $name: String${Object.entries(extra)
      .map(([k, [type]]) => `, $${k}: ${type}`)
      .join('')}) { app(id: $id, name: $name) { ${fields} } }`,
    { ...('id' in ref ? { id: ref.id } : { name: ref.name }), ...Object.fromEntries(Object.entries(extra).map(([k, [, v]]) => [k, v])) },
  );
  if (!d.app) throw new ApiError('NOT_FOUND', `there is no app ${JSON.stringify(arg)} (or you may not see it); \`paas apps\` lists yours.`);
  return d.app;
}
