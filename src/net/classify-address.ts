/**
 * Classifies one IP address for the SSRF guard. Deny by default: only global unicast is public;
 * IPv6 forms that carry an IPv4 address (mapped, translated, NAT64, 6to4) are judged by that address.
 */
import ipaddr from 'ipaddr.js';

/** `public`: reachable; `private`: refused unless private networks are allowed; `never`: always refused. */
export type AddressVerdict = 'public' | 'private' | 'never';

export interface AddressClass {
  verdict: AddressVerdict;
  /** Why, in words: "loopback", "IPv4-mapped loopback", "documentation"… */
  range: string;
  /** The canonical spelling (dotted decimal / compressed IPv6), safe to hand to a socket as-is. */
  address: string;
}

// Never valid unicast TCP destinations; 0.0.0.0 even reaches local services on Linux.
const NEVER = new Set(['unspecified', 'multicast', 'broadcast']);

// Finer names than ipaddr.js's catch-all "reserved", so refusals say what the range is for.
const IPV4_NAMES: readonly [string, number, string][] = [
  ['192.0.2.0', 24, 'documentation'],
  ['198.51.100.0', 24, 'documentation'],
  ['203.0.113.0', 24, 'documentation'],
  ['198.18.0.0', 15, 'benchmarking'],
  ['192.0.0.0', 24, 'IETF protocol assignments'],
  ['192.88.99.0', 24, '6to4 relay anycast'],
  ['240.0.0.0', 4, 'reserved'],
];

function classifyV4(ip: ipaddr.IPv4): AddressClass {
  const address = ip.toString();
  const range = ip.range();
  if (range === 'unicast') return { verdict: 'public', range: 'public', address };
  const named =
    range === 'reserved'
      ? IPV4_NAMES.find(([base, bits]) => ip.match(ipaddr.IPv4.parse(base), bits))
      : undefined;
  const label = named?.[2] ?? range;
  return { verdict: NEVER.has(range) ? 'never' : 'private', range: label, address };
}

/** The IPv4 address an IPv6 form carries, with the name of the form; undefined when it carries none. */
function embeddedV4(ip: ipaddr.IPv6): { v4: ipaddr.IPv4; form: string } | undefined {
  const p = ip.parts;
  const low = (hi: number, lo: number) => new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
  switch (ip.range()) {
    case 'ipv4Mapped':
      return { v4: low(p[6]!, p[7]!), form: 'IPv4-mapped' };
    case 'rfc6145':
      return { v4: low(p[6]!, p[7]!), form: 'IPv4-translated' };
    case 'rfc6052':
      // Only the well-known 64:ff9b::/96 prefix embeds an address we can judge; 64:ff9b:1::/48 is local use.
      return p[2] === 0 ? { v4: low(p[6]!, p[7]!), form: 'NAT64' } : undefined;
    case '6to4':
      return { v4: low(p[1]!, p[2]!), form: '6to4' };
    default:
      return undefined;
  }
}

function classifyV6(ip: ipaddr.IPv6): AddressClass {
  const address = ip.toString();
  if (ip.zoneId !== undefined) return { verdict: 'private', range: 'scoped (zone id)', address };
  const embedded = embeddedV4(ip);
  if (embedded) {
    const inner = classifyV4(embedded.v4);
    if (inner.verdict === 'public') return { verdict: 'public', range: `${embedded.form} public`, address };
    return { verdict: inner.verdict, range: `${embedded.form} ${inner.range}`, address };
  }
  const range = ip.range();
  if (NEVER.has(range)) return { verdict: 'never', range, address };
  if (range === 'rfc6052') return { verdict: 'private', range: 'local-use NAT64', address };
  // ::/8 outside the forms above is IPv4-compatible (deprecated) or reserved.
  if (range === 'unicast' && (ip.parts[0] ?? 0) >> 8 === 0)
    return { verdict: 'private', range: 'IPv4-compatible / reserved', address };
  // Global unicast is 2000::/3; everything outside it is not routable on the internet.
  const global = ip.match(ipaddr.IPv6.parse('2000::'), 3);
  if (range === 'unicast' && global) return { verdict: 'public', range: 'public', address };
  return { verdict: 'private', range: range === 'unicast' ? 'unallocated' : range, address };
}

/** Classifies an address in any spelling ipaddr.js reads; anything that is not an address is refused. */
export function classifyAddress(text: string): AddressClass {
  let ip: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    ip = ipaddr.parse(text);
  } catch {
    return { verdict: 'never', range: 'not an IP address', address: text };
  }
  return ip.kind() === 'ipv4' ? classifyV4(ip as ipaddr.IPv4) : classifyV6(ip as ipaddr.IPv6);
}
