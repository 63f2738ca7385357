// New app's repository picker, offered when the team has a forge connection: search the
// connection's repositories, pick one to fill the git URL and branch. Nothing is asked of the forge
// until the user opens it; without a connection (or when the forge cannot be reached) the form is
// the plain one and a typed URL works as before.
import { useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { errorMessage } from '../api/errors';
import { ForgeConnectionsQuery, ForgeRepositoriesQuery } from '../api/git-operations';
import { FORGE_LABELS } from '../app-page/push-to-deploy';
import { ErrorBox, Loading } from '../ui/Feedback';
import type { PickedRepository } from './repo-picker';

export interface PickedFrom extends PickedRepository {
  connectionId: string;
}

interface Props {
  teamId: string;
  picked: PickedFrom | null;
  onPick: (repo: PickedFrom) => void;
}

export function RepoPicker({ teamId, picked, onPick }: Props) {
  const [{ data }] = useQuery({ query: ForgeConnectionsQuery, variables: { teamId } });
  const connections = data?.team?.forgeConnections ?? [];
  const [open, setOpen] = useState(false);
  const [connectionId, setConnectionId] = useState<string | null>(null);
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState<string | null>(null);
  const connection = connections.find((c) => c.id === connectionId) ?? connections[0];
  const [repos] = useQuery({ query: ForgeRepositoriesQuery, variables: { teamId, search: search || null }, pause: !open || !connection });
  // a picker is an offer, not a requirement: no connection (or no such field on this server), no picker
  if (!connection) return null;
  const list = repos.data?.team?.forgeConnections.find((c) => c.id === connection.id)?.repositories ?? [];

  const submitSearch = (e: FormEvent) => {
    e.preventDefault();
    setSearch(typed.trim());
  };

  return (
    <div className="repo-picker" data-open={open ? 'true' : 'false'}>
      {!open ? (
        <button type="button" className="small" onClick={() => setOpen(true)}>
          Pick a repository from {FORGE_LABELS[connection.forge]}
        </button>
      ) : (
        <fieldset>
          <legend>Repository from a forge connection</legend>
          {connections.length > 1 && (
            <select aria-label="Forge connection" value={connection.id} onChange={(e) => setConnectionId(e.target.value)}>
              {connections.map((c) => (
                <option key={c.id} value={c.id}>
                  {FORGE_LABELS[c.forge]} · {c.baseUrl}
                  {c.account ? ` · ${c.account}` : ''}
                </option>
              ))}
            </select>
          )}
          {/* a form inside the New app form is not allowed: Enter in the search box searches instead */}
          <div className="inline-form" role="search">
            <input
              aria-label="Search repositories"
              value={typed}
              placeholder="name or owner/name"
              onChange={(e) => setTyped(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') submitSearch(e);
              }}
            />
            <button type="button" onClick={submitSearch}>
              Search
            </button>
          </div>
          {repos.fetching && <Loading what="repositories" />}
          <ErrorBox message={errorMessage(repos.error)} />
          {repos.data && !repos.fetching && list.length === 0 && <p className="muted">No repository found{search ? ` for “${search}”` : ''}.</p>}
          {list.length > 0 && (
            <ul className="repo-list" aria-label="Repositories">
              {list.map((r) => (
                <li key={r.fullName}>
                  <button
                    type="button"
                    className="small ghost"
                    aria-pressed={picked?.cloneUrl === r.cloneUrl}
                    onClick={() => onPick({ connectionId: connection.id, fullName: r.fullName, cloneUrl: r.cloneUrl, defaultBranch: r.defaultBranch })}
                  >
                    {r.fullName}
                  </button>{' '}
                  {r.private && <span className="tag">private</span>}
                </li>
              ))}
            </ul>
          )}
        </fieldset>
      )}
    </div>
  );
}
