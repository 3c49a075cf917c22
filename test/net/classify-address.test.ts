// Pins address classification: the verdict and the named range for each kind of address, IPv6 forms
// judged by the IPv4 address they carry.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalHost } from '../../src/net/canonical-host.ts';
import { classifyAddress } from '../../src/net/classify-address.ts';

describe('classifyAddress', () => {
  const cases: [string, string, string][] = [
    ['8.8.8.8', 'public', 'public'],
    ['127.0.0.1', 'private', 'loopback'],
    ['0x7f.1', 'private', 'loopback'],
    ['10.1.2.3', 'private', 'private'],
    ['169.254.169.254', 'private', 'linkLocal'],
    ['100.64.0.1', 'private', 'carrierGradeNat'],
    ['192.0.2.1', 'private', 'documentation'],
    ['198.18.0.1', 'private', 'benchmarking'],
    ['240.0.0.1', 'private', 'reserved'],
    ['0.0.0.0', 'never', 'unspecified'],
    ['224.0.0.1', 'never', 'multicast'],
    ['255.255.255.255', 'never', 'broadcast'],
    ['::1', 'private', 'loopback'],
    ['::', 'never', 'unspecified'],
    ['ff02::1', 'never', 'multicast'],
    ['::ffff:127.0.0.1', 'private', 'IPv4-mapped loopback'],
    ['::ffff:0.0.0.0', 'never', 'IPv4-mapped unspecified'],
    ['::ffff:8.8.8.8', 'public', 'IPv4-mapped public'],
    ['::ffff:0:a00:1', 'private', 'IPv4-translated private'],
    ['64:ff9b::a9fe:a9fe', 'private', 'NAT64 linkLocal'],
    ['64:ff9b::808:808', 'public', 'NAT64 public'],
    ['64:ff9b:1::1', 'private', 'local-use NAT64'],
    ['2002:c0a8:101::1', 'private', '6to4 private'],
    ['2002:808:808::1', 'public', '6to4 public'],
    ['2001::1', 'private', 'teredo'],
    ['::7f00:1', 'private', 'IPv4-compatible / reserved'],
    ['fe80::1%eth0', 'private', 'scoped (zone id)'],
    ['fd00::1', 'private', 'uniqueLocal'],
    ['2001:db8::1', 'private', 'reserved'],
    ['4000::1', 'private', 'unallocated'],
    ['2606:4700::1111', 'public', 'public'],
    ['not-an-ip', 'never', 'not an IP address'],
  ];
  for (const [address, verdict, range] of cases) {
    it(`${address} is ${verdict} (${range})`, () => {
      const c = classifyAddress(address);
      assert.equal(c.verdict, verdict);
      assert.equal(c.range, range);
    });
  }
});

describe('canonicalHost', () => {
  it('spells every IPv4 form as dotted decimal and IPv6 compressed', () => {
    assert.deepEqual(canonicalHost('2130706433'), { hostname: '127.0.0.1', ipVersion: 4 });
    assert.deepEqual(canonicalHost('0177.0.0.1'), { hostname: '127.0.0.1', ipVersion: 4 });
    assert.deepEqual(canonicalHost('[0:0::FFFF:7F00:1]'), { hostname: '::ffff:7f00:1', ipVersion: 6 });
    assert.deepEqual(canonicalHost('Example.COM'), { hostname: 'example.com', ipVersion: 0 });
  });
  it('refuses what is not a bare host', () => {
    for (const bad of ['', 'a/b', 'a@b', 'a b', 'example.com:80', 'fe80::1%eth0', 'a#b'])
      assert.throws(() => canonicalHost(bad), { code: 'SSRF_BLOCKED' }, bad);
  });
});
