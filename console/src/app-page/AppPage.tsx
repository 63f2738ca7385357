// One app: its live URL and release, deploy, the deployment history with each deployment's
// steps and log, rollback and cancel, push to deploy and previews, env vars, schedules, deletion. Live through the
// deploymentUpdated subscription; refetched after the connection comes back.
import { useCallback, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useSubscription } from 'urql';
import { errorMessage } from '../api/errors';
import { AppPreviewsQuery, AppWebhookQuery } from '../api/git-operations';
import { AppQuery, CancelMutation, DeploymentUpdatedSubscription, DeployMutation, RollbackMutation } from '../api/operations';
import { useOnReconnect } from '../app/reconnect';
import { href, navigate } from '../app/router';
import { duration, relativeTime, shortSha } from '../lib/format';
import { can } from '../auth/capabilities';
import { ConfirmButton } from '../ui/ConfirmButton';
import { ErrorBox, Loading } from '../ui/Feedback';
import { StatusBadge } from '../ui/StatusBadge';
import { DeleteApp } from './DeleteApp';
import { EnvEditor } from './EnvEditor';
import { LogViewer } from './LogViewer';
import { Metrics } from './Metrics';
import { Previews } from './Previews';
import { previewTags } from './push-to-deploy';
import { PushToDeploy } from './PushToDeploy';
import { Schedules } from './Schedules';
import { RuntimeLogs } from './RuntimeLogs';
import { EventsTimeline } from './EventsTimeline';
import { UploadSite } from './UploadSite';
import { StepTimeline } from './StepTimeline';

const RUNNING = ['QUEUED', 'BUILDING', 'DEPLOYING', 'VERIFYING'];

