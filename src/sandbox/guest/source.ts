/**
 * Assembles the guest runtime into one function of the host call (and, for an isolate prepared for a
 * known run, its configuration). It returns the control function the host keeps a reference to:
 * `('configure', json)` when a run takes a spare isolate, `('settle', id, json)` to deliver an async
 * result.
 */
import { installAgent } from './agent.ts';
import { installConsole } from './console.ts';
import { guestCore } from './core.ts';
import { installCrypto } from './crypto.ts';
import { installEncoding } from './encoding.ts';
import { installFetch } from './fetch.ts';
import { installGlobals } from './globals.ts';
import { installHardening } from './hardening.ts';
import { installModules } from './modules.ts';
import { installTimers } from './timers.ts';
import { installUrl } from './url.ts';

const INSTALLERS = [
  installHardening,
  installConsole,
  installTimers,
  installEncoding,
  installUrl,
  installCrypto,
  installFetch,
  installModules,
  installAgent,
  installGlobals,
];

let cached: string | undefined;

export function guestRuntimeSource(): string {
  cached ??= [
    '(function (host, config) {',
    // Strict: no function of the runtime hands out its callers or arguments (`fn.caller`, `fn.arguments`).
    "'use strict';",
    `const rt = (${guestCore.toString()})(host);`,
    ...INSTALLERS.map((install) => `(${install.toString()})(rt);`),
    'if (config !== undefined) rt.configure(config);',
    "return (kind, a, b) => (kind === 'settle' ? rt.settle(a, b) : rt.configure(a));",
    '})',
  ].join('\n');
  return cached;
}
