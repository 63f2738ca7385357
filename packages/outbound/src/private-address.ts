// Addresses that are not the public internet: loopback, private, link-local (cloud metadata at
// 169.254.169.254), carrier-grade NAT, multicast and reserved ranges: what builds and the
// platform's own outgoing requests (outbound-fetch.ts) must not reach.
import { BlockList, isIP } from 'node:net';

export const NON_PUBLIC_IPV4_RANGES: readonly [string, number][] = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
];

const NON_PUBLIC_IPV6_RANGES: readonly [string, number][] = [
  ['::', 128],
  ['::1', 128],
  ['::ffff:0:0', 96], // IPv4-mapped: judged by the IPv4 rules below
  ['64:ff9b::', 96],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['2001:db8::', 32],
];

// two lists: node's BlockList matches an IPv4 address against IPv6 rules too (as ::ffff:a.b.c.d),
// so one list holding ::ffff:0:0/96 would call every IPv4 address non-public
const blockedV4 = new BlockList();
for (const [net, prefix] of NON_PUBLIC_IPV4_RANGES) blockedV4.addSubnet(net, prefix, 'ipv4');
const blockedV6 = new BlockList();
for (const [net, prefix] of NON_PUBLIC_IPV6_RANGES) blockedV6.addSubnet(net, prefix, 'ipv6');

/** True for an IP literal outside the public internet; false for public addresses and for names. */
export function isNonPublicAddress(address: string): boolean {
  const ip = address.replace(/^\[|\]$/g, '');
  const family = isIP(ip);
  if (family === 4) return blockedV4.check(ip, 'ipv4');
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
    return mapped ? blockedV4.check(mapped[1], 'ipv4') : blockedV6.check(ip, 'ipv6');
  }
  return false;
}
