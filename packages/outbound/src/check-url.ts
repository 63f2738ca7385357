// The outbound rules applied ahead of time, to a URL someone wants stored (a notification
// receiver, say): refused now with a clear reason instead of at the first delivery. The fetch
// itself checks again when it connects (outbound-fetch.ts), since DNS may answer differently later.
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { OutboundAllowList, portOf } from './allow-list.js';
import { OutboundRefusedError } from './outbound-fetch.js';
import { isNonPublicAddress } from './private-address.js';

/** Throws OutboundRefusedError saying why the platform would not send requests to `raw`; the parsed URL otherwise. */
export async function checkOutboundUrl(raw: string, allowList: OutboundAllowList = OutboundAllowList.fromEnv()): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OutboundRefusedError('it is not a URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new OutboundRefusedError(`${url.protocol} URLs are not allowed; use https`);
  if (url.username || url.password) throw new OutboundRefusedError('URLs with a user name or password are not allowed');
  const listed = allowList.allowsUrl(url);
  if (url.protocol === 'http:' && !listed) throw new OutboundRefusedError('plain http is allowed only for hosts PAAS_OUTBOUND_ALLOW lists; use https');
  if (listed) return url;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  // a name that does not resolve (yet) passes: the fetch checks the addresses it gets when it connects
  const addresses = isIP(host)
    ? [host]
    : await lookup(host, { all: true }).then(
        (all) => all.map((a) => a.address),
        () => [],
      );
  const bad = addresses.find(isNonPublicAddress);
  if (bad)
    throw new OutboundRefusedError(
      `${host}${bad === host ? ' is' : ` resolves to ${bad},`} a loopback, private or link-local address: the platform does not send requests there unless PAAS_OUTBOUND_ALLOW lists it (port ${portOf(url)})`,
    );
  return url;
}
