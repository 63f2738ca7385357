// Which target and team a mutation is about, from its arguments (before it runs: deleteApp's app
// is gone after) and its result (createApp's new id). Only ids are read from the arguments, and
// an id is used only when it has the form of one: argument values never reach the log.
import type { Database } from '@paas/db';
import { isUuid } from '../common/ids.js';

export interface AuditSubject {
  targetId: string | null;
  teamId: string | null;
}

type Args = Record<string, unknown>;
type Kind = 'app' | 'deployment' | 'schedule' | 'apiToken' | 'forgeConnection' | 'notificationChannel';

/** What the `id` argument names, for the mutations that take one. */
const ID_NAMES: Record<string, Kind> = {
  updateApp: 'app',
  deleteApp: 'app',
  cancelDeployment: 'deployment',
  deleteRedeploySchedule: 'schedule',
  pauseRedeploySchedule: 'schedule',
  resumeRedeploySchedule: 'schedule',
  revokeApiToken: 'apiToken',
  disconnectForge: 'forgeConnection',
  deleteNotificationChannel: 'notificationChannel',
};

/** Before the mutation runs: its target and team from its id arguments. */
export async function subjectBefore(db: Database, action: string, args: Args): Promise<AuditSubject> {
  const kind = ID_NAMES[action];
  if (kind && isUuid(args.id)) return { targetId: args.id, teamId: await teamOf(db, kind, args.id) };
  if (isUuid(args.appId)) return { targetId: args.appId, teamId: await teamOf(db, 'app', args.appId) };
  const teamId = isUuid(args.teamId) && (await db.teams.findById(args.teamId)) ? args.teamId : null;
  if (isUuid(args.userId)) return { targetId: args.userId, teamId };
  if (teamId) return { targetId: teamId, teamId };
  const input = args.input as Args | undefined;
  if (input && isUuid(input.teamId) && (await db.teams.findById(input.teamId))) return { targetId: null, teamId: input.teamId };
  return { targetId: typeof args.id === 'string' && isUuid(args.id) ? args.id : null, teamId: null };
}

/** After it succeeded: what it created (an app, a team, a token) fills in what the arguments did not name. */
export function subjectAfter(action: string, before: AuditSubject, result: unknown): AuditSubject {
  const r = (result ?? {}) as { id?: unknown; teamId?: unknown; apiToken?: { id?: unknown; teamId?: unknown } };
  if (action === 'createTeam' && isUuid(r.id)) return { targetId: r.id, teamId: r.id };
  if (action === 'createApiToken' && r.apiToken && isUuid(r.apiToken.id)) return { targetId: r.apiToken.id, teamId: before.teamId };
  return {
    targetId: before.targetId ?? (isUuid(r.id) ? r.id : null),
    teamId: before.teamId ?? (isUuid(r.teamId) ? r.teamId : null),
  };
}

async function teamOf(db: Database, kind: Kind, id: string): Promise<string | null> {
  switch (kind) {
    case 'app':
      return db.teams.teamOfApp(id);
    case 'deployment': {
      const d = await db.deployments.find(id);
      return d ? db.teams.teamOfApp(d.appId) : null;
    }
    case 'schedule': {
      const s = await db.schedules.find(id);
      return s ? db.teams.teamOfApp(s.appId) : null;
    }
    case 'apiToken':
      return (await db.apiTokens.findById(id))?.teamId ?? null;
    case 'forgeConnection':
      return (await db.forgeConnections.find(id))?.teamId ?? null;
    case 'notificationChannel':
      return (await db.notificationChannels.find(id))?.teamId ?? null;
  }
}
