import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { AddMemberMutation, RemoveMemberMutation, TeamInvitationsQuery, TeamMembersQuery } from '../api/account-operations';
import { errorMessage } from '../api/errors';
import { can } from '../auth/capabilities';
import type { TeamRole } from '../gql/graphql';
import { relativeTime } from '../lib/format';
import { ConfirmButton } from '../ui/ConfirmButton';
import { ErrorBox, Loading } from '../ui/Feedback';
import { RoleSelect } from './RoleSelect';

/** Members with their roles; OWNER and ADMIN also invite, remove and see pending invitations. */
export function Members({ teamId, role }: { teamId: string; role: TeamRole }) {
  const manage = can(role, 'manageMembers');
  const [{ data, fetching, error }, refetch] = useQuery({ query: TeamMembersQuery, variables: { id: teamId } });
  const [invited, refetchInvited] = useQuery({ query: TeamInvitationsQuery, variables: { id: teamId }, pause: !manage });
  const [added, addMember] = useMutation(AddMemberMutation);
  const [removed, removeMember] = useMutation(RemoveMemberMutation);
  const [email, setEmail] = useState('');
  const [newRole, setNewRole] = useState<TeamRole>('DEVELOPER');
  const [note, setNote] = useState<string | null>(null);
  const reload = () => {
    refetch({ requestPolicy: 'network-only' });
    if (manage) refetchInvited({ requestPolicy: 'network-only' });
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setNote(null);
    const r = await addMember({ teamId, email: email.trim(), role: newRole });
    if (!r.data) return;
    const joined = !r.data.addTeamMember.user.id.startsWith('invited:');
    setNote(
      joined ? `${email.trim()} is now a member.` : `${email.trim()} is invited: they join as ${newRole.toLowerCase()} when they sign up with this email.`,
    );
    setEmail('');
    reload();
  };
  const invitations = invited.data?.team?.invitations ?? [];
  return (
    <section className="card" aria-labelledby="members-title">
      <h2 id="members-title">Members</h2>
      {fetching && !data && <Loading what="members" />}
      <ErrorBox message={errorMessage(error)} />
      <div className="table-wrap">
        <table className="members">
          <thead>
            <tr>
              <th scope="col">Member</th>
              <th scope="col">Role</th>
              {manage && (
                <th scope="col" className="visually-hidden">
                  Actions
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {data?.team?.members.map((m) => (
              <tr key={m.user.id} data-member={m.user.email}>
                <th scope="row">
                  {m.user.name ? `${m.user.name} · ` : ''}
                  {m.user.email}
                </th>
                <td>{m.role.toLowerCase()}</td>
                {manage && (
                  <td className="row-actions">
                    <ConfirmButton
                      label="Remove"
                      title={`Remove ${m.user.email}?`}
                      confirmLabel="Remove"
                      danger
                      onConfirm={async () => {
                        await removeMember({ teamId, userId: m.user.id });
                        reload();
                      }}
                    >
                      <p>They lose access to this team’s apps at once. Their own account and other teams stay.</p>
                    </ConfirmButton>
                  </td>
                )}
              </tr>
            ))}
            {invitations.map((i) => (
              <tr key={i.email} data-invitation={i.email}>
                <th scope="row">
                  {i.email} <span className="muted">· invited {relativeTime(i.createdAt)}</span>
                </th>
                <td>{i.role.toLowerCase()}</td>
                {manage && <td />}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ErrorBox message={errorMessage(removed.error)} />
      {manage && (
        <form className="inline-form" onSubmit={submit}>
          <label htmlFor="member-email">Invite by email</label>
          <input id="member-email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} placeholder="name@example.com" required />
          <label htmlFor="member-role">Role</label>
          <RoleSelect id="member-role" value={newRole} onChange={setNewRole} callerRole={role} />
          <button type="submit" disabled={!email.trim() || added.fetching}>
            Add member
          </button>
        </form>
      )}
      <ErrorBox message={errorMessage(added.error)} />
      {note && (
        <p className="ok" role="status">
          {note}
        </p>
      )}
    </section>
  );
}
