// The app's "Previews" card: pull-request previews on or off, and the open pull requests' previews
// with their links and the status of the release serving each. Its data comes from the app page,
// which also tags the preview deployments in the history (one query for both).
import { useEffect, useState } from 'react';
import { useMutation } from 'urql';
import type { CombinedError } from 'urql';
import { errorMessage } from '../api/errors';
import { SetPreviewsEnabledMutation } from '../api/git-operations';
import type { AppPreviewsQuery } from '../gql/graphql';
import { relativeTime, shortSha } from '../lib/format';
import { ErrorBox, Loading } from '../ui/Feedback';
import { StatusBadge } from '../ui/StatusBadge';
import { linkableUrl } from './push-to-deploy';

interface Props {
  appId: string;
  app: AppPreviewsQuery['app'] | undefined;
  error: CombinedError | undefined;
  mayDeploy: boolean;
  hasWebhook: boolean;
  onChange: () => void;
}

export function Previews({ appId, app, error, mayDeploy, hasWebhook, onChange }: Props) {
  const [toggled, setEnabled] = useMutation(SetPreviewsEnabledMutation);
  const saved = app?.previewsEnabled ?? false;
  // the box follows the click at once; the saved value takes over once the app is read again
  const [asked, setAsked] = useState<boolean | null>(null);
  useEffect(() => {
    if (asked !== null && saved === asked) setAsked(null);
  }, [asked, saved]);
  const enabled = asked ?? saved;
  const previews = app?.previews ?? [];
  return (
    <section className="card previews" aria-labelledby="previews-title" data-previews={enabled ? 'on' : 'off'}>
      <h2 id="previews-title">Previews</h2>
      {!app && !error && <Loading what="previews" />}
      <ErrorBox message={errorMessage(error)} />
      {app && (
        <>
          <label className="check">
            <input
              type="checkbox"
              checked={enabled}
              disabled={!mayDeploy || toggled.fetching}
              onChange={async (e) => {
                setAsked(e.target.checked);
                const r = await setEnabled({ appId, enabled: e.target.checked });
                if (r.error) setAsked(null);
                onChange();
              }}
            />{' '}
            Deploy each open pull request as a preview at its own address
          </label>
          <p className="muted">
            {enabled
              ? 'Closing or merging the pull request removes its preview. Secret env vars reach a preview only when the pull request comes from this repository, never from a fork.'
              : 'Off: pull requests are not deployed.'}
            {enabled && !hasWebhook && ' Previews need the webhook (Push to deploy) to hear about pull requests.'}
          </p>
          <ErrorBox message={errorMessage(toggled.error)} />
          {enabled && previews.length === 0 && <p className="muted">No open pull request.</p>}
          {previews.length > 0 && (
            <ul className="preview-list">
              {previews.map((p) => (
                <li key={p.id} data-pull-request={p.pullRequest}>
                  <span className="tag">PR #{p.pullRequest}</span> <code>{p.branch}</code>{' '}
                  {p.liveDeployment ? <StatusBadge status={p.liveDeployment.status} /> : <StatusBadge status="QUEUED" label="not live yet" />}{' '}
                  {linkableUrl(p.url) ? (
                    <a className="url" href={linkableUrl(p.url)!} target="_blank" rel="noreferrer">
                      {p.url}
                    </a>
                  ) : (
                    <code>{p.url}</code>
                  )}{' '}
                  <span className="muted">
                    {p.liveDeployment?.commitSha && (
                      <>
                        <code>{shortSha(p.liveDeployment.commitSha)}</code> ·{' '}
                      </>
                    )}
                    opened {relativeTime(p.createdAt)}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
