import { useState, type FormEvent } from 'react';
import { SignInMutation, SignUpMutation } from '../api/account-operations';
import { publicCall } from '../api/public-call';
import { toSession, type UserSession } from './credentials';

type Mode = 'signIn' | 'signUp';

/** Email and password: sign in, or create an account (open sign-up, or an invited email). */
export function PasswordForm({ mode, onSignedIn }: { mode: Mode; onSignedIn: (s: UserSession) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const r =
      mode === 'signIn'
        ? await publicCall(SignInMutation, { email: email.trim(), password })
        : await publicCall(SignUpMutation, { email: email.trim(), password, name: name.trim() || null });
    setBusy(false);
    if ('error' in r) return setError(r.error);
    const session = toSession('signIn' in r.data ? r.data.signIn : r.data.signUp);
    if (session) onSignedIn(session);
    else setError('The gateway answered with something that is not a session; try again.');
  };
  const errorId = `${mode}-error`;
  return (
    <form onSubmit={submit} aria-describedby={error ? errorId : undefined}>
      {mode === 'signUp' && (
        <>
          <label htmlFor="name">Name (optional)</label>
          <input id="name" autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} maxLength={100} />
        </>
      )}
      <label htmlFor="email">Email</label>
      <input id="email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} required autoFocus aria-invalid={!!error} />
      <label htmlFor="password">Password</label>
      <input
        id="password"
        type="password"
        autoComplete={mode === 'signIn' ? 'current-password' : 'new-password'}
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        required
        aria-invalid={!!error}
      />
      {error && (
        <p id={errorId} className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy || !email.trim() || !password}>
        {busy ? 'Checking…' : mode === 'signIn' ? 'Sign in' : 'Create account'}
      </button>
    </form>
  );
}
