// Escape family: WebAssembly, SharedArrayBuffer/Atomics and buffers the memory limit cannot see.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertNoEscape, type EscapeEnv, escapeEnv } from './escape-harness.ts';

const PROGRAMS: readonly [string, string][] = [
  [
    'WebAssembly is not there to compile anything',
    "console.log(typeof WebAssembly, Reflect.ownKeys(globalThis).includes('WebAssembly')); try { new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])); } catch (e) { console.log(e.name); }",
  ],
  [
    'WebAssembly cannot be found again through other objects',
    "for (const o of [Object, Function, Reflect, globalThis.Intl, Atomics]) tryHost('w', o?.WebAssembly); console.log(typeof (Function('return this')()).WebAssembly);",
  ],
  [
    'SharedArrayBuffer handed to the host is copied, not shared',
    "const sab = new SharedArrayBuffer(16); const view = new Int32Array(sab); for (const f of [() => Bua.memory.set('s', sab), () => Bua.tools.call('bua_read_file', { path: sab }), () => Bua.agent.spawn({ entrypoint: './next.js', input: sab })]) { try { await f(); } catch (e) { console.log(e.name); } } Atomics.store(view, 0, 1); console.log(Atomics.load(view, 0));",
  ],
  [
    'Atomics.wait and waitAsync inside the isolate',
    'const v = new Int32Array(new SharedArrayBuffer(8)); console.log(Atomics.wait(v, 0, 1, 10)); const w = Atomics.waitAsync(v, 0, 0, 10); console.log(typeof w.value, await w.value);',
  ],
  [
    'the original ArrayBuffer constructor is out of reach',
    "const found = new Set(); for (const o of [ArrayBuffer, new Uint8Array(1).buffer, Object.getPrototypeOf(new Uint8Array(1).buffer), SharedArrayBuffer.prototype]) { found.add(o.constructor); found.add(Object.getPrototypeOf(o)); } for (const C of found) { try { const b = new C(8, { maxByteLength: 1 << 30 }); if (b.resizable || b.growable) console.log('ESCAPED resizable'); } catch {} } console.log(typeof ArrayBuffer.prototype.resize, typeof SharedArrayBuffer.prototype.grow);",
  ],
];

describe('escapes: memory and WebAssembly', () => {
  let env: EscapeEnv;
  before(async () => {
    env = await escapeEnv();
    env.tmp.file('next.js', '1;');
  });
  after(() => env.close());
  for (const [name, code] of PROGRAMS) {
    it(`${name}`, async () => {
      const r = await assertNoEscape(env, code);
      assert.notEqual(r.outcome.kind, 'limit', JSON.stringify(r.outcome));
    });
  }
});
