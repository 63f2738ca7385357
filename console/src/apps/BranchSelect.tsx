// The branch of a repository picked from a forge connection: a select of the forge's branches
// (the current value kept even when the forge does not list it). Until they arrive, or when the
// forge cannot be asked, it stays the plain text input.
import { useQuery } from 'urql';
import { ForgeBranchesQuery } from '../api/git-operations';
import { branchOptions } from './repo-picker';
import type { PickedFrom } from './RepoPicker';

interface Props {
  teamId: string;
  picked: PickedFrom | null;
  a11y: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string };
  value: string;
  onChange: (branch: string) => void;
}

export function BranchSelect({ teamId, picked, a11y, value, onChange }: Props) {
  const [{ data }] = useQuery({ query: ForgeBranchesQuery, variables: { teamId, repository: picked?.fullName ?? '' }, pause: !picked });
  const branches = picked ? data?.team?.forgeConnections.find((c) => c.id === picked.connectionId)?.branches : undefined;
  if (!branches) return <input {...a11y} value={value} onChange={(e) => onChange(e.target.value)} />;
  return (
    <select {...a11y} value={value} onChange={(e) => onChange(e.target.value)}>
      {branchOptions(branches, value).map((b) => (
        <option key={b} value={b}>
          {b}
        </option>
      ))}
    </select>
  );
}
