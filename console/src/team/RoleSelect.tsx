import type { TeamRole } from '../gql/graphql';
import { grantableRoles } from '../auth/capabilities';

/** The roles the caller may hand out (never above their own). */
export function RoleSelect({ id, value, onChange, callerRole }: { id: string; value: TeamRole; onChange: (r: TeamRole) => void; callerRole: TeamRole }) {
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value as TeamRole)}>
      {grantableRoles(callerRole).map((r) => (
        <option key={r} value={r}>
          {r.toLowerCase()}
        </option>
      ))}
    </select>
  );
}
