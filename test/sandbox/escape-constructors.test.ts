// Escape family: constructor chains and eval in every form, aimed at the host's Function, process and require.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertNoEscape, type EscapeEnv, escapeEnv } from './escape-harness.ts';

const PROGRAMS: readonly [string, string][] = [
  [
    'this.constructor.constructor',
    "tryHost('ctor', this?.constructor?.constructor); tryHost('ctor2', ({}).constructor.constructor);",
  ],
  [
    'Function("return this")()',
    "const g = Function('return this')(); tryHost('fn-this', g); console.log(typeof g.process?.mainModule, typeof g.require);",
  ],
  [
    'constructor chain of every global function',
    "for (const k of Reflect.ownKeys(globalThis)) { try { const v = globalThis[k]; tryHost(String(k), v); tryHost(String(k) + '.ctor', v?.constructor?.constructor); } catch {} }",
  ],
  [
    'constructor chain of the runtime functions handed in',
    "import * as fs from 'buttons:fs'; import * as tools from 'buttons:tools'; for (const f of [fs.readFile, tools.call, console.log, setTimeout, fetch, Bua.env.get]) tryHost(f.name, f.constructor);",
  ],
  [
    'async, generator and async generator Function constructors',
    "for (const f of [async function () {}, function* () {}, async function* () {}]) { const C = f.constructor; try { tryHost('ctor', C('return process')); } catch {} }",
  ],
  [
    'direct eval',
    'eval(\'tryHost("eval", typeof process !== "undefined" ? process : undefined)\'); console.log(eval(\'typeof require\'));',
  ],
  [
    'indirect eval',
    "const ev = eval; tryHost('indirect', ev('this')); console.log((0, eval)('typeof module'));",
  ],
  ['new Function with a body', "tryHost('newfn', new Function('return (function(){ return this })()')());"],
  ['string timers', 'setTimeout(\'tryHost("str", this)\', 1); setInterval && setTimeout(() => {}, 5);'],
  [
    'our process object',
    "tryHost('process', process); console.log(typeof process.binding, typeof process.dlopen, typeof process.mainModule, typeof process.getBuiltinModule);",
  ],
  [
    'the Bua global and module registry',
    "tryHost('Bua', Bua); tryHost('registry', globalThis[Symbol.for('buttons.modules')]);",
  ],
];

describe('escapes: constructor chains and eval', () => {
  let env: EscapeEnv;
  before(async () => {
    env = await escapeEnv();
  });
  after(() => env.close());
  for (const [name, code] of PROGRAMS) {
    it(`${name}: reaches nothing of the host`, async () => {
      const r = await assertNoEscape(env, code);
      assert.notEqual(r.outcome.kind, 'limit');
    });
  }
});
