/**
 * The escape harness: every escape program runs with a canary file, a canary env var, a marker file a
 * started process would create and a loopback server counting connections. After each run it asserts
 * that none of them was reached, that the host's own prototypes are intact, and that the host still runs
 * the next program.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { type RunResult, runIn, type TempDir, tempDir } from './helpers.ts';

export const CANARY_TEXT = 'ESCAPE-CANARY-FILE-c0ffee';
export const CANARY_ENV = 'ESCAPE-CANARY-ENV-d00d';

export interface EscapeEnv {
  tmp: TempDir;
  canaryFile: string;
  marker: string;
  port: number;
  connections(): number;
  close(): void;
}

export async function escapeEnv(): Promise<EscapeEnv> {
  const tmp = tempDir('sandbox-escape-');
  const canaryFile = tmp.file('secret/canary.txt', CANARY_TEXT);
  let connections = 0;
  const server: Server = createServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    tmp,
    canaryFile,
    marker: join(tmp.dir, 'MARKER'),
    port: (server.address() as AddressInfo).port,
    connections: () => connections,
    close() {
      server.close();
      tmp.cleanup();
    },
  };
}

/**
 * Guest-side helper each escape program gets: given anything that might be a host object (a host
 * `process`, `require`, `Function`), it tries to read the canary, start a process, connect and read the
 * env — printing ESCAPED if any of it works.
 */
export function prelude(env: EscapeEnv): string {
  return `
const CANARY_FILE = ${JSON.stringify(env.canaryFile)};
const MARKER = ${JSON.stringify(env.marker)};
const PORT = ${env.port};
function tryHost(label, candidate) {
  const seen = [];
  const probe = (x) => {
    if (x === null || x === undefined || seen.includes(x) || seen.length > 50) return;
    seen.push(x);
    try {
      if (typeof x === 'function') {
        for (const src of ['return process', 'return this', 'return globalThis.process', 'return require']) {
          try { probe(x(src)()); } catch {}
          try { probe(x.call(null, src)); } catch {}
        }
      }
      if (typeof x !== 'object' && typeof x !== 'function') return;
      const req = (() => { try { return x.mainModule?.require ?? x.getBuiltinModule ?? (typeof x.require === 'function' ? x.require : undefined) ?? (x.name === 'require' ? x : undefined); } catch { return undefined; } })();
      if (req) {
        try { console.log('ESCAPED fs', label, req('fs').readFileSync(CANARY_FILE, 'utf8')); } catch {}
        try { req('child_process').execFileSync('touch', [MARKER]); console.log('ESCAPED process', label); } catch {}
        try { req('net').connect(PORT, '127.0.0.1'); console.log('ESCAPED net', label); } catch {}
      }
      try { if (typeof x.binding === 'function') { console.log('ESCAPED binding', label, typeof x.binding('fs')); } } catch {}
      try { const v = x.env && x.env.ESCAPE_CANARY; if (typeof v === 'string') console.log('ESCAPED env', label, v); } catch {}
      try { probe(x.process); } catch {}
      try { probe(x.constructor); } catch {}
    } catch {}
  };
  probe(candidate);
}
`;
}

const HOST_PROTOS = () =>
  [
    Object.prototype,
    Array.prototype,
    Function.prototype,
    Promise.prototype,
    String.prototype,
    Error.prototype,
    JSON,
  ].map((o) => Reflect.ownKeys(o).map(String).sort().join(','));
const BEFORE = HOST_PROTOS();

export async function assertNoEscape(
  env: EscapeEnv,
  code: string,
  grants: string[] = [],
): Promise<RunResult> {
  const before = env.connections();
  const r = await runIn(env.tmp.dir, `${prelude(env)}\n${code}`, {
    grants,
    env: { PATH: process.env.PATH, ESCAPE_CANARY: CANARY_ENV },
    limits: { timeoutMs: 3000, memoryMib: 32 },
    name: 'escape.js',
  });
  const everything = `${r.stdout}\n${r.stderr}\n${JSON.stringify(r.outcome)}\n${JSON.stringify(r.trace)}`;
  assert.doesNotMatch(everything, /ESCAPED/, 'no host object was reached');
  assert.ok(!everything.includes(CANARY_TEXT), 'the canary file was not read');
  assert.ok(!everything.includes(CANARY_ENV), 'the canary env var was not seen');
  assert.equal(existsSync(env.marker), false, 'no process was started');
  assert.equal(env.connections(), before, 'no connection was made');
  assert.deepEqual(HOST_PROTOS(), BEFORE, "the host's prototypes are intact");
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  const next = await runIn(env.tmp.dir, "console.log('alive')", { name: 'next.js' });
  assert.equal(next.stdout, 'alive\n', 'the host runs the next program');
  return r;
}
