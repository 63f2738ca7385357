// The app's "Push to deploy" card: enable the forge webhook (its URL, and its secret shown this
// once), rotate the secret, disable it, and the recent deliveries. Everyone in the team sees whether
// it is on; only DEVELOPER and above get the controls and the deliveries (the server's rule).
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { errorMessage } from '../api/errors';
import { AppWebhookQuery, DisableWebhookMutation, EnableWebhookMutation } from '../api/git-operations';
import { ConfirmButton } from '../ui/ConfirmButton';
import { CopyField } from '../ui/CopyField';
import { ErrorBox, Loading } from '../ui/Feedback';
import { FORGE_HOOK_HELP, FORGE_LABELS, FORGES, type ForgeName } from './push-to-deploy';
import { WebhookDeliveries } from './WebhookDeliveries';

interface Props {
  appId: string;
  branch: string;
  mayDeploy: boolean;
}

export function PushToDeploy({ appId, branch, mayDeploy }: Props) {
  const [{ data, fetching, error }, refetch] = useQuery({ query: AppWebhookQuery, variables: { id: appId } });
  const [enabled, enable] = useMutation(EnableWebhookMutation);
  const [disabled, disable] = useMutation(DisableWebhookMutation);
  const [forge, setForge] = useState<ForgeName>('GITHUB');
  // the secret lives only in this state: a reload or another visit never shows it again
  const [secret, setSecret] = useState<{ forge: ForgeName; url: string; secret: string } | null>(null);
  const webhook = data?.app?.webhook ?? null;

  const turnOn = async (which: ForgeName) => {
    const r = await enable({ appId, forge: which });
    const hook = r.data?.enableGitWebhook;
    if (hook?.secret) setSecret({ forge: hook.forge, url: hook.url, secret: hook.secret });
    refetch({ requestPolicy: 'network-only' });
  };

  return (
    <section className="card push-to-deploy" aria-labelledby="push-title" data-webhook={webhook ? 'on' : 'off'}>
      <h2 id="push-title">Push to deploy</h2>
      {fetching && !data && <Loading what="the webhook" />}
      <ErrorBox message={errorMessage(error)} />
      {data && !webhook && (
        <>
          <p className="muted">
            Off. With the forge&apos;s webhook, a push to <code>{branch}</code> deploys exactly the pushed commit.
          </p>
          {mayDeploy && (
            <form
              className="inline-form"
              onSubmit={(e) => {
                e.preventDefault();
                void turnOn(forge);
              }}
            >
              <label htmlFor="webhook-forge">Forge</label>
              <select id="webhook-forge" value={forge} onChange={(e) => setForge(e.target.value as ForgeName)}>
                {FORGES.map((f) => (
                  <option key={f} value={f}>
                    {FORGE_LABELS[f]}
                  </option>
                ))}
              </select>
              <button type="submit" className="primary" disabled={enabled.fetching}>
                {enabled.fetching ? 'Enabling…' : 'Enable webhook'}
              </button>
            </form>
          )}
        </>
      )}
      {secret && (
        <div className="token-once" role="status">
          <p>
            <strong>Copy the secret now: it is shown only this once.</strong> Add the webhook in {FORGE_LABELS[secret.forge]} with this URL and secret.{' '}
            {FORGE_HOOK_HELP[secret.forge]} If it is lost, rotate it.
          </p>
          <CopyField label="Webhook secret" value={secret.secret} secret />
          <button type="button" className="ghost small" onClick={() => setSecret(null)}>
            Done
          </button>
        </div>
      )}
      {webhook && (
        <>
          <p>
            On for <strong>{FORGE_LABELS[webhook.forge]}</strong>: a push to <code>{branch}</code> deploys the pushed commit; other branches are ignored.
          </p>
          <CopyField label="Webhook URL" value={webhook.url} />
          {!secret && <p className="muted">The secret was shown once, when the webhook was enabled; it is never shown again.</p>}
          {mayDeploy && (
            <div className="actions">
              <ConfirmButton label="Rotate secret" title="Rotate the webhook secret?" confirmLabel="Rotate" onConfirm={() => turnOn(webhook.forge)}>
                <p>A new secret is shown once; deliveries signed with the old one are refused from then on, so update the forge&apos;s webhook too.</p>
              </ConfirmButton>
              <ConfirmButton
                label="Disable"
                title="Disable push to deploy?"
                confirmLabel="Disable"
                danger
                onConfirm={async () => {
                  await disable({ appId });
                  setSecret(null);
                  refetch({ requestPolicy: 'network-only' });
                }}
              >
                <p>Deliveries to this URL are refused from now on; the forge&apos;s webhook can be removed. Nothing already deployed changes.</p>
              </ConfirmButton>
            </div>
          )}
        </>
      )}
      <ErrorBox message={errorMessage(enabled.error) ?? errorMessage(disabled.error)} />
      {webhook && mayDeploy && <WebhookDeliveries appId={appId} />}
    </section>
  );
}
