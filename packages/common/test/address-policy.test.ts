import { describe, expect, it } from 'vitest';
import { addressRange, isAllowEntry, judgeCallbackTarget, parseAllowList } from '../src/address-policy.js';
import { CallbackUrlGuard } from '../src/callback-url-guard.js';
import { fakeLookup } from '../../../tests/support/fake-lookup.js';

describe('addressRange', () => {
  it.each([
    ['93.184.216.34', 'unicast'],
    ['8.8.8.8', 'unicast'],
    ['2606:4700:4700::1111', 'unicast'],
    ['127.0.0.1', 'loopback'],
    ['127.10.20.30', 'loopback'],
    ['::1', 'loopback'],
    ['10.0.0.5', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['100.127.255.254', 'carrierGradeNat'],
    ['169.254.1.1', 'linkLocal'],
    ['fe80::1', 'linkLocal'],
    ['fc00::1', 'uniqueLocal'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['169.254.169.254', 'metadata'],
    ['100.100.100.200', 'metadata'],
    ['fd00:ec2::254', 'metadata'],
    ['::ffff:127.0.0.1', 'ipv4Mapped'],
    ['::ffff:8.8.8.8', 'ipv4Mapped'],
    ['192.0.2.1', 'reserved'],
    ['not-an-ip', 'invalid'],
  ])('%s → %s', (address, range) => {
    expect(addressRange(address)).toBe(range);
  });
});

describe('allow-list entries', () => {
  it.each([
    ['127.0.0.1', true],
    ['::1', true],
    ['10.0.0.0/8', true],
    ['fd00::/8', true],
    ['localhost', true],
    ['receiver.internal', true],
    ['10.0.0.0/33', false],
    ['http://x', false],
    ['a b', false],
  ])('%s valid: %s', (entry, valid) => expect(isAllowEntry(entry)).toBe(valid));

  it('splits addresses from host names and normalises IPs', () => {
    expect(parseAllowList(['127.0.0.1', '0:0:0:0:0:0:0:1', '10.1.0.0/16', 'LocalHost.'])).toEqual({
      addresses: ['127.0.0.1', '::1', '10.1.0.0/16'],
      hostnames: ['localhost'],
    });
  });
});

describe('judgeCallbackTarget', () => {
  const none = parseAllowList([]);
  const local = parseAllowList(['127.0.0.1', '10.1.0.0/16', 'receiver.internal']);
  const judge = (url: string, addresses: string[], list = none) => judgeCallbackTarget(new URL(url), addresses, list);

  it.each([
    ['https://hooks.example.com/x', ['93.184.216.34'], none, true],
    ['http://127.0.0.1:8080/x', ['127.0.0.1'], none, false],
    ['http://127.0.0.1:8080/x', ['127.0.0.1'], local, true],
    ['http://169.254.169.254/latest/meta-data', ['169.254.169.254'], local, false],
    ['http://10.1.2.3/x', ['10.1.2.3'], local, true],
    ['http://10.2.2.3/x', ['10.2.2.3'], local, false],
    // Every address counts: one private address among public ones is enough to refuse.
    ['https://mixed.example.com/x', ['93.184.216.34', '10.0.0.1'], none, false],
    ['http://receiver.internal:3000/x', ['10.9.9.9'], local, true],
    ['ftp://hooks.example.com/x', ['93.184.216.34'], none, false],
    ['https://nowhere.example.com/x', [], none, false],
  ])('%s at %j → allowed %s', (url, addresses, list, allowed) => {
    expect(judge(url, addresses, list).allowed).toBe(allowed);
  });

  it('says why', () => {
    expect(judge('http://169.254.169.254/', ['169.254.169.254'])).toEqual({
      allowed: false,
      reason: '169.254.169.254 resolves to 169.254.169.254 (metadata)',
    });
  });
});

describe('CallbackUrlGuard', () => {
  const lookup = fakeLookup({
    'hooks.example.com': ['93.184.216.34', '2606:2800:220:1::1'],
    'internal.example.com': ['10.0.0.7'],
    'rebind.example.com': ['93.184.216.34', '127.0.0.1'],
  });
  const guard = new CallbackUrlGuard(['localhost'], lookup);

  it.each([
    ['https://hooks.example.com/cb', true],
    ['https://internal.example.com/cb', false],
    ['https://rebind.example.com/cb', false],
    ['https://unknown.example.com/cb', false],
    ['http://[::1]:8080/cb', false],
    ['http://169.254.169.254/latest/meta-data/', false],
    ['http://localhost:8080/cb', true],
    ['javascript:alert(1)', false],
    ['not a url', false],
  ])('%s → allowed %s', async (url, allowed) => {
    expect((await guard.check(url)).allowed).toBe(allowed);
  });
});
