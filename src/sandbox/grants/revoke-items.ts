/** Parses `CAP[=RESOURCE]` arguments of `buttons revoke` into revocations, with the same rules as grants. */
import { ButtonsError, ErrorCode } from '../../core/errors.ts';
import { normalisePath, parseGrants } from '../../core/grants.ts';
import { REVOCABLE, type RevocableCap } from './revocations.ts';

export interface RevokeItem {
  cap: RevocableCap;
  resource: string | undefined;
}

function bad(item: string, rule: string): ButtonsError {
  return new ButtonsError(
    ErrorCode.VALIDATION_ERROR,
    `${item}: ${rule}`,
    'Give CAP or CAP=RESOURCE, e.g. fs=/data, net=api.example.com, env=TOKEN, all.',
  );
}

export function parseRevokeItem(item: string, cwd: string): RevokeItem {
  const at = item.indexOf('=');
  const cap = (at < 0 ? item : item.slice(0, at)) as RevocableCap;
  const resource = at < 0 ? undefined : item.slice(at + 1);
  if (!(REVOCABLE as readonly string[]).includes(cap))
    throw bad(item, `capability must be one of ${REVOCABLE.join(', ')}`);
  if (resource === undefined) return { cap, resource };
  if (resource === '' || resource.includes('\0')) throw bad(item, 'the resource is empty or contains NUL');
  if (cap === 'all') throw bad(item, '"all" takes no resource');
  if (cap === 'fs')
    return { cap, resource: normalisePath(resource.startsWith('/') ? resource : `${cwd}/${resource}`) };
  // Host patterns, env keys and button names are validated exactly as their grant flags are.
  const flag =
    cap === 'net' ? 'allow-net' : cap === 'env' ? 'allow-env' : cap === 'press' ? 'allow-press' : 'allow-run';
  const parsed = parseGrants([{ flag, value: resource }], cwd);
  const value =
    cap === 'net'
      ? parsed.net[0]
      : cap === 'env'
        ? parsed.env[0]
        : cap === 'press'
          ? parsed.press[0]
          : parsed.run[0];
  return { cap, resource: value ?? resource };
}
