// Hash routes (#/, #/new, #/apps/<id>): the gateway serves one index.html and needs no rewrites.
import { useEffect, useState } from 'react';

export type Route = { name: 'apps' } | { name: 'new' } | { name: 'app'; appId: string; deploymentId?: string };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'new') return { name: 'new' };
  if (parts[0] === 'apps' && parts[1]) return { name: 'app', appId: parts[1], deploymentId: parts[2] === 'deployments' ? parts[3] : undefined };
  return { name: 'apps' };
}

export function href(route: Route): string {
  if (route.name === 'new') return '#/new';
  if (route.name === 'app')
    return `#/apps/${encodeURIComponent(route.appId)}${route.deploymentId ? `/deployments/${encodeURIComponent(route.deploymentId)}` : ''}`;
  return '#/';
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
