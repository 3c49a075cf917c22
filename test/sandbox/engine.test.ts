// Pins what a sandboxed program can use out of the box: console, timers, TS, ES modules, URL, encoders, exit codes (also once the runtime's code cache has warmed up).
import assert from 'node:assert/strict';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { warmRuntimeCache } from '../../src/sandbox/engine/runtime-cache.ts';
import { cachedStripTypes } from '../../src/sandbox/engine/ts-cache.ts';
import { runIn, type TempDir, tempDir } from './helpers.ts';

describe('the sandbox engine', () => {
  let tmp: TempDir;
  before(() => {
    tmp = tempDir();
  });
  after(() => tmp.cleanup());

  it('runs a program and returns its console output', async () => {
    const r = await runIn(tmp.dir, "console.log('hello', 1 + 1, { a: [1, 'x'] }); console.error('oops');");
    assert.deepEqual(r.outcome, { kind: 'ok', exitCode: 0 });
    assert.equal(r.stdout, "hello 2 { a: [ 1, 'x' ] }\n");
    assert.equal(r.stderr, 'oops\n');
  });

  it('strips TypeScript types, enums included', async () => {
    const code =
      'enum Color { Red, Green }\ninterface P { x: number }\nconst p: P = { x: Color.Green };\nconsole.log(p.x as number);';
    const r = await runIn(tmp.dir, code, { name: 'types.ts' });
    assert.equal(r.outcome.kind, 'ok');
    assert.equal(r.stdout, '1\n');
  });

  it('caches stripped TypeScript in the data directory, 0600, by source hash', () => {
    const data = join(tmp.dir, 'ts-cache-data');
    const strip = cachedStripTypes(data);
    assert.equal(strip('const n: number = 1;'), 'const n         = 1;');
    const [file] = readdirSync(join(data, 'cache', 'ts'));
    writeFileSync(join(data, 'cache', 'ts', file!), '/* from the cache */');
    assert.equal(strip('const n: number = 1;'), '/* from the cache */');
    assert.equal(strip('const m: string = "";'), 'const m         = "";');
  });

  it('loads relative ES modules from the program folder, TS and JS', async () => {
    tmp.file('lib/util.ts', 'export const twice = (n: number): number => n * 2;');
    tmp.file('lib/plain.js', 'export default "plain";');
    const r = await runIn(
      tmp.dir,
      "import { twice } from './lib/util.ts';\nimport plain from './lib/plain.js';\nimport * as again from './lib/util';\nconsole.log(twice(21), plain, again.twice(1));",
      { name: 'mods.ts' },
    );
    assert.equal(r.outcome.kind, 'ok', JSON.stringify(r.outcome));
    assert.equal(r.stdout, '42 plain 2\n');
  });

  it('refuses node: built-ins and bare package names', async () => {
    for (const spec of ['node:fs', 'fs', 'child_process', 'lodash']) {
      const r = await runIn(tmp.dir, `import x from '${spec}'; console.log(x);`);
      assert.equal(r.outcome.kind, 'error');
      assert.match((r.outcome as { message: string }).message, new RegExp(`cannot import "${spec}"`));
    }
  });

  it('runs timers in order and waits for them before ending', async () => {
    const code =
      "setTimeout(() => console.log('b'), 20); setTimeout(() => console.log('a'), 5); const i = setInterval(() => { console.log('i'); clearInterval(i); }, 1); const t = setTimeout(() => console.log('never'), 10); clearTimeout(t);";
    const r = await runIn(tmp.dir, code);
    assert.equal(r.outcome.kind, 'ok');
    assert.equal(r.stdout, 'i\na\nb\n');
  });

  it('supports top-level await', async () => {
    const r = await runIn(tmp.dir, "await new Promise((r) => setTimeout(r, 5)); console.log('after');", {
      name: 'tla.mjs',
    });
    assert.equal(r.stdout, 'after\n');
  });

  it('process.exit ends the program at once with that code', async () => {
    const r = await runIn(tmp.dir, "console.log('before'); process.exit(3); console.log('after');");
    assert.deepEqual(r.outcome, { kind: 'exit', exitCode: 3 });
    assert.equal(r.stdout, 'before\n');
  });

  it('process.exitCode sets the code of a normal end', async () => {
    const r = await runIn(tmp.dir, 'process.exitCode = 4;');
    assert.deepEqual(r.outcome, { kind: 'ok', exitCode: 4 });
  });

  it('reports an uncaught error, also one thrown after an await', async () => {
    const sync = await runIn(tmp.dir, "throw new TypeError('bad input');");
    assert.equal(sync.outcome.kind, 'error');
    assert.equal((sync.outcome as { name: string }).name, 'TypeError');
    const late = await runIn(
      tmp.dir,
      "(async () => { await new Promise((r) => setTimeout(r, 1)); throw new Error('late'); })();",
    );
    assert.equal(late.outcome.kind, 'error');
    assert.equal((late.outcome as { message: string }).message, 'late');
    assert.doesNotMatch((late.outcome as { stack: string }).stack, /src\/sandbox|node:internal/);
  });

  it('has URL, URLSearchParams, TextEncoder/Decoder, atob/btoa and crypto', async () => {
    const code = [
      "const u = new URL('HTTP://Example.COM:80/a/../b?x=1#h'); u.searchParams.append('y', 'a b');",
      "console.log(u.href, u.hostname, new URL('/p', 'https://h.test/q').href);",
      "console.log(new TextDecoder().decode(new TextEncoder().encode('héllo €😀')), btoa('hi'), atob('aGk='));",
      'const v = crypto.getRandomValues(new Uint8Array(8)); console.log(v.length, /^[0-9a-f-]{36}$/.test(crypto.randomUUID()));',
    ].join('\n');
    const r = await runIn(tmp.dir, code);
    assert.equal(r.outcome.kind, 'ok', JSON.stringify(r.outcome));
    assert.equal(
      r.stdout,
      'http://example.com/b?x=1&y=a+b#h example.com https://h.test/p\nhéllo €😀 aGk= hi\n8 true\n',
    );
  });

  it('passes program arguments as process.argv.slice(2)', async () => {
    const r = await runIn(tmp.dir, 'console.log(JSON.stringify(process.argv.slice(2)));', {
      argv: ['--x', 'y'],
    });
    assert.equal(r.stdout, '["--x","y"]\n');
  });

  it('runs programs the same once the runtime code cache has warmed up', async () => {
    await warmRuntimeCache();
    const code = [
      "import * as time from 'buttons:time';",
      "console.log('hello', { a: [1, 'x'] }, process.argv.length);",
      "setTimeout(() => console.log(new URL('/p?q=1', 'https://h.test/').href), 1);",
      'console.log(typeof time.now());',
      'process.exitCode = 3;',
    ].join('\n');
    const r = await runIn(tmp.dir, code, { argv: ['a'] });
    assert.deepEqual(r.outcome, { kind: 'ok', exitCode: 3 });
    assert.equal(r.stdout, "hello { a: [ 1, 'x' ] } 3\nnumber\nhttps://h.test/p?q=1\n");
  });

  it('writes start and end records to the trace', async () => {
    const r = await runIn(tmp.dir, '1;');
    assert.equal(r.trace[0].type, 'start');
    assert.equal(r.trace.at(-1).type, 'end');
    assert.equal(r.trace.at(-1).outcome, 'ok');
    assert.ok(r.trace.every((rec: { run: string }) => rec.run === r.trace[0].run));
  });
});
