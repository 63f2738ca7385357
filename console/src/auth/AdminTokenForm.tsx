import { useState, type FormEvent } from 'react';
import { checkToken } from '../api/client';

/** The bootstrap admin token (the platform admin without an account): kept for this tab only, never refreshed. */
export function AdminTokenForm({ onSignedIn }: { onSignedIn: (token: string) => void }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const problem = await checkToken(token.trim());
    setBusy(false);
    if (problem) setError(problem);
    else onSignedIn(token.trim());
  };
  return (
    <form onSubmit={submit}>
      <p className="muted">
        Paste the admin token that <code>npm start</code> printed (it is also in <code>.paas/secrets.json</code>). It is kept for this browser tab only.
      </p>
      <label htmlFor="token">Admin token</label>
      <input
        id="token"
        type="password"
        autoComplete="current-password"
        value={token}
        onChange={(e) => setToken(e.target.value)}
        required
        autoFocus
        aria-invalid={!!error}
        aria-describedby={error ? 'token-error' : undefined}
      />
      {error && (
        <p id="token-error" className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy || !token.trim()}>
        {busy ? 'Checking…' : 'Sign in'}
      </button>
    </form>
  );
}
