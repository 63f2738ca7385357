import { describe, expect, it } from 'vitest';
import { isNonPublicAddress } from './private-address.js';

describe('isNonPublicAddress', () => {
  it.each([
    '127.0.0.1',
    '10.0.0.1',
    '172.16.5.4',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    'fe80::1',
    'fd00::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
  ])('%s is not public', (a) => expect(isNonPublicAddress(a)).toBe(true));

  // node's BlockList matched IPv4 against the IPv4-mapped IPv6 rule: every IPv4 address was refused
  it.each(['8.8.8.8', '93.184.215.14', '1.1.1.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('%s is public', (a) => expect(isNonPublicAddress(a)).toBe(false));
});
