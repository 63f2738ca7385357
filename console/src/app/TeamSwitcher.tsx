import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { CreateTeamMutation } from '../api/account-operations';
import { errorMessage } from '../api/errors';
import { ErrorBox } from '../ui/Feedback';
import { useTeam } from './teams';

const NEW_TEAM = '__new__';

/** The team switcher of the top bar, with "New team…" as its last choice. */
export function TeamSwitcher({ platformAdmin }: { platformAdmin: boolean }) {
  const { teams, team, select, refetch } = useTeam();
  const [creating, setCreating] = useState(false);
  const [name, setName] = useState('');
  const [created, createTeam] = useMutation(CreateTeamMutation);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await createTeam({ name: name.trim() });
    if (!r.data) return;
    setCreating(false);
    setName('');
    refetch();
    select(r.data.createTeam.id);
  };
  return (
    <div className="team-switcher">
      <label htmlFor="team-select" className="visually-hidden">
        Team
      </label>
      <select
        id="team-select"
        value={creating ? NEW_TEAM : (team?.id ?? '')}
        onChange={(e) => {
          if (e.target.value === NEW_TEAM) return setCreating(true);
          setCreating(false);
          select(e.target.value || null);
        }}
      >
        {(platformAdmin || !team) && <option value="">{platformAdmin ? 'All teams' : 'Loading teams…'}</option>}
        {teams.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name} · {t.role.toLowerCase()}
          </option>
        ))}
        <option value={NEW_TEAM}>New team…</option>
      </select>
      {creating && (
        <form className="new-team" onSubmit={submit}>
          <label htmlFor="new-team-name">New team name</label>
          <input id="new-team-name" value={name} onChange={(e) => setName(e.target.value)} autoFocus required maxLength={100} />
          <button type="submit" className="small primary" disabled={!name.trim() || created.fetching}>
            Create team
          </button>
          <button type="button" className="small ghost" onClick={() => setCreating(false)}>
            Cancel
          </button>
          <ErrorBox message={errorMessage(created.error)} />
        </form>
      )}
    </div>
  );
}
