import { useEffect, useMemo, useState } from 'react';
import { Provider } from 'urql';
import { createApiClient } from '../api/client';
import { AppPage } from '../app-page/AppPage';
import { AppList } from '../apps/AppList';
import { CreateApp } from '../apps/CreateApp';
import { SignIn } from '../auth/SignIn';
import { tokenStore } from '../auth/token-store';
import { ReconnectContext } from './reconnect';
import { href, useRoute } from './router';
import { useTheme } from './theme';

export function App() {
  const [token, setToken] = useState(tokenStore.get);
  const [theme, toggleTheme] = useTheme();
  const signOut = () => {
    tokenStore.clear();
    setToken(null);
  };
  const api = useMemo(() => (token ? createApiClient(token, signOut) : null), [token]);
  useEffect(() => () => api?.dispose(), [api]);
  const route = useRoute();

  return (
    <div className="shell">
      <header className="topbar">
        <a className="brand" href={href({ name: 'apps' })}>
          PaaS console
        </a>
        <nav aria-label="Main">
          {token && <a href={href({ name: 'apps' })}>Apps</a>}
          {token && (
            <a className="button primary small" href={href({ name: 'new' })}>
              New app
            </a>
          )}
          <button type="button" className="ghost small" onClick={toggleTheme} aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}>
            {theme === 'dark' ? '☀ Light' : '☾ Dark'}
          </button>
          {token && (
            <button type="button" className="ghost small" onClick={signOut}>
              Sign out
            </button>
          )}
        </nav>
      </header>
      <main id="main">
        {!token || !api ? (
          <SignIn
            onSignedIn={(t) => {
              tokenStore.set(t);
              setToken(t);
            }}
          />
        ) : (
          <Provider value={api.client}>
            <ReconnectContext.Provider value={api.onReconnected}>
              {route.name === 'apps' && <AppList />}
              {route.name === 'new' && <CreateApp />}
              {route.name === 'app' && <AppPage appId={route.appId} deploymentId={route.deploymentId} />}
            </ReconnectContext.Provider>
          </Provider>
        )}
      </main>
    </div>
  );
}
