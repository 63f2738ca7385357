// The Connect forge form (OWNER and ADMIN): a forge, its base URL, and a token or (GitHub) a GitHub
// App's id, private key and installation id. The credentials go to the server once and are never
// shown back; the form forgets them as soon as the connection is made.
import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { errorMessage } from '../api/errors';
import { ConnectForgeMutation } from '../api/git-operations';
import { FORGE_LABELS, FORGES, type ForgeName } from '../app-page/push-to-deploy';
import { ErrorBox } from '../ui/Feedback';
import { Field } from '../ui/Field';
import { DEFAULT_BASE_URL, emptyConnectForm, toConnectInput, validateConnectForm, type ConnectForgeErrors, type ConnectForgeForm } from './connect-forge-form';

export function ConnectForge({ teamId, onConnected }: { teamId: string; onConnected: () => void }) {
  const [form, setForm] = useState<ConnectForgeForm>(emptyConnectForm);
  const [errors, setErrors] = useState<ConnectForgeErrors>({});
  const [result, connect] = useMutation(ConnectForgeMutation);
  const set = <K extends keyof ConnectForgeForm>(key: K, value: ConnectForgeForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const text = (key: 'baseUrl' | 'token' | 'appId' | 'installationId' | 'privateKey') => ({
    value: form[key],
    onChange: (e: { target: { value: string } }) => set(key, e.target.value),
  });
  const app = form.forge === 'GITHUB' && form.auth === 'GITHUB_APP';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found = validateConnectForm(form);
    setErrors(found);
    if (Object.keys(found).length) {
      document.getElementById(`forge-${Object.keys(found)[0]}`)?.focus();
      return;
    }
    const r = await connect({ input: toConnectInput(teamId, form) });
    if (r.data) {
      setForm(emptyConnectForm);
      onConnected();
    }
  };

  return (
    <form className="form connect-forge" onSubmit={submit} noValidate aria-labelledby="connect-forge-title">
      <h3 id="connect-forge-title">Connect a forge</h3>
      <div className="row">
        <div className="field">
          <label htmlFor="forge-forge">Forge</label>
          <select
            id="forge-forge"
            value={form.forge}
            onChange={(e) => setForm((f) => ({ ...f, forge: e.target.value as ForgeName, auth: e.target.value === 'GITHUB' ? f.auth : 'TOKEN' }))}
          >
            {FORGES.map((f) => (
              <option key={f} value={f}>
                {FORGE_LABELS[f]}
              </option>
            ))}
          </select>
        </div>
        <Field
          id="forge-baseUrl"
          label="Base URL"
          error={errors.baseUrl}
          hint={DEFAULT_BASE_URL[form.forge] ? `Default: ${DEFAULT_BASE_URL[form.forge]}` : 'Required, e.g. https://gitea.example.com'}
        >
          {(a) => <input {...a} {...text('baseUrl')} placeholder={DEFAULT_BASE_URL[form.forge] ?? 'https://gitea.example.com'} autoComplete="off" />}
        </Field>
      </div>
      {form.forge === 'GITHUB' && (
        <fieldset className="kind">
          <legend>Authenticate with</legend>
          <label>
            <input type="radio" name="forge-auth" checked={form.auth === 'TOKEN'} onChange={() => set('auth', 'TOKEN')} /> A personal access token
          </label>
          <label>
            <input type="radio" name="forge-auth" checked={form.auth === 'GITHUB_APP'} onChange={() => set('auth', 'GITHUB_APP')} /> A GitHub App installation
          </label>
        </fieldset>
      )}
      {app ? (
        <>
          <div className="row">
            <Field id="forge-appId" label="App ID" error={errors.appId}>
              {(a) => <input {...a} {...text('appId')} inputMode="numeric" autoComplete="off" />}
            </Field>
            <Field id="forge-installationId" label="Installation ID" error={errors.installationId}>
              {(a) => <input {...a} {...text('installationId')} inputMode="numeric" autoComplete="off" />}
            </Field>
          </div>
          <Field id="forge-privateKey" label="Private key (PEM)" error={errors.privateKey} hint="Stored encrypted; never shown again.">
            {(a) => <textarea {...a} {...text('privateKey')} rows={4} spellCheck={false} autoComplete="off" placeholder="-----BEGIN RSA PRIVATE KEY-----" />}
          </Field>
        </>
      ) : (
        <Field
          id="forge-token"
          label="Access token"
          error={errors.token}
          hint="Needs read access to the repositories and write access to commit statuses. Stored encrypted; never shown again."
        >
          {(a) => <input {...a} {...text('token')} type="password" autoComplete="off" />}
        </Field>
      )}
      <ErrorBox message={errorMessage(result.error)} />
      <div className="actions">
        <button type="submit" className="primary" disabled={result.fetching}>
          {result.fetching ? 'Checking with the forge…' : 'Connect'}
        </button>
      </div>
    </form>
  );
}
