// Fault injection for the final-state tests, inert unless PAAS_FAULT_PAUSE_DIR is set (never in
// production): while `<dir>/<id>.<activity>.fail` exists, that activity throws a non-retryable
// error instead of running, for any call whose arguments carry that id (a deployment or app id,
// as a string argument or an `appId`/`deploymentId` field). It lets a test make an undo fail.
import { ApplicationFailure } from '@temporalio/activity';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

type ActivityFn = (...args: never[]) => Promise<unknown>;

/** Only ids can name a fault file: nothing an argument holds can point outside the directory. */
const ID = /^[A-Za-z0-9-]{1,64}$/;

function idsIn(args: unknown[]): string[] {
  const ids: string[] = [];
  for (const a of args) {
    if (typeof a === 'string') ids.push(a);
    else if (a && typeof a === 'object') {
      for (const key of ['deploymentId', 'appId'] as const) {
        const v = (a as Record<string, unknown>)[key];
        if (typeof v === 'string') ids.push(v);
      }
    }
  }
  return ids.filter((id) => ID.test(id));
}

export function injectFaults<T extends Record<string, ActivityFn>>(activities: T, dir: string | undefined = process.env.PAAS_FAULT_PAUSE_DIR): T {
  if (!dir) return activities;
  const wrapped: Record<string, ActivityFn> = {};
  for (const [name, fn] of Object.entries(activities)) {
    wrapped[name] = async (...args: never[]) => {
      if (idsIn(args).some((id) => existsSync(join(dir, `${id}.${name}.fail`)))) {
        throw ApplicationFailure.nonRetryable(`${name} failed (injected fault)`, 'InjectedFault');
      }
      return fn(...args);
    };
  }
  return wrapped as T;
}
