// The signed-in user's own account: the forges linked to it (to sign in with), linking another
// (the gateway starts the round trip, the browser goes to the forge and comes back to
// #/auth/forge/linked/<provider>) and unlinking one (refused when it is the only way in).
import { useEffect, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { ForgeIdentitiesQuery, UnlinkForgeIdentityMutation } from '../api/account-operations';
import { errorMessage } from '../api/errors';
import type { Auth } from '../auth/auth';
import { fetchForgeProviders, startForgeLink, type ForgeProvider } from '../auth/forge';
import { relativeTime } from '../lib/format';
import { ConfirmButton } from '../ui/ConfirmButton';
import { ErrorBox, Loading } from '../ui/Feedback';

export function LinkedAccounts({ auth, justLinked }: { auth: Auth; justLinked?: string }) {
  const [{ data, fetching, error }, refetch] = useQuery({ query: ForgeIdentitiesQuery, requestPolicy: 'network-only' });
  const [unlinked, unlink] = useMutation(UnlinkForgeIdentityMutation);
  const [providers, setProviders] = useState<ForgeProvider[]>([]);
  const [linkError, setLinkError] = useState<string | null>(null);
  useEffect(() => void fetchForgeProviders().then(setProviders), []);
  const linked = data?.forgeIdentities ?? [];
  const nameOf = (id: string) => providers.find((p) => p.id === id)?.name ?? id;
  const link = async (id: string) => {
    setLinkError(null);
    const bearer = await auth.bearer();
    if (!bearer) return;
    const r = await startForgeLink(id, bearer);
    if ('url' in r) location.assign(r.url);
    else setLinkError(r.error);
  };
  return (
    <section className="card" aria-labelledby="account-title">
      <h1 id="account-title">Your account</h1>
      {justLinked && (
        <p className="ok" role="status">
          {nameOf(justLinked)} is linked: you can sign in with it.
        </p>
      )}
      <h2>Sign in with a forge</h2>
      {fetching && !data && <Loading what="linked accounts" />}
      <ErrorBox message={error ? errorMessage(error) : (linkError ?? (unlinked.error ? errorMessage(unlinked.error) : null))} />
      {linked.length === 0 && data && <p className="muted">No forge account is linked yet.</p>}
      {linked.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>Forge</th>
              <th>User name</th>
              <th>Linked</th>
              <th>Last sign-in</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {linked.map((i) => (
              <tr key={i.provider} data-linked={i.provider}>
                <td>{nameOf(i.provider)}</td>
                <td>{i.username ?? '—'}</td>
                <td>{relativeTime(i.linkedAt)}</td>
                <td>{i.lastSignInAt ? relativeTime(i.lastSignInAt) : '—'}</td>
                <td>
                  <ConfirmButton
                    label="Unlink"
                    title={`Unlink ${nameOf(i.provider)}?`}
                    confirmLabel={`Unlink ${nameOf(i.provider)}`}
                    onConfirm={async () => {
                      const r = await unlink({ provider: i.provider });
                      if (!r.error) refetch({ requestPolicy: 'network-only' });
                    }}
                  >
                    <p>You will no longer sign in with this {nameOf(i.provider)} account. Refused when it is your only way in.</p>
                  </ConfirmButton>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="forges">
        {providers
          .filter((p) => !linked.some((i) => i.provider === p.id))
          .map((p) => (
            <button key={p.id} type="button" onClick={() => void link(p.id)}>
              Link {p.name}
            </button>
          ))}
      </div>
    </section>
  );
}
