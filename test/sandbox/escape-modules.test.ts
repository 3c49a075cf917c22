// Escape family: import()/require of node: and fs, module specifier tricks, data files and symlinks loaded as modules.
import assert from 'node:assert/strict';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { assertNoEscape, type EscapeEnv, escapeEnv } from './escape-harness.ts';

const DYNAMIC: readonly [string, string][] = [
  [
    'import() of node: built-ins',
    "for (const m of ['node:fs', 'fs', 'node:child_process', 'node:module', 'node:process']) { try { tryHost(m, await import(m)); } catch (e) { console.log(m, e.message); } }",
  ],
  [
    'require, module and __dirname',
    "for (const n of ['require', 'module', 'exports', '__dirname', '__filename', 'Deno', 'Bun']) console.log(n, typeof globalThis[n]);",
  ],
  [
    'import() of the canary file and of file: URLs',
    "for (const s of [CANARY_FILE, 'file://' + CANARY_FILE, './secret/canary.txt']) { try { tryHost(s, await import(s)); } catch (e) { console.log(e.message); } }",
  ],
  [
    'import.meta',
    'console.log(JSON.stringify(Object.keys(import.meta)), typeof import.meta.resolve); tryHost("meta", import.meta);',
  ],
];

const STATIC: readonly [string, string][] = [
  ['static import of node:fs', "import fs from 'node:fs'; tryHost('fs', fs);"],
  ['static import of fs', "import * as fs from 'fs'; tryHost('fs', fs);"],
  [
    'a data: URL module',
    "import x from 'data:text/javascript,export default globalThis.process'; tryHost('data', x);",
  ],
  ['an https: module', "import x from 'https://example.test/x.js'; tryHost('https', x);"],
  ['builtin specifier tricks', "import x from 'buttons:../fs'; tryHost('trick', x);"],
  ['the canary as a module', "import x from './secret/canary.txt'; console.log(x);"],
  ['the canary as JSON', "import x from './secret/canary.txt' with { type: 'json' }; console.log(x);"],
  ['a .js symlink pointing at the canary', "import x from './evil.js'; console.log(x);"],
  ['an absolute import of /etc/passwd', "import x from '/etc/passwd'; console.log(x);"],
];

describe('escapes: modules', () => {
  let env: EscapeEnv;
  before(async () => {
    env = await escapeEnv();
    symlinkSync(env.canaryFile, join(env.tmp.dir, 'evil.js'));
  });
  after(() => env.close());
  for (const [name, code] of DYNAMIC) {
    it(`${name}: reaches nothing of the host`, async () => {
      await assertNoEscape(env, code);
    });
  }
  for (const [name, code] of STATIC) {
    it(`${name}: refused before the program runs`, async () => {
      const r = await assertNoEscape(env, code);
      assert.equal(r.outcome.kind, 'error', JSON.stringify(r.outcome));
    });
  }
});
