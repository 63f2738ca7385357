import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Provider } from 'urql';
import { createApiClient } from '../api/client';
import { LinkedAccounts } from '../account/LinkedAccounts';
import { AdminDashboard } from '../admin/AdminDashboard';
import { AppPage } from '../app-page/AppPage';
import { AppList } from '../apps/AppList';
import { CreateApp } from '../apps/CreateApp';
import { can } from '../auth/capabilities';
import { Auth, identityOf, isPlatformAdmin, useCredentials } from '../auth/auth';
import type { Credentials } from '../auth/credentials';
import { SignIn } from '../auth/SignIn';
import { TeamSettings } from '../team/TeamSettings';
import { ReconnectContext } from './reconnect';
import { href, navigate, useRoute } from './router';
import { TeamProvider, useTeam } from './teams';
import { TeamSwitcher } from './TeamSwitcher';
import { useTheme } from './theme';

export function App() {
  const [auth] = useState(() => new Auth());
  const creds = useCredentials(auth);
  const identity = identityOf(creds);
  const platformAdmin = isPlatformAdmin(creds);
  const [theme, toggleTheme] = useTheme();
  // one client per signed-in identity: a refreshed token reconnects the socket, it does not rebuild the client
  const api = useMemo(() => (identity ? createApiClient(auth) : null), [auth, identity]);
  useEffect(() => () => api?.dispose(), [api]);
  const route = useRoute();
  const onSignedIn = useCallback(
    (c: Credentials) => {
      auth.signedIn(c);
      navigate({ name: 'apps' });
    },
    [auth],
  );

  const shell = (nav: ReactNode, main: ReactNode) => (
    <div className="shell">
      <header className="topbar">
        <a className="brand" href={href({ name: 'apps' })}>
          PaaS console
        </a>
        <nav aria-label="Main">
          {nav}
          <button type="button" className="ghost small" onClick={toggleTheme} aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}>
            {theme === 'dark' ? '☀ Light' : '☾ Dark'}
          </button>
          {creds && (
            <button
              type="button"
              className="ghost small"
              onClick={() => void auth.signOut()}
              title={creds.kind === 'session' ? creds.user.email : 'admin token'}
            >
              Sign out
            </button>
          )}
        </nav>
      </header>
      <main id="main">{main}</main>
    </div>
  );

  if (!creds || !api || !identity) return shell(null, <SignIn route={route} onSignedIn={onSignedIn} />);
  return (
    <Provider value={api.client}>
      <ReconnectContext.Provider value={api.onReconnected}>
        <TeamProvider key={identity} identity={identity} platformAdmin={platformAdmin}>
          {shell(
            <SignedInNav platformAdmin={platformAdmin} user={creds.kind === 'session'} />,
            <Screen route={route} platformAdmin={platformAdmin} auth={auth} />,
          )}
        </TeamProvider>
      </ReconnectContext.Provider>
    </Provider>
  );
}

function SignedInNav({ platformAdmin, user }: { platformAdmin: boolean; user: boolean }) {
  const { team } = useTeam();
  return (
    <>
      <TeamSwitcher platformAdmin={platformAdmin} />
      <a href={href({ name: 'apps' })}>Apps</a>
      {team && <a href={href({ name: 'team' })}>Team settings</a>}
      {platformAdmin && <a href={href({ name: 'admin' })}>Admin</a>}
      {user && <a href={href({ name: 'account' })}>Account</a>}
      {(!team || can(team.role, 'deploy')) && (
        <a className="button primary small" href={href({ name: 'new' })}>
          New app
        </a>
      )}
    </>
  );
}

function Screen({ route, platformAdmin, auth }: { route: ReturnType<typeof useRoute>; platformAdmin: boolean; auth: Auth }) {
  switch (route.name) {
    case 'account':
      return auth.get()?.kind === 'session' ? <LinkedAccounts auth={auth} /> : <AppList />;
    case 'forge':
      // back from linking a forge to this account
      return route.result?.kind === 'linked' ? <LinkedAccounts auth={auth} justLinked={route.result.provider} /> : <AppList />;
    case 'new':
      return <CreateApp />;
    case 'app':
      return <AppPage appId={route.appId} deploymentId={route.deploymentId} />;
    case 'team':
      return <TeamSettings />;
    case 'admin':
      return platformAdmin ? <AdminDashboard /> : <AppList />;
    default:
      return <AppList />;
  }
}
