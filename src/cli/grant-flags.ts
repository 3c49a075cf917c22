/**
 * Pulls capability flags (`--allow-fs=…`, `--allow-env`, …) out of argv before the command parser sees
 * them: they repeat, take optional values and keep their order, which is simpler to read off directly.
 */
import { ButtonsError, ErrorCode } from '../core/errors.ts';
import { GRANT_FLAGS, type GrantFlag, type GrantInput } from '../core/grants.ts';

/** Flags whose value is optional: a bare `--allow-env` grants every key, `--allow-all` takes none. */
const OPTIONAL_VALUE: ReadonlySet<GrantFlag> = new Set(['allow-env', 'allow-all']);

export function extractGrantFlags(argv: readonly string[]): { rest: string[]; grants: GrantInput[] } {
  const rest: string[] = [];
  const grants: GrantInput[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (token === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    const match = /^--(allow-[a-z]+)(?:=(.*))?$/s.exec(token);
    const flag = match?.[1] as GrantFlag | undefined;
    if (!match || !flag || !(GRANT_FLAGS as readonly string[]).includes(flag)) {
      rest.push(token);
      continue;
    }
    let value = match[2];
    if (flag === 'allow-all') {
      if (value !== undefined) throw new ButtonsError(ErrorCode.USAGE, '--allow-all takes no value');
    } else if (value === undefined && !OPTIONAL_VALUE.has(flag)) {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('-')) {
        throw new ButtonsError(ErrorCode.USAGE, `--${flag} needs a value, e.g. --${flag}=${example(flag)}`);
      }
      value = next;
      i++;
    }
    grants.push({ flag, value });
  }
  return { rest, grants };
}

function example(flag: GrantFlag): string {
  switch (flag) {
    case 'allow-fs':
      return './data:rw';
    case 'allow-net':
      return 'api.example.com';
    case 'allow-run':
      return 'git';
    case 'allow-press':
      return 'deploy';
    default:
      return 'KEY';
  }
}

export const GRANT_HELP = `
Capability grants (repeatable; comma lists allowed except for paths):
  --allow-fs=PATH[:r|rw|rwcd]   files under PATH (whole components; default r)
  --allow-net=HOST[:PORT]       hosts; *.example.com matches subdomains only, * any public host
  --allow-run=PROGRAM           programs, resolved on PATH when granted
  --allow-env[=KEY,PREFIX_*]    env vars (bare: all of them)
  --allow-press=BUTTON          buttons the code may press as tools
  --allow-all                   everything (marked loudly in the trace)`;
