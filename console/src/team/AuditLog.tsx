import { useQuery } from 'urql';
import { AuditEventsQuery } from '../api/account-operations';
import { errorMessage } from '../api/errors';
import { ErrorBox, Loading } from '../ui/Feedback';

/** The team's audit log, newest first (OWNER and ADMIN). */
export function AuditLog({ teamId }: { teamId: string }) {
  const [{ data, fetching, error }] = useQuery({ query: AuditEventsQuery, variables: { teamId, limit: 100 }, requestPolicy: 'cache-and-network' });
  return (
    <section className="card" aria-labelledby="audit-title">
      <h2 id="audit-title">Audit log</h2>
      {fetching && !data && <Loading what="the audit log" />}
      <ErrorBox message={errorMessage(error)} />
      {data && data.auditEvents.length === 0 && <p className="muted">Nothing recorded yet.</p>}
      {data && data.auditEvents.length > 0 && (
        <div className="table-wrap">
          <table className="audit">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Actor</th>
                <th scope="col">Action</th>
                <th scope="col">Target</th>
                <th scope="col">Result</th>
              </tr>
            </thead>
            <tbody>
              {data.auditEvents.map((e) => (
                <tr key={e.id} data-audit={e.action} data-result={e.result}>
                  <td>
                    <time dateTime={e.at} title={e.at}>
                      {new Date(e.at).toLocaleString()}
                    </time>
                  </td>
                  <td>{e.actor}</td>
                  <td>
                    <code>{e.action}</code>
                  </td>
                  <td>{e.targetId ? <code title={e.targetId}>{e.targetId.slice(0, 8)}</code> : <span className="muted">—</span>}</td>
                  <td className={e.result === 'ok' ? 'ok' : 'error-text'}>{e.result}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
