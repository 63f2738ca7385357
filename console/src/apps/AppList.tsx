import { useCallback, useMemo, useState } from 'react';
import { useQuery, useSubscription } from 'urql';
import { errorMessage } from '../api/errors';
import { AppsQuery, DeploymentUpdatedSubscription } from '../api/operations';
import { useOnReconnect } from '../app/reconnect';
import { useTeam } from '../app/teams';
import { href } from '../app/router';
import { relativeTime, shortSha } from '../lib/format';
import { ErrorBox, Loading } from '../ui/Feedback';
import { StatusBadge } from '../ui/StatusBadge';
import { EmptyState } from './EmptyState';

/** Refetches the list when one of the app's deployments changes. */
function LiveUpdates({ appId, onChange }: { appId: string; onChange: () => void }) {
  useSubscription({ query: DeploymentUpdatedSubscription, variables: { appId } }, (_prev, event) => {
    onChange();
    return event;
  });
  return null;
}

export function AppList() {
  const [{ data, fetching, error }, refetch] = useQuery({ query: AppsQuery });
  const [search, setSearch] = useState('');
  const { team, allTeams, loaded } = useTeam();
  const refresh = useCallback(() => refetch({ requestPolicy: 'network-only' }), [refetch]);
  useOnReconnect(refresh);
  // the switcher's team (platform admins may choose every team)
  const inTeam = useMemo(() => (data?.apps ?? []).filter((a) => (team ? a.team.id === team.id : allTeams)), [data, team, allTeams]);
  const apps = useMemo(() => inTeam.filter((a) => a.name.includes(search.trim().toLowerCase())), [inTeam, search]);

  return (
    <section aria-labelledby="apps-title">
      <div className="page-head">
        <h1 id="apps-title">Apps</h1>
        {inTeam.length > 0 && (
          <div className="search">
            <label htmlFor="app-search" className="visually-hidden">
              Search apps
            </label>
            <input id="app-search" type="search" placeholder="Search apps" value={search} onChange={(e) => setSearch(e.target.value)} />
          </div>
        )}
      </div>
      {((fetching && !data) || !loaded) && <Loading what="apps" />}
      <ErrorBox message={errorMessage(error)} />
      {inTeam.map((a) => (
        <LiveUpdates key={a.id} appId={a.id} onChange={refresh} />
      ))}
      {data && loaded && inTeam.length === 0 && <EmptyState />}
      {inTeam.length > 0 && apps.length === 0 && <p className="muted">No app matches “{search}”.</p>}
      {apps.length > 0 && (
        <div className="table-wrap">
          <table className="apps">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Kind</th>
                <th scope="col">Status</th>
                <th scope="col">URL</th>
                <th scope="col">Last deployment</th>
              </tr>
            </thead>
            <tbody>
              {apps.map((a) => {
                const last = a.deployments[0];
                const status =
                  a.releaseState === 'CRASH_LOOPING' ? 'CRASH_LOOPING' : last?.status === 'LIVE' || !last ? (a.liveDeployment ? 'LIVE' : 'NONE') : last.status;
                return (
                  <tr key={a.id} data-app={a.name}>
                    <th scope="row">
                      <a href={href({ name: 'app', appId: a.id })}>{a.name}</a>
                    </th>
                    <td>{a.kind.toLowerCase()}</td>
                    <td>{status === 'NONE' ? <span className="muted">not deployed</span> : <StatusBadge status={status} />}</td>
                    <td>
                      {a.liveDeployment ? (
                        <a href={a.url} target="_blank" rel="noreferrer">
                          {a.url.replace(/^https?:\/\//, '').replace(/\/$/, '')}
                        </a>
                      ) : (
                        <span className="muted">—</span>
                      )}
                    </td>
                    <td>
                      {last ? (
                        <span>
                          {relativeTime(last.createdAt)} · <code>{shortSha(last.commitSha)}</code> · {last.trigger.toLowerCase()}
                        </span>
                      ) : (
                        <span className="muted">never</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
