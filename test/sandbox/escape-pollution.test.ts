// Escape family: prototype pollution aimed at the host through everything the program hands it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertNoEscape, type EscapeEnv, escapeEnv } from './escape-harness.ts';

const PROGRAMS: readonly [string, string][] = [
  [
    '__proto__ and constructor keys in every payload',
    `const evil = JSON.parse('{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}, "path": "x", "url": "http://x.test/"}');
     for (const f of [() => Bua.tools.call('bua_read_file', evil), () => Bua.tools.call('bua_http_get', evil), () => Bua.memory.set('__proto__', evil), () => Bua.memory.set('constructor', evil), () => Bua.agent.spawn({ ...evil, entrypoint: './next.js' }), () => fetch('http://x.test/', { headers: evil }), () => Bua.trace.checkpoint('__proto__', evil)]) { try { await f(); } catch (e) { console.log(e.name); } }
     console.log(JSON.stringify(await Bua.memory.get('__proto__')), ({}).polluted);`,
  ],
  [
    'polluting the guest prototypes before host calls',
    `Object.prototype.polluted = 'yes'; Object.prototype.path = CANARY_FILE; Array.prototype.includes = () => true; JSON.parse = () => ({ path: CANARY_FILE }); JSON.stringify = () => '{"path":"' + CANARY_FILE + '"}'; String.prototype.startsWith = () => true;
     for (const f of [() => Bua.tools.call('bua_read_file', {}), () => Bua.fs.readFile('nothing.txt'), () => Bua.env.get('PATH')]) { try { await f(); } catch (e) { console.log(e.name); } }`,
  ],
  [
    'odd env and memory keys',
    "for (const k of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']) { try { console.log(k, typeof Bua.env.get(k)); } catch (e) { console.log(k, e.name); } try { await Bua.memory.set(k, { v: k }); } catch (e) { console.log(e.name); } }",
  ],
  [
    'a deeply nested payload',
    "let v = []; for (let i = 0; i < 200000; i++) v = [v]; try { await Bua.memory.set('deep', v); } catch (e) { console.log(e.name); } try { await Bua.tools.call('bua_read_file', { path: v }); } catch (e) { console.log(e.name); }",
  ],
];

describe('escapes: prototype pollution', () => {
  let env: EscapeEnv;
  before(async () => {
    env = await escapeEnv();
    env.tmp.file('next.js', '1;');
  });
  after(() => env.close());
  for (const [name, code] of PROGRAMS) {
    it(`${name}: the host's objects stay clean`, async () => {
      await assertNoEscape(env, code, ['--allow-env=__proto__,constructor,toString,hasOwnProperty,valueOf']);
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
      assert.equal(Object.hasOwn(Object.prototype, 'path'), false);
    });
  }
});
