// The team's forge connections: every member sees them (forge, address, how it authenticates, the
// account); OWNER and ADMIN connect and disconnect. A connection's credentials are never shown.
import { useMutation, useQuery } from 'urql';
import { errorMessage } from '../api/errors';
import { DisconnectForgeMutation, ForgeConnectionsQuery } from '../api/git-operations';
import { FORGE_LABELS } from '../app-page/push-to-deploy';
import { can } from '../auth/capabilities';
import type { TeamRole } from '../gql/graphql';
import { relativeTime } from '../lib/format';
import { ConfirmButton } from '../ui/ConfirmButton';
import { ErrorBox, Loading } from '../ui/Feedback';
import { ConnectForge } from './ConnectForge';

export function ForgeConnections({ teamId, role }: { teamId: string; role: TeamRole }) {
  const [{ data, fetching, error }, refetch] = useQuery({ query: ForgeConnectionsQuery, variables: { teamId } });
  const [disconnected, disconnect] = useMutation(DisconnectForgeMutation);
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const manage = can(role, 'manageForges');
  const connections = data?.team?.forgeConnections ?? [];
  return (
    <section className="card" aria-labelledby="forges-title">
      <h2 id="forges-title">Forge connections</h2>
      <p className="muted">A connection lets New app list the team&apos;s repositories and branches, and the platform post commit statuses back.</p>
      {fetching && !data && <Loading what="forge connections" />}
      <ErrorBox message={errorMessage(error)} />
      {data?.team && connections.length === 0 && <p className="muted">No forge connected yet.</p>}
      {connections.length > 0 && (
        <div className="table-wrap">
          <table className="forges">
            <thead>
              <tr>
                <th scope="col">Forge</th>
                <th scope="col">Address</th>
                <th scope="col">As</th>
                <th scope="col">Connected</th>
                {manage && (
                  <th scope="col" className="visually-hidden">
                    Actions
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {connections.map((c) => (
                <tr key={c.id} data-forge-connection={c.id}>
                  <th scope="row">{FORGE_LABELS[c.forge]}</th>
                  <td>
                    <code>{c.baseUrl}</code>
                  </td>
                  <td>
                    {c.account ?? '—'} <span className="muted">({c.auth === 'GITHUB_APP' ? 'GitHub App' : 'token'})</span>
                  </td>
                  <td>{relativeTime(c.createdAt)}</td>
                  {manage && (
                    <td className="row-actions">
                      <ConfirmButton
                        label="Disconnect"
                        title={`Disconnect ${FORGE_LABELS[c.forge]} at ${c.baseUrl}?`}
                        confirmLabel="Disconnect"
                        danger
                        onConfirm={async () => {
                          await disconnect({ id: c.id });
                          reload();
                        }}
                      >
                        <p>Its credentials are deleted. Apps keep deploying from their git URLs; commit statuses stop until it is connected again.</p>
                      </ConfirmButton>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ErrorBox message={errorMessage(disconnected.error)} />
      {manage && <ConnectForge teamId={teamId} onConnected={reload} />}
    </section>
  );
}
