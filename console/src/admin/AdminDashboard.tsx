// The platform admin's dashboard: health, the deployment queue, running releases, every team
// (plan, usage, the plan select) and every user. Offered to platform admins only; the server
// refuses the query to anyone else.
import { useCallback } from 'react';
import { useMutation, useQuery } from 'urql';
import { PlatformQuery, SetPlatformAdminMutation, SetTeamPlanMutation } from '../api/account-operations';
import { errorMessage } from '../api/errors';
import { useOnReconnect } from '../app/reconnect';
import { href } from '../app/router';
import { relativeTime, shortSha } from '../lib/format';
import { ErrorBox, Loading } from '../ui/Feedback';
import { StatusBadge } from '../ui/StatusBadge';
import { UsageBar } from '../team/Usage';

export function AdminDashboard() {
  const [{ data, fetching, error }, refetch] = useQuery({ query: PlatformQuery, requestPolicy: 'cache-and-network' });
  const [planned, setPlan] = useMutation(SetTeamPlanMutation);
  const [promoted, setPlatformAdmin] = useMutation(SetPlatformAdminMutation);
  const refresh = useCallback(() => refetch({ requestPolicy: 'network-only' }), [refetch]);
  useOnReconnect(refresh);
  const p = data?.platform;
  return (
    <section aria-labelledby="admin-title" className="admin">
      <div className="page-head">
        <h1 id="admin-title">Platform</h1>
        <button type="button" className="small" onClick={refresh}>
          Refresh
        </button>
      </div>
      {fetching && !data && <Loading what="the platform" />}
      <ErrorBox message={errorMessage(error)} />
      {p && (
        <>
          <section className="card" aria-labelledby="health-title">
            <h2 id="health-title">
              Health <span className={p.health.status === 'ok' ? 'ok' : 'error-text'}>{p.health.status}</span>
            </h2>
            <ul className="health">
              {p.health.dependencies.map((d) => (
                <li key={d.name} data-dependency={d.name} data-state={d.state}>
                  <span className={`dot ${d.state}`} aria-hidden="true" /> {d.name} <span className="muted">{d.state}</span>
                </li>
              ))}
            </ul>
          </section>

          <section className="card" aria-labelledby="queue-title">
            <h2 id="queue-title">Deployment queue</h2>
            {p.activeDeployments.length === 0 ? (
              <p className="muted">Nothing is building or deploying.</p>
            ) : (
              <table className="queue">
                <tbody>
                  {p.activeDeployments.map((d) => (
                    <tr key={d.id} data-queued={d.app.name}>
                      <th scope="row">
                        <a href={href({ name: 'app', appId: d.app.id, deploymentId: d.id })}>{d.app.name}</a>
                      </th>
                      <td>{d.app.team.name}</td>
                      <td>
                        <StatusBadge status={d.status} />
                      </td>
                      <td>{d.trigger.toLowerCase()}</td>
                      <td>{relativeTime(d.createdAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>

          <section className="card" aria-labelledby="releases-title">
            <h2 id="releases-title">Running releases ({p.runningReleases.length})</h2>
            {p.runningReleases.length === 0 ? (
              <p className="muted">No app is live.</p>
            ) : (
              <div className="table-wrap">
                <table className="releases">
                  <tbody>
                    {p.runningReleases.map((d) => (
                      <tr key={d.id} data-release={d.app.name}>
                        <th scope="row">
                          <a href={href({ name: 'app', appId: d.app.id })}>{d.app.name}</a>
                        </th>
                        <td>{d.app.team.name}</td>
                        <td>
                          <code>{shortSha(d.commitSha)}</code>
                        </td>
                        <td>live since {relativeTime(d.createdAt)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>

          <section className="card" aria-labelledby="teams-title">
            <h2 id="teams-title">Teams ({p.teams.length})</h2>
            <ErrorBox message={errorMessage(planned.error)} />
            <div className="table-wrap">
              <table className="teams">
                <thead>
                  <tr>
                    <th scope="col">Team</th>
                    <th scope="col">Plan</th>
                    <th scope="col">Apps</th>
                    <th scope="col">Memory</th>
                    <th scope="col">Build minutes</th>
                  </tr>
                </thead>
                <tbody>
                  {p.teams.map((t) => (
                    <tr key={t.id} data-team={t.name}>
                      <th scope="row">{t.name}</th>
                      <td>
                        <label className="visually-hidden" htmlFor={`plan-${t.id}`}>
                          Plan of {t.name}
                        </label>
                        <select id={`plan-${t.id}`} value={t.plan.id} onChange={(e) => void setPlan({ teamId: t.id, planId: e.target.value }).then(refresh)}>
                          {data.plans.map((plan) => (
                            <option key={plan.id} value={plan.id}>
                              {plan.name}
                            </option>
                          ))}
                        </select>
                      </td>
                      <td>
                        <UsageBar label={`Apps of ${t.name}`} used={t.usage.apps} limit={t.plan.maxApps} compact />
                      </td>
                      <td>
                        <UsageBar label={`Memory of ${t.name}`} used={t.usage.memoryMb} limit={t.plan.maxMemoryMb} unit=" MB" compact />
                      </td>
                      <td>
                        <UsageBar label={`Build minutes of ${t.name}`} used={t.usage.buildMinutesThisMonth} limit={t.plan.maxBuildMinutesPerMonth} compact />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>

          <section className="card" aria-labelledby="users-title">
            <h2 id="users-title">Users ({p.users.length})</h2>
            <ErrorBox message={errorMessage(promoted.error)} />
            <div className="table-wrap">
              <table className="users">
                <tbody>
                  {p.users.map((u) => (
                    <tr key={u.id} data-user={u.email}>
                      <th scope="row">{u.email}</th>
                      <td>{u.name ?? <span className="muted">—</span>}</td>
                      <td>{u.platformAdmin ? 'platform admin' : ''}</td>
                      <td>
                        <button
                          type="button"
                          className="small ghost"
                          disabled={promoted.fetching}
                          onClick={() => void setPlatformAdmin({ userId: u.id, platformAdmin: !u.platformAdmin }).then(refresh)}
                        >
                          {u.platformAdmin ? 'Remove platform admin' : 'Make platform admin'}
                        </button>
                      </td>
                      <td>joined {relativeTime(u.createdAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </>
      )}
    </section>
  );
}
