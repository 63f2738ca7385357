// The selected team's settings: usage against the plan for everyone in it; members for everyone
// (editing for OWNER and ADMIN); forge connections for everyone (connecting for OWNER and ADMIN); API tokens, notification channels and the audit log only for OWNER and ADMIN.
import { useTeam } from '../app/teams';
import { can } from '../auth/capabilities';
import { ApiTokens } from './ApiTokens';
import { AuditLog } from './AuditLog';
import { ForgeConnections } from './ForgeConnections';
import { Members } from './Members';
import { NotificationChannels } from './NotificationChannels';
import { Usage } from './Usage';

export function TeamSettings() {
  const { team } = useTeam();
  if (!team)
    return (
      <section className="card">
        <h1>Team settings</h1>
        <p className="muted">Choose a team in the switcher first.</p>
      </section>
    );
  return (
    <section aria-labelledby="team-title" className="team-settings">
      <div className="page-head">
        <h1 id="team-title">{team.name}</h1>
        <p className="muted">
          Your role: <strong data-team-role={team.role}>{team.role.toLowerCase()}</strong>
        </p>
      </div>
      <Usage teamId={team.id} />
      <Members teamId={team.id} role={team.role} />
      <ForgeConnections teamId={team.id} role={team.role} />
      {can(team.role, 'manageTokens') && <ApiTokens teamId={team.id} role={team.role} />}
      {can(team.role, 'manageNotifications') && <NotificationChannels teamId={team.id} />}
      {can(team.role, 'readAudit') && <AuditLog teamId={team.id} />}
    </section>
  );
}
