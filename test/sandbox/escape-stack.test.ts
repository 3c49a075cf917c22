// Escape family: Error.prepareStackTrace, CallSite objects and stack text from errors that crossed the bridge.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertNoEscape, type EscapeEnv, escapeEnv } from './escape-harness.ts';

const HOST_PATH = /\/src\/sandbox\/|node:internal|isolated-vm|node_modules/;

const PROGRAMS: readonly [string, string][] = [
  [
    'prepareStackTrace on an error thrown by a host call',
    `import * as fs from 'buttons:fs';
     Error.stackTraceLimit = Infinity;
     Error.prepareStackTrace = (e, frames) => { for (const f of frames) { for (const m of ['getThis', 'getFunction', 'getTypeName', 'getEvalOrigin']) { try { tryHost(m, f[m]()); } catch {} } } return frames.map((f) => String(f.getFileName())).join('|'); };
     try { await fs.readFile(CANARY_FILE); } catch (e) { console.log('STACK', e.stack); }`,
  ],
  [
    'prepareStackTrace on an async rejection delivered by the host',
    `Error.prepareStackTrace = (e, frames) => { frames.forEach((f) => tryHost('async', f.getThis?.())); return 'x'; };
     try { await fetch('http://127.0.0.1:' + PORT + '/'); } catch (e) { console.log('STACK', e.stack); }`,
  ],
  [
    'Error.captureStackTrace with a host function as the constructor opt',
    `import { readFile } from 'buttons:fs';
     const o = {}; Error.captureStackTrace(o, readFile); console.log('STACK', o.stack);
     Error.prepareStackTrace = (_e, frames) => frames.map((f) => { tryHost('cap', f.getFunction?.()); return ''; });
     try { JSON.parse('{'); } catch (e) { e.stack; }`,
  ],
  [
    'stack text of a PermissionError and of a limit error',
    `import * as env from 'buttons:env';
     try { env.get('ESCAPE_CANARY'); } catch (e) { console.log('STACK', e.stack, Object.keys(e)); }
     try { await Bua.tools.call('no-such-tool', {}); } catch (e) { console.log('STACK', e.stack); }`,
  ],
];

describe('escapes: stack traces', () => {
  let env: EscapeEnv;
  before(async () => {
    env = await escapeEnv();
  });
  after(() => env.close());
  for (const [name, code] of PROGRAMS) {
    it(`${name}: reaches nothing and shows no host frames`, async () => {
      const r = await assertNoEscape(env, code);
      assert.match(r.stdout, /STACK/);
      assert.doesNotMatch(r.stdout, HOST_PATH);
    });
  }

  it('the uncaught error the host reports carries no host frames', async () => {
    const r = await assertNoEscape(env, "import * as fs from 'buttons:fs'; await fs.readFile(CANARY_FILE);");
    assert.equal(r.outcome.kind, 'error');
    assert.doesNotMatch((r.outcome as { stack: string }).stack, HOST_PATH);
  });

  it('the harness itself notices an escape (a program printing the marker fails it)', async () => {
    await assert.rejects(assertNoEscape(env, "console.log('ESCAPED pretend')"), /no host object was reached/);
  });
});
