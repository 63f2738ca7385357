// Hash routes (#/, #/new, #/apps/<id>, #/team, #/admin, #/sign-up, …): the gateway serves one
// index.html and needs no rewrites. The forge sign-in comes back to #/auth/forge/done/<handoff>
// or #/auth/forge/error/<message>.
import { useEffect, useState } from 'react';
import { parseForgeReturn, type ForgeReturn } from '../auth/forge';

export type Route =
  | { name: 'apps' }
  | { name: 'new' }
  | { name: 'app'; appId: string; deploymentId?: string }
  | { name: 'team' }
  | { name: 'admin' }
  | { name: 'account' }
  | { name: 'signIn' }
  | { name: 'signUp' }
  | { name: 'adminToken' }
  | { name: 'forge'; result: ForgeReturn | null };

export function parseRoute(hash: string): Route {
  const parts = hash
    .replace(/^#\/?/, '')
    .split('/')
    .filter(Boolean)
    .map((p) => {
      try {
        return decodeURIComponent(p);
      } catch {
        return p;
      }
    });
  if (parts[0] === 'new') return { name: 'new' };
  if (parts[0] === 'apps' && parts[1]) return { name: 'app', appId: parts[1], deploymentId: parts[2] === 'deployments' ? parts[3] : undefined };
  if (parts[0] === 'team') return { name: 'team' };
  if (parts[0] === 'admin') return { name: 'admin' };
  if (parts[0] === 'account') return { name: 'account' };
  if (parts[0] === 'sign-in' && parts[1] === 'admin-token') return { name: 'adminToken' };
  if (parts[0] === 'sign-in') return { name: 'signIn' };
  if (parts[0] === 'sign-up') return { name: 'signUp' };
  if (parts[0] === 'auth' && parts[1] === 'forge') return { name: 'forge', result: parseForgeReturn(parts.slice(2)) };
  return { name: 'apps' };
}

export function href(route: Route): string {
  switch (route.name) {
    case 'new':
      return '#/new';
    case 'app':
      return `#/apps/${encodeURIComponent(route.appId)}${route.deploymentId ? `/deployments/${encodeURIComponent(route.deploymentId)}` : ''}`;
    case 'team':
      return '#/team';
    case 'admin':
      return '#/admin';
    case 'account':
      return '#/account';
    case 'signIn':
      return '#/sign-in';
    case 'signUp':
      return '#/sign-up';
    case 'adminToken':
      return '#/sign-in/admin-token';
    default:
      return '#/';
  }
}

export function navigate(route: Route): void {
  location.hash = href(route);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const on = () => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}
