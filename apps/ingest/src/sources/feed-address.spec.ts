import { isPrivateAddress, privateHostReason } from './feed-address';

describe('feed addresses', () => {
  it('knows loopback, private, link-local and reserved addresses from public ones', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      'fd00::1',
      'fe80::1',
      '::ffff:127.0.0.1',
    ]) {
      expect([address, isPrivateAddress(address)]).toEqual([address, true]);
    }
    for (const address of ['93.184.216.34', '8.8.8.8', '2606:4700::1111', '::ffff:8.8.8.8', 'not-an-ip']) {
      expect([address, isPrivateAddress(address)]).toEqual([address, false]);
    }
  });

  it('refuses private hosts with a reason, without a lookup for literals and localhost', async () => {
    await expect(privateHostReason('127.0.0.1')).resolves.toBe('127.0.0.1 resolves to a private address (127.0.0.1)');
    await expect(privateHostReason('[::1]')).resolves.toMatch(/private address \(::1\)/);
    await expect(privateHostReason('feeds.localhost')).resolves.toBe('feeds.localhost is a private address');
    await expect(privateHostReason('93.184.216.34')).resolves.toBeUndefined();
  });
});
