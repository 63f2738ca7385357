// The webhook's newest deliveries (DEVELOPER and above: the server refuses a VIEWER), refreshed
// every 15 s while the page is open, and by hand.
import { useEffect } from 'react';
import { useQuery } from 'urql';
import { errorMessage } from '../api/errors';
import { WebhookDeliveriesQuery } from '../api/git-operations';
import { relativeTime } from '../lib/format';
import { ErrorBox, Loading } from '../ui/Feedback';
import { StatusBadge } from '../ui/StatusBadge';
import { deliveryOutcome } from './push-to-deploy';

const REFRESH_MS = 15_000;

export function WebhookDeliveries({ appId }: { appId: string }) {
  const [{ data, fetching, error }, refetch] = useQuery({
    query: WebhookDeliveriesQuery,
    variables: { id: appId, limit: 10 },
    requestPolicy: 'cache-and-network',
  });
  useEffect(() => {
    const timer = setInterval(() => refetch({ requestPolicy: 'network-only' }), REFRESH_MS);
    return () => clearInterval(timer);
  }, [refetch]);
  const deliveries = data?.app?.webhookDeliveries ?? [];
  return (
    <div className="webhook-deliveries">
      <div className="detail-head">
        <h3 id="deliveries-title">Recent deliveries</h3>
        <button type="button" className="small ghost" onClick={() => refetch({ requestPolicy: 'network-only' })} disabled={fetching}>
          Refresh
        </button>
      </div>
      {fetching && !data && <Loading what="deliveries" />}
      <ErrorBox message={errorMessage(error)} />
      {data && deliveries.length === 0 && <p className="muted">None yet. The forge sends a ping when the webhook is added; pushes follow.</p>}
      {deliveries.length > 0 && (
        <div className="table-wrap">
          <table className="deliveries" aria-labelledby="deliveries-title">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Event</th>
                <th scope="col">Delivery</th>
                <th scope="col">Result</th>
              </tr>
            </thead>
            <tbody>
              {deliveries.map((d) => {
                const outcome = deliveryOutcome(d.result);
                return (
                  <tr key={d.id} data-delivery={d.deliveryId ?? ''}>
                    <td title={d.receivedAt}>{relativeTime(d.receivedAt)}</td>
                    <td>
                      <code>{d.event}</code>
                    </td>
                    <td>{d.deliveryId ? <code title={d.deliveryId}>{d.deliveryId.slice(0, 13)}</code> : <span className="muted">—</span>}</td>
                    <td>
                      <StatusBadge status={outcome.status} label={outcome.label} /> <span className="delivery-result">{d.result}</span>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
