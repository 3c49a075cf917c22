/**
 * The permission checker: deny by default, revocations win, `--allow-all` allows (and says so). Every
 * decision is written to the audit trace before it is answered; an allowed check returns a proof that
 * the operation needs, a denied one throws the program's PermissionError.
 */
import type { Trace } from '../audit/trace.ts';
import { type Capability, type Denial, permissionError } from './denial.ts';
import { envAllowed } from './env-rules.ts';
import { ACCESS_NAMES, type FsAccess, fsAllowed, modeFor } from './fs-rules.ts';
import { matchingPattern, type NetPattern, type NetTarget } from './net-rules.ts';
import { type ResolvedGrants, resolveProgram } from './resolve-grants.ts';
import type { Request, RevocationState } from './revocations.ts';

declare const proof: unique symbol;
/** A path the checker allowed for one kind of access; only the checker makes one. */
export type CheckedPath = { readonly [proof]: 'fs'; readonly path: string; readonly access: FsAccess };
/** A network target the checker allowed; `privateAllowed` when the grant named a private address itself. */
export type CheckedHost = {
  readonly [proof]: 'net';
  readonly target: NetTarget;
  readonly privateAllowed: boolean;
};
export type CheckedProgram = { readonly [proof]: 'run'; readonly path: string };

export interface CheckerOptions {
  grants: ResolvedGrants;
  trace: Trace;
  revocations: RevocationState;
  agent: string;
  /** Env keys the program may always read (a button's own args and batteries). */
  implicitEnv?: ((key: string) => boolean) | undefined;
  pathEnv: string | undefined;
}

export class Checker {
  readonly grants: ResolvedGrants;
  readonly agent: string;
  private readonly options: CheckerOptions;

  constructor(options: CheckerOptions) {
    this.options = options;
    this.grants = options.grants;
    this.agent = options.agent;
  }

  get revocations(): RevocationState {
    return this.options.revocations;
  }

  fs(path: string, access: FsAccess): CheckedPath {
    const allowed = fsAllowed(this.grants.fs, path, access);
    this.decide({ cap: 'fs', path }, allowed, {
      capability: 'fs',
      resource: path,
      access: ACCESS_NAMES[access],
      flag: `--allow-fs=${path}:${modeFor(access)}`,
    });
    return { path, access } as unknown as CheckedPath;
  }

  net(target: NetTarget): CheckedHost {
    const pattern: NetPattern | undefined = matchingPattern(this.grants.net, target);
    const hostPort = `${target.ipVersion === 6 ? `[${target.host}]` : target.host}:${target.port}`;
    this.decide({ cap: 'net', net: target }, pattern !== undefined, {
      capability: 'net',
      resource: hostPort,
      flag: `--allow-net=${target.ipVersion === 6 ? `[${target.host}]` : target.host}`,
    });
    return { target, privateAllowed: pattern?.literal === true } as unknown as CheckedHost;
  }

  env(key: string): void {
    const implicit = this.options.implicitEnv?.(key) === true;
    this.decide({ cap: 'env', key }, implicit || envAllowed(this.grants.env, key), {
      capability: 'env',
      resource: key,
      flag: `--allow-env=${key}`,
    });
  }

  /** One check for "list the env": the answer is filtered to the keys the grants allow. */
  envList(): (key: string) => boolean {
    this.decide(
      { cap: 'env', key: '*' },
      true,
      { capability: 'env', resource: '*', flag: undefined },
      'filtered to granted keys',
    );
    return (key) =>
      this.grants.all || this.options.implicitEnv?.(key) === true || envAllowed(this.grants.env, key);
  }

  run(program: string): CheckedProgram {
    const path = resolveProgram(program, this.options.pathEnv) ?? program;
    const allowed = this.grants.run.has(path);
    this.decide({ cap: 'run', program: { path, name: program } }, allowed, {
      capability: 'run',
      resource: program,
      flag: `--allow-run=${program}`,
    });
    return { path } as unknown as CheckedProgram;
  }

  press(button: string): void {
    this.decide({ cap: 'press', key: button }, this.grants.press.includes(button), {
      capability: 'press',
      resource: button,
      flag: `--allow-press=${button}`,
    });
  }

  /** Records a decision made elsewhere (spawn subsumption) as one check; throws when denied. */
  record(capability: Capability, resource: string, allowed: boolean, reason?: string): void {
    this.decide(
      { cap: capability as Request['cap'] },
      allowed,
      { capability, resource, flag: undefined, reason },
      reason,
      true,
    );
  }

  private decide(request: Request, granted: boolean, denial: Denial, note?: string, exact = false): void {
    const generation = this.options.revocations.refresh();
    const revoked = this.options.revocations.revokedBy(request);
    let allowed = exact ? granted : granted || this.grants.all;
    let reason = note;
    if (revoked) {
      allowed = false;
      reason = `revoked by \`buttons revoke\` (generation ${revoked.generation})`;
    } else if (this.options.trace.full) {
      // Nothing more can be audited: fail closed.
      allowed = false;
      reason = 'the audit trace is full';
    } else if (allowed && !granted) reason = 'allow-all';
    this.options.trace.write({
      type: 'check',
      agent: this.agent,
      cap: denial.capability,
      ...(denial.access ? { access: denial.access } : {}),
      resource: denial.resource,
      decision: allowed ? 'allow' : 'deny',
      gen: generation,
      ...(reason ? { reason } : {}),
    });
    if (!allowed) {
      throw permissionError(
        revoked || this.options.trace.full ? { ...denial, reason, flag: undefined } : denial,
      );
    }
  }
}
