// Escape family: Proxy/Reflect on values handed in or out, Symbol.species, thenables and async iterators around host promises.
import { after, before, describe, it } from 'node:test';
import { assertNoEscape, type EscapeEnv, escapeEnv } from './escape-harness.ts';

const PROGRAMS: readonly [string, string][] = [
  [
    'Proxy arguments to host calls',
    `import * as fs from 'buttons:fs'; import * as tools from 'buttons:tools';
     let inside = false;
     const once = (label, x) => { if (inside) return; inside = true; try { tryHost(label, x); } finally { inside = false; } };
     const trap = new Proxy({}, { get: (t, k, recv) => { once('get-recv', recv); return k === Symbol.toPrimitive ? () => CANARY_FILE : undefined; }, ownKeys: (t) => { once('keys', t); return []; } });
     for (const f of [() => fs.readFile(trap), () => tools.call('bua_read_file', trap), () => fetch(trap), () => Bua.memory.set('k', trap)]) { try { await f(); } catch (e) { console.log(e.name); } }`,
  ],
  [
    'Reflect on the runtime objects',
    `for (const o of [Bua, Bua.tools, Bua.env, process, console, globalThis]) {
       for (const k of Reflect.ownKeys(o)) { try { const d = Reflect.getOwnPropertyDescriptor(o, k); tryHost(String(k), d?.get ?? d?.value); } catch {} }
       tryHost('proto', Reflect.getPrototypeOf(o));
     }`,
  ],
  [
    'Symbol.species on the promises the host resolves',
    `class Evil extends Promise { constructor(ex) { super(ex); tryHost('species-ctor', ex); } static get [Symbol.species]() { tryHost('species', this); return Promise; } }
     Object.defineProperty(Promise, Symbol.species, { get() { tryHost('species-get', this); return Evil; } });
     const p = Bua.tools.list(); p.then((v) => tryHost('then', v)); await p;`,
  ],
  [
    'a hijacked Promise.prototype.then while host results arrive',
    `const orig = Promise.prototype.then;
     Promise.prototype.then = function (a, b) { tryHost('then-this', this); tryHost('then-a', a); return orig.call(this, a, b); };
     try { await fetch('http://127.0.0.1:' + PORT); } catch {}
     await Bua.tools.list(); await new Promise((r) => setTimeout(r, 1));`,
  ],
  [
    'thenables handed to the host',
    `const thenable = { then(resolve) { tryHost('thenable', resolve); resolve(1); } };
     for (const f of [() => Bua.tools.call('bua_read_file', thenable), () => Bua.memory.set('t', thenable), () => Bua.agent.spawn(thenable)]) { try { await f(); } catch (e) { console.log(e.name); } }`,
  ],
  [
    'async iterators over host results',
    `Object.defineProperty(Array.prototype, Symbol.asyncIterator, { value: async function* () { tryHost('iter-this', this); for (const x of this) yield x; } });
     for await (const t of await Bua.tools.list()) tryHost('tool', t);`,
  ],
  [
    'getters on the objects the host returns',
    `Object.defineProperty(Object.prototype, 'status', { set(v) { tryHost('setter', this); }, configurable: true });
     const l = await Bua.tools.list(); tryHost('list', l); for (const t of l) tryHost('schema', t.input_schema);`,
  ],
];

describe('escapes: proxies, Reflect and promises', () => {
  let env: EscapeEnv;
  before(async () => {
    env = await escapeEnv();
  });
  after(() => env.close());
  for (const [name, code] of PROGRAMS) {
    it(`${name}: reaches nothing of the host`, async () => {
      await assertNoEscape(env, code);
    });
  }
});
