/** The PermissionError a program sees: which capability, which resource, and the flag that would allow it. */
import { GuestError } from '../engine/replies.ts';

export const Capability = {
  fs: 'fs',
  net: 'net',
  run: 'run',
  env: 'env',
  press: 'press',
  spawn: 'spawn',
} as const;
export type Capability = (typeof Capability)[keyof typeof Capability];

const WHAT: Readonly<Record<Capability, string>> = {
  fs: 'file access to',
  net: 'network access to',
  run: 'running',
  env: 'reading env var',
  press: 'pressing button',
  spawn: 'spawning agent',
};

export interface Denial {
  capability: Capability;
  resource: string;
  /** The flag that would allow it (`--allow-fs=/data:r`), or undefined when no flag can (revoked, refused). */
  flag: string | undefined;
  /** Why, when it is not simply "not granted": revoked, outside parent's grants, private address… */
  reason?: string | undefined;
  /** A more precise verb for file access: read, write, create, delete. */
  access?: string | undefined;
}

export function denialMessage(d: Denial): string {
  const what = d.capability === 'fs' && d.access ? `${d.access} access to` : WHAT[d.capability];
  const why = d.reason ? `: ${d.reason}` : '';
  const fix = d.flag ? `; allow it with ${d.flag}` : '';
  return `${what} ${JSON.stringify(d.resource)} denied${why}${fix}`;
}

export function permissionError(d: Denial): GuestError {
  return new GuestError({
    name: 'PermissionError',
    message: denialMessage(d),
    code: 'PERMISSION_DENIED',
    capability: d.capability,
    resource: d.resource,
    ...(d.flag === undefined ? {} : { flag: d.flag }),
  });
}
