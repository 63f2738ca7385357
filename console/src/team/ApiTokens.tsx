import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { CreateTokenMutation, RevokeTokenMutation, TeamTokensQuery } from '../api/account-operations';
import { errorMessage } from '../api/errors';
import type { TeamRole } from '../gql/graphql';
import { relativeTime } from '../lib/format';
import { ConfirmButton } from '../ui/ConfirmButton';
import { ErrorBox, Loading } from '../ui/Feedback';
import { RoleSelect } from './RoleSelect';

/** The team's API tokens (OWNER and ADMIN): a new one is shown once, here, and never again. */
export function ApiTokens({ teamId, role }: { teamId: string; role: TeamRole }) {
  const [{ data, fetching, error }, refetch] = useQuery({ query: TeamTokensQuery, variables: { id: teamId } });
  const [created, createToken] = useMutation(CreateTokenMutation);
  const [revoked, revokeToken] = useMutation(RevokeTokenMutation);
  const [name, setName] = useState('');
  const [tokenRole, setTokenRole] = useState<TeamRole>('DEVELOPER');
  const [days, setDays] = useState('');
  const [shown, setShown] = useState<{ name: string; token: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await createToken({ teamId, name: name.trim(), role: tokenRole, expiresInDays: days.trim() ? Number(days) : null });
    if (!r.data) return;
    setShown({ name: r.data.createApiToken.apiToken.name, token: r.data.createApiToken.token });
    setCopied(false);
    setName('');
    setDays('');
    refetch({ requestPolicy: 'network-only' });
  };
  return (
    <section className="card" aria-labelledby="tokens-title">
      <h2 id="tokens-title">API tokens</h2>
      <p className="muted">For CI and scripts: send as Authorization: Bearer &lt;token&gt;. A token acts with its role in this team only.</p>
      {shown && (
        <div className="token-once" role="status">
          <p>
            <strong>Copy the token “{shown.name}” now: it is shown only this once.</strong> Only a hash of it is kept; if it is lost, revoke it and make a new
            one.
          </p>
          <div className="inline-form">
            <input readOnly aria-label="New API token" value={shown.token} onFocus={(e) => e.target.select()} />
            <button
              type="button"
              onClick={() =>
                void navigator.clipboard?.writeText(shown.token).then(
                  () => setCopied(true),
                  () => setCopied(false),
                )
              }
            >
              {copied ? 'Copied' : 'Copy'}
            </button>
            <button type="button" className="ghost" onClick={() => setShown(null)}>
              Done
            </button>
          </div>
        </div>
      )}
      {fetching && !data && <Loading what="tokens" />}
      <ErrorBox message={errorMessage(error)} />
      {data?.team && data.team.apiTokens.length === 0 && <p className="muted">No token yet.</p>}
      {data?.team && data.team.apiTokens.length > 0 && (
        <div className="table-wrap">
          <table className="tokens">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">Expires</th>
                <th scope="col">Last used</th>
                <th scope="col" className="visually-hidden">
                  Actions
                </th>
              </tr>
            </thead>
            <tbody>
              {data.team.apiTokens.map((t) => (
                <tr key={t.id} data-token={t.name}>
                  <th scope="row">{t.name}</th>
                  <td>{t.role.toLowerCase()}</td>
                  <td>{t.expiresAt ? (Date.parse(t.expiresAt) < Date.now() ? 'expired' : new Date(t.expiresAt).toLocaleDateString()) : 'never'}</td>
                  <td>{t.lastUsedAt ? relativeTime(t.lastUsedAt) : 'never'}</td>
                  <td className="row-actions">
                    <ConfirmButton
                      label="Revoke"
                      title={`Revoke ${t.name}?`}
                      confirmLabel="Revoke"
                      danger
                      onConfirm={async () => {
                        await revokeToken({ id: t.id });
                        refetch({ requestPolicy: 'network-only' });
                      }}
                    >
                      <p>Whatever uses this token is refused from now on.</p>
                    </ConfirmButton>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ErrorBox message={errorMessage(revoked.error)} />
      <form className="inline-form" onSubmit={submit}>
        <label htmlFor="token-name">Token name</label>
        <input id="token-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="ci" required maxLength={100} />
        <label htmlFor="token-role">Role</label>
        <RoleSelect id="token-role" value={tokenRole} onChange={setTokenRole} callerRole={role} />
        <label htmlFor="token-days">Expires in days</label>
        <input id="token-days" inputMode="numeric" value={days} onChange={(e) => setDays(e.target.value)} placeholder="never" size={6} />
        <button type="submit" disabled={!name.trim() || created.fetching}>
          Create token
        </button>
      </form>
      <ErrorBox message={errorMessage(created.error)} />
    </section>
  );
}
