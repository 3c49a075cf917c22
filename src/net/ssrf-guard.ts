/**
 * The SSRF guard: turns a host into one vetted address, or refuses. A name is resolved once; if any
 * address it answers is blocked the whole host is refused (a name cannot smuggle one private address in
 * among public ones); the connection then goes to the vetted address only, never to a second lookup.
 * Used by HTTP buttons, the sandbox's fetch and every other outbound path.
 */
import { ButtonsError, ErrorCode } from '../core/errors.ts';
import { canonicalHost } from './canonical-host.ts';
import { classifyAddress } from './classify-address.ts';
import { type ResolvedAddress, type Resolver, systemResolver } from './resolver.ts';

export interface GuardOptions {
  /** Lift the guard for private, loopback, link-local… (never for unspecified, multicast, broadcast). */
  allowPrivate: boolean;
  resolver?: Resolver | undefined;
  signal?: AbortSignal | undefined;
}

declare const vetted: unique symbol;

/** A host that passed the guard; only vetHost makes one. */
export interface VettedHost {
  readonly [vetted]: true;
  /** The canonical hostname that was asked for (what TLS checks the certificate against). */
  readonly hostname: string;
  /** The one address to connect to: a canonical IP literal, so connecting never looks anything up. */
  readonly address: string;
  readonly family: 4 | 6;
  /** Every address the lookup answered, all of which passed. */
  readonly addresses: readonly string[];
}

export const PRIVATE_NETWORKS_HINT =
  'If this button must reach a private address on purpose, create it with --allow-private-networks (or set BUTTONS_ALLOW_PRIVATE_NETWORKS=1).';

/** True when the environment lifts the guard: BUTTONS_ALLOW_PRIVATE_NETWORKS=1 exactly. */
export function privateNetworksAllowedByEnv(env: Readonly<Record<string, string | undefined>>): boolean {
  return env.BUTTONS_ALLOW_PRIVATE_NETWORKS === '1';
}

async function resolveOnce(hostname: string, options: GuardOptions): Promise<readonly ResolvedAddress[]> {
  const resolver = options.resolver ?? systemResolver;
  try {
    const lookup = resolver(hostname);
    if (!options.signal) return await lookup;
    options.signal.throwIfAborted();
    const aborted = new Promise<never>((_, reject) =>
      options.signal!.addEventListener('abort', () => reject(options.signal!.reason), { once: true }),
    );
    return await Promise.race([lookup, aborted]);
  } catch (error) {
    if (options.signal?.aborted) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? 'lookup failed';
    throw new ButtonsError(ErrorCode.HTTP_ERROR, `cannot resolve host ${hostname} (${code})`);
  }
}

/** Vets a host (name or IP literal in any spelling); resolves it once; throws SSRF_BLOCKED on any blocked address. */
export async function vetHost(host: string, options: GuardOptions): Promise<VettedHost> {
  const { hostname, ipVersion } = canonicalHost(host);
  const answers =
    ipVersion === 0 ? await resolveOnce(hostname, options) : [{ address: hostname, family: ipVersion }];
  if (answers.length === 0) throw new ButtonsError(ErrorCode.HTTP_ERROR, `host ${hostname} has no address`);
  const classes = answers.map((a) => classifyAddress(a.address));
  for (const c of classes) {
    if (c.verdict === 'public' || (c.verdict === 'private' && options.allowPrivate)) continue;
    const via = ipVersion === 0 ? ` (${hostname} resolves to ${c.address})` : '';
    throw new ButtonsError(
      ErrorCode.SSRF_BLOCKED,
      `refused to connect to ${c.address}${via}: ${c.range} addresses are blocked`,
      c.verdict === 'never' ? 'This address is never a valid request target.' : PRIVATE_NETWORKS_HINT,
    );
  }
  const first = classes[0]!;
  return {
    hostname,
    address: first.address,
    family: first.address.includes(':') ? 6 : 4,
    addresses: classes.map((c) => c.address),
  } as unknown as VettedHost;
}
