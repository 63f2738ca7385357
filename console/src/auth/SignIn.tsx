// The signed-out screens: email and password (sign in, create an account), the forges the
// gateway offers, and the admin token as the secondary way in.
import { useEffect, useState } from 'react';
import { href, navigate, type Route } from '../app/router';
import { ErrorBox, Loading } from '../ui/Feedback';
import { AdminTokenForm } from './AdminTokenForm';
import type { Credentials } from './credentials';
import { exchangeForgeHandoff, fetchForgeProviders, forgeStartUrl, type ForgeProvider } from './forge';
import { PasswordForm } from './PasswordForms';

// a handoff is single-use: exchanged once even if the effect runs twice
const exchanged = new Set<string>();

export function SignIn({ route, onSignedIn }: { route: Route; onSignedIn: (c: Credentials) => void }) {
  const [providers, setProviders] = useState<ForgeProvider[]>([]);
  const [forgeError, setForgeError] = useState<string | null>(null);
  const [exchanging, setExchanging] = useState(false);
  useEffect(() => void fetchForgeProviders().then(setProviders), []);

  const forge = route.name === 'forge' ? route.result : null;
  useEffect(() => {
    if (!forge) return;
    if (forge.kind === 'error') return setForgeError(forge.message);
    if (forge.kind !== 'done') return;
    if (exchanged.has(forge.handoff)) return;
    exchanged.add(forge.handoff);
    // the handoff is single-use: take it out of the address bar before exchanging it
    history.replaceState(null, '', href({ name: 'signIn' }));
    setExchanging(true);
    void exchangeForgeHandoff(forge.handoff).then((r) => {
      setExchanging(false);
      if ('error' in r) return setForgeError(r.error);
      onSignedIn(r);
      navigate({ name: 'apps' });
    });
  }, [forge, onSignedIn]);

  const mode = route.name === 'signUp' ? 'signUp' : route.name === 'adminToken' ? 'adminToken' : 'signIn';
  const title = mode === 'signUp' ? 'Create an account' : mode === 'adminToken' ? 'Sign in as the platform admin' : 'Sign in';
  return (
    <section className="card narrow signin" aria-labelledby="signin-title">
      <h1 id="signin-title">{title}</h1>
      {exchanging && <Loading what="your forge sign-in" />}
      <ErrorBox message={forgeError} />
      {mode === 'adminToken' ? (
        <AdminTokenForm onSignedIn={(token) => onSignedIn({ kind: 'admin', token })} />
      ) : (
        <>
          <PasswordForm key={mode} mode={mode} onSignedIn={onSignedIn} />
          {providers.length > 0 && (
            <div className="forges">
              <p className="muted divider">or</p>
              {providers.map((p) => (
                <a key={p.id} className="button" href={forgeStartUrl(p.id)}>
                  Sign in with {p.name}
                </a>
              ))}
            </div>
          )}
        </>
      )}
      <nav className="signin-links" aria-label="Other ways in">
        {mode !== 'signIn' && <a href={href({ name: 'signIn' })}>Sign in with email</a>}
        {mode !== 'signUp' && <a href={href({ name: 'signUp' })}>Create an account</a>}
        {mode !== 'adminToken' && <a href={href({ name: 'adminToken' })}>Use the admin token</a>}
      </nav>
    </section>
  );
}