export function AppPage({ appId, deploymentId }: { appId: string; deploymentId?: string }) {
  const [{ data, fetching, error }, refetch] = useQuery({ query: AppQuery, variables: { id: appId } });
  // previews and the PR tags of the history: a query of their own, so the page works without them
  const [previewsResult, refetchPreviews] = useQuery({ query: AppPreviewsQuery, variables: { id: appId } });
  const [webhookResult] = useQuery({ query: AppWebhookQuery, variables: { id: appId } });
  const refresh = useCallback(() => {
    refetch({ requestPolicy: 'network-only' });
    refetchPreviews({ requestPolicy: 'network-only' });
  }, [refetch, refetchPreviews]);
  useOnReconnect(refresh);
  useSubscription({ query: DeploymentUpdatedSubscription, variables: { appId } }, (_prev, event) => {
    refresh();
    return event;
  });
  const [commit, setCommit] = useState('');
  const [deployed, deploy] = useMutation(DeployMutation);
  const [rolledBack, rollback] = useMutation(RollbackMutation);
  const [cancelled, cancel] = useMutation(CancelMutation);

  if (fetching && !data) return <Loading what="the app" />;
  if (error && !data) return <ErrorBox message={errorMessage(error)} />;
  const app = data?.app;
  if (!app) {
    return (
      <div className="card">
        <h1>App not found</h1>
        <p>
          It may have been deleted. <a href={href({ name: 'apps' })}>Back to the apps</a>
        </p>
      </div>
    );
  }
  const prTags = previewTags(previewsResult.data?.app?.deployments);
  const selected = app.deployments.find((d) => d.id === deploymentId) ?? app.deployments[0];

  const submitDeploy = async (e: FormEvent) => {
    e.preventDefault();
    const r = await deploy({ appId, commitSha: commit.trim() || null });
    if (r.data) {
      setCommit('');
      navigate({ name: 'app', appId, deploymentId: r.data.deploy.id });
      refresh();
    }
  };

  // a VIEWER is offered no control that changes the app (the server refuses them anyway)
  const mayDeploy = can(app.team.role, 'deploy');
  return (
    <div className="app-page" data-role={app.team.role}>
      <div className="page-head">
        <div>
          <h1>{app.name}</h1>
          <p className="muted">
            {app.kind.toLowerCase()} · {app.gitUrl ?? 'deployed from uploads'}{' '}
            {app.gitUrl && (
              <>
                · branch <code>{app.branch}</code>
              </>
            )}
          </p>
        </div>
        <div className="live">
          {app.liveDeployment ? (
            <>
              <a className="url" href={app.url} target="_blank" rel="noreferrer">
                {app.url}
              </a>
              <span className="muted">
                live since {relativeTime(app.liveDeployment.createdAt)} · <code>{shortSha(app.liveDeployment.commitSha)}</code>
              </span>
              {app.releaseState && app.releaseState !== 'RUNNING' && <StatusBadge status={app.releaseState} />}
            </>
          ) : (
            <span className="muted">Not live yet</span>
          )}
        </div>
      </div>

      {app.gitUrl && mayDeploy && (
        <form className="card inline-form deploy-form" onSubmit={submitDeploy}>
          <label htmlFor="commit">Commit (optional)</label>
          <input id="commit" value={commit} onChange={(e) => setCommit(e.target.value)} placeholder={`head of ${app.branch}`} />
          <button type="submit" className="primary" disabled={deployed.fetching}>
            {deployed.fetching ? 'Starting…' : 'Deploy'}
          </button>
          <ErrorBox message={errorMessage(deployed.error)} />
        </form>
      )}

      {app.kind === 'STATIC' && mayDeploy && (
        <UploadSite
          appId={appId}
          onDeployed={(id) => {
            navigate({ name: 'app', appId, deploymentId: id });
            refresh();
          }}
        />
      )}

      <div className="columns">
        <section className="card" aria-labelledby="history-title">
          <h2 id="history-title">Deployments</h2>
          <ErrorBox message={errorMessage(rolledBack.error) ?? errorMessage(cancelled.error)} />
          {app.deployments.length === 0 ? (
            <p className="muted">No deployment yet{app.gitUrl ? ': press Deploy.' : '.'}</p>
          ) : (
            <div className="table-wrap">
              <table className="deployments">
                <thead>
                  <tr>
                    <th scope="col">Status</th>
                    <th scope="col">Trigger</th>
                    <th scope="col">Commit</th>
                    <th scope="col">Release</th>
                    <th scope="col">Took</th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {app.deployments.map((d) => (
                    <tr key={d.id} className={d.id === selected?.id ? 'selected' : ''} data-deployment={d.id} data-status={d.status}>
                      <td>
                        <a href={href({ name: 'app', appId, deploymentId: d.id })} aria-current={d.id === selected?.id ? 'true' : undefined}>
                          <StatusBadge status={d.status} />
                        </a>
                      </td>
                      <td>
                        {d.trigger.toLowerCase()}
                        {prTags.has(d.id) && <span className="tag">{prTags.get(d.id)}</span>}
                      </td>
                      <td>
                        <code>{shortSha(d.commitSha)}</code>
                      </td>
                      <td className="release">
                        {d.imageRef ? (
                          <code title={d.imageRef}>{d.imageRef.split('@')[1]?.slice(0, 19) ?? d.imageRef}</code>
                        ) : d.sitePrefix ? (
                          <code title={d.sitePrefix}>{d.sitePrefix.split('/').at(-2)?.slice(0, 8)}</code>
                        ) : (
                          '—'
                        )}
                      </td>
                      <td>{RUNNING.includes(d.status) ? <span className="muted">running</span> : duration(d.createdAt, d.finishedAt)}</td>
                      <td className="row-actions">
                        {mayDeploy && RUNNING.includes(d.status) && (
                          <button type="button" className="small" onClick={() => cancel({ id: d.id }).then(refresh)}>
                            Cancel
                          </button>
                        )}
                        {mayDeploy && d.status === 'SUPERSEDED' && (d.imageRef || d.sitePrefix) && (
                          <ConfirmButton
                            label="Roll back"
                            title={`Roll back to ${shortSha(d.commitSha)}?`}
                            confirmLabel="Roll back"
                            onConfirm={async () => {
                              const r = await rollback({ appId, to: d.id });
                              if (r.data) navigate({ name: 'app', appId, deploymentId: r.data.rollback.id });
                              refresh();
                            }}
                          >
                            <p>The release of this deployment is restored as it was (no rebuild), checked, then takes the traffic.</p>
                          </ConfirmButton>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>

        {selected && (
          <section className="card" aria-labelledby="detail-title" data-selected-deployment={selected.id}>
            <div className="detail-head">
              <h2 id="detail-title">
                Deployment <code>{selected.id.slice(0, 8)}</code> <StatusBadge status={selected.status} />
              </h2>
              {selected.temporalUiUrl && (
                <a href={selected.temporalUiUrl} target="_blank" rel="noreferrer">
                  Workflow in Temporal
                </a>
              )}
            </div>
            <p className="muted">
              {selected.trigger.toLowerCase()}
              {prTags.has(selected.id) && <> ({prTags.get(selected.id)})</>} · {relativeTime(selected.createdAt)}
              {selected.sourceDeployment && <> · restores {selected.sourceDeployment.id.slice(0, 8)}</>}
            </p>
            {selected.error && (
              <div className="failure" role="alert">
                <strong>{selected.status === 'CANCELLED' ? 'Cancelled' : 'Why it failed'}:</strong> {selected.error}
                {selected.status === 'FAILED' && <p className="muted">The previous release kept serving; nothing of this one is left running.</p>}
              </div>
            )}
            <StepTimeline steps={selected.steps} />
            <LogViewer deploymentId={selected.id} />
          </section>
        )}
      </div>

      {app.kind !== 'STATIC' && <Metrics appId={appId} />}

      {app.gitUrl && (
        <div className="columns">
          <PushToDeploy appId={appId} branch={app.branch} mayDeploy={mayDeploy} />
          <Previews
            appId={appId}
            app={previewsResult.data?.app}
            error={previewsResult.error}
            mayDeploy={mayDeploy}
            hasWebhook={!!webhookResult.data?.app?.webhook}
            onChange={refresh}
          />
        </div>
      )}

      {app.kind === 'SERVICE' && (
        <div className="columns">
          <RuntimeLogs appId={appId} />
          <EventsTimeline appId={appId} />
        </div>
      )}

      <div className="columns">
        <EnvEditor appId={appId} env={app.env} readOnly={!mayDeploy} />
        <Schedules appId={appId} schedules={app.redeploySchedules} onChange={refresh} readOnly={!mayDeploy} />
      </div>
      {mayDeploy && <DeleteApp appId={appId} name={app.name} />}
    </div>
  );
}
