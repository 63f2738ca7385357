// The team the console works in: the switcher's choice, kept per signed-in identity. It filters
// the app list and is where New app creates. Platform admins may also choose "All teams".
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { useQuery } from 'urql';
import { TeamsQuery } from '../api/account-operations';
import type { TeamRole } from '../gql/graphql';

export interface TeamChoice {
  id: string;
  name: string;
  role: TeamRole;
}

interface TeamContextValue {
  teams: TeamChoice[];
  /** null: every team (platform admins), or the teams are still loading */
  team: TeamChoice | null;
  allTeams: boolean;
  /** the teams query answered: until then a user's screens wait rather than show every team's apps */
  loaded: boolean;
  select(id: string | null): void;
  refetch(): void;
}

const TeamContext = createContext<TeamContextValue>({
  teams: [],
  team: null,
  allTeams: false,
  loaded: false,
  select: () => undefined,
  refetch: () => undefined,
});

export const useTeam = (): TeamContextValue => useContext(TeamContext);

export function TeamProvider({ identity, platformAdmin, children }: { identity: string; platformAdmin: boolean; children: ReactNode }) {
  const key = `paas.team.${identity}`;
  const [{ data }, refetchTeams] = useQuery({ query: TeamsQuery });
  const [chosen, setChosen] = useState<string | null>(() => localStorage.getItem(key));
  const teams = useMemo(() => data?.teams ?? [], [data]);
  const select = useCallback(
    (id: string | null) => {
      if (id) localStorage.setItem(key, id);
      else localStorage.removeItem(key);
      setChosen(id);
    },
    [key],
  );
  // a platform admin sees every team by default; a user starts in their personal team
  const team = teams.find((t) => t.id === chosen) ?? (platformAdmin ? null : (teams.find((t) => t.personal) ?? teams[0] ?? null));
  const value = useMemo(
    () => ({ teams, team, allTeams: platformAdmin && !team, loaded: !!data, select, refetch: () => refetchTeams({ requestPolicy: 'network-only' }) }),
    [teams, team, platformAdmin, data, select, refetchTeams],
  );
  return <TeamContext.Provider value={value}>{children}</TeamContext.Provider>;
}
