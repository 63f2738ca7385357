import { describe, expect, it } from 'vitest';
import { OutboundAllowList } from './allow-list.js';
import { checkOutboundUrl } from './check-url.js';

const none = new OutboundAllowList([]);

describe('checkOutboundUrl', () => {
  it.each([
    ['https://127.0.0.1:9000/hook', /loopback, private or link-local/],
    ['https://169.254.169.254/latest/meta-data', /loopback, private or link-local/],
    ['https://10.0.0.1/hook', /loopback, private or link-local/],
    ['https://[::1]/hook', /loopback, private or link-local/],
    ['https://localhost/hook', /resolves to .*loopback/],
    ['http://127.0.0.1:9000/hook', /plain http/],
    ['http://hooks.example.com/x', /plain http/],
    ['ftp://hooks.example.com/x', /ftp: URLs are not allowed/],
    ['file:///etc/passwd', /file: URLs are not allowed/],
    ['https://user:pw@hooks.example.com/x', /user name or password/],
    ['not a url', /not a URL/],
  ])('refuses %s', async (raw, why) => {
    await expect(checkOutboundUrl(raw, none)).rejects.toThrow(why);
  });

  it('allows a public https URL, and what PAAS_OUTBOUND_ALLOW lists (http too)', async () => {
    expect((await checkOutboundUrl('https://93.184.215.14/hook', none)).host).toBe('93.184.215.14');
    const listed = new OutboundAllowList(['127.0.0.1:9000']);
    expect((await checkOutboundUrl('http://127.0.0.1:9000/hook', listed)).toString()).toBe('http://127.0.0.1:9000/hook');
    // the entry names a port: another port of the same host stays refused
    await expect(checkOutboundUrl('http://127.0.0.1:9001/hook', listed)).rejects.toThrow(/plain http/);
  });
});
