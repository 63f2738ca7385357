import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { ValidationError, validateEnvKey, validateEnvValue } from '@paas/contracts/validation';
import { errorMessage } from '../api/errors';
import { SetEnvMutation } from '../api/operations';
import { ErrorBox } from '../ui/Feedback';

interface EnvVar {
  key: string;
  value?: string | null;
  secret: boolean;
}

/** Variables take effect on the next deployment; secret values are write-only. */
export function EnvEditor({ appId, env, readOnly = false }: { appId: string; env: EnvVar[]; readOnly?: boolean }) {
  const [key, setKey] = useState('');
  const [value, setValue] = useState('');
  const [secret, setSecret] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [result, setEnv] = useMutation(SetEnvMutation);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(null);
    try {
      validateEnvKey(key.trim());
      validateEnvValue(key.trim(), value);
    } catch (err) {
      if (err instanceof ValidationError) return setProblem(err.message);
      throw err;
    }
    setProblem(null);
    const r = await setEnv({ appId, vars: [{ key: key.trim(), value, secret }] });
    if (!r.error) {
      setSaved(`Saved ${key.trim()}; it takes effect on the next deployment.`);
      setKey('');
      setValue('');
      setSecret(false);
    }
  };

  return (
    <section className="card" aria-labelledby="env-title">
      <h2 id="env-title">Environment variables</h2>
      {env.length === 0 ? (
        <p className="muted">None yet.</p>
      ) : (
        <table className="env">
          <tbody>
            {env.map((v) => (
              <tr key={v.key} data-env={v.key}>
                <th scope="row">
                  <code>{v.key}</code>
                </th>
                <td>{v.secret ? <span className="muted">•••••• (secret, write-only)</span> : <code>{v.value}</code>}</td>
                <td>
                  {!readOnly && (
                    <button
                      type="button"
                      className="ghost small"
                      onClick={() => {
                        setKey(v.key);
                        setValue(v.secret ? '' : (v.value ?? ''));
                        setSecret(v.secret);
                      }}
                    >
                      Edit
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!readOnly && (
        <form className="env-form" onSubmit={submit}>
          <label htmlFor="env-key">Name</label>
          <input id="env-key" value={key} onChange={(e) => setKey(e.target.value)} placeholder="API_URL" />
          <label htmlFor="env-value">Value</label>
          <input id="env-value" value={value} type={secret ? 'password' : 'text'} onChange={(e) => setValue(e.target.value)} />
          <label className="check">
            <input type="checkbox" checked={secret} onChange={(e) => setSecret(e.target.checked)} /> Secret
          </label>
          <button type="submit" disabled={result.fetching || !key.trim()}>
            Save variable
          </button>
        </form>
      )}
      <ErrorBox message={problem ?? errorMessage(result.error)} />
      {saved && (
        <p className="ok" role="status">
          {saved}
        </p>
      )}
    </section>
  );
}
