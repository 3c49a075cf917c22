/**
 * Capability grants, shared by `buttons run`, sandboxed JS/TS buttons and OS-isolated script buttons.
 * Parsing is pure: the caller supplies the working directory; resolving programs and symlinks is the
 * sandbox's job at the edge.
 */
import { ButtonsError, ErrorCode } from './errors.ts';

export const FsMode = { r: 'r', rw: 'rw', rwcd: 'rwcd' } as const;
export type FsMode = (typeof FsMode)[keyof typeof FsMode];

export interface FsGrant {
  path: string;
  mode: FsMode;
}

export interface Grants {
  fs: FsGrant[];
  /** Host patterns: `host`, `host:port`, `*.example.com`, `*`. */
  net: string[];
  /** Programs as given; resolved to absolute paths when granted. */
  run: string[];
  /** Env keys or `PREFIX_*`; `*` means every key. */
  env: string[];
  /** Button names the code may press as tools. */
  press: string[];
  all: boolean;
}

export function emptyGrants(): Grants {
  return { fs: [], net: [], run: [], env: [], press: [], all: false };
}

export const GRANT_FLAGS = [
  'allow-fs',
  'allow-net',
  'allow-run',
  'allow-env',
  'allow-press',
  'allow-all',
] as const;
export type GrantFlag = (typeof GRANT_FLAGS)[number];

export interface GrantInput {
  flag: GrantFlag;
  /** undefined for a bare flag (`--allow-env`, `--allow-all`). */
  value: string | undefined;
}

function bad(flag: string, value: string, rule: string): ButtonsError {
  return new ButtonsError(ErrorCode.VALIDATION_ERROR, `--${flag}=${value}: ${rule}`);
}

function joinPath(cwd: string, path: string): string {
  if (path.startsWith('/')) return path;
  return `${cwd.replace(/\/+$/, '')}/${path}`;
}

/** Normalises `.`/`..`/duplicate slashes lexically; symlinks are resolved later, at every access. */
export function normalisePath(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

function parseFs(value: string, cwd: string): FsGrant {
  const match = /^(.*?)(?::(r|rw|rwcd))?$/.exec(value);
  const path = match?.[1] ?? '';
  if (path === '') throw bad('allow-fs', value, 'give a path, optionally followed by :r, :rw or :rwcd');
  if (path.includes('\0')) throw bad('allow-fs', value, 'paths may not contain NUL');
  return { path: normalisePath(joinPath(cwd, path)), mode: (match?.[2] as FsMode | undefined) ?? 'r' };
}

const HOST_PATTERN = /^(\*|(\*\.)?[a-z0-9_-]+(\.[a-z0-9_-]+)*\.?|\[[0-9a-f:.]+\])(:\d{1,5})?$/i;

function parseNet(value: string): string {
  if (!HOST_PATTERN.test(value)) throw bad('allow-net', value, 'expected HOST, HOST:PORT, *.DOMAIN or *');
  const portText = /:(\d+)$/.exec(value)?.[1];
  if (portText !== undefined && (Number(portText) < 1 || Number(portText) > 65535)) {
    throw bad('allow-net', value, 'port must be 1-65535');
  }
  return value.toLowerCase().replace(/\.(?=:|$)/, '');
}

const ENV_PATTERN = /^(\*|[A-Za-z_][A-Za-z0-9_]*\*?)$/;

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}

/** Builds Grants from flags in order; repeatable flags and comma lists accumulate. */
export function parseGrants(inputs: readonly GrantInput[], cwd: string): Grants {
  const grants = emptyGrants();
  for (const { flag, value } of inputs) {
    if (flag === 'allow-all') {
      grants.all = true;
      continue;
    }
    if (flag === 'allow-env' && (value === undefined || value === '')) {
      grants.env.push('*');
      continue;
    }
    if (value === undefined || value === '') throw bad(flag, '', 'a value is required');
    // A path may legitimately contain commas; fs grants are therefore one per flag.
    const items = flag === 'allow-fs' ? [value] : splitList(value);
    for (const item of items) {
      switch (flag) {
        case 'allow-fs':
          grants.fs.push(parseFs(item, cwd));
          break;
        case 'allow-net':
          grants.net.push(parseNet(item));
          break;
        case 'allow-run':
          if (item.includes('\0')) throw bad(flag, item, 'program may not contain NUL');
          grants.run.push(item);
          break;
        case 'allow-env':
          if (!ENV_PATTERN.test(item)) throw bad(flag, item, 'expected KEY, PREFIX_* or *');
          grants.env.push(item);
          break;
        case 'allow-press':
          if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(item)) throw bad(flag, item, 'expected a button name');
          grants.press.push(item);
          break;
      }
    }
  }
  return grants;
}

export function hasAnyGrant(grants: Grants): boolean {
  return (
    grants.all ||
    grants.fs.length + grants.net.length + grants.run.length + grants.env.length + grants.press.length > 0
  );
}
