// Pins file grants: whole-component prefixes, `..`, symlinks (also swapped in mid-run), /proc tricks, and the r/rw/rwcd modes.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { checks, runIn, type TempDir, tempDir } from './helpers.ts';

const CANARY = 'CANARY-7f3a-secret-file-content';

describe('file grants', () => {
  let tmp: TempDir;
  let box: string;
  let secret: string;
  before(() => {
    tmp = tempDir();
    box = join(tmp.dir, 'box');
    tmp.file('box/hello.txt', 'hello');
    tmp.file('box/sub/deep.txt', 'deep');
    secret = tmp.file('outside/secret.txt', CANARY);
    tmp.file('boxed/secret.txt', CANARY);
    symlinkSync(join(tmp.dir, 'outside'), join(box, 'link-out'));
    symlinkSync(join(tmp.dir, 'outside', 'secret.txt'), join(box, 'file-link'));
    symlinkSync(join(box, 'hello.txt'), join(box, 'inner-link'));
  });
  after(() => tmp.cleanup());

  const read = (path: string) => `
    try { console.log('READ', await fs.readFile(${JSON.stringify(path)})); }
    catch (e) { console.log(e.name, e.capability ?? '', e.message); }`;
  const prog = (body: string) => `import * as fs from 'buttons:fs';\n${body}`;

  it('reads inside a grant and nothing outside it', async () => {
    const r = await runIn(
      tmp.dir,
      prog(
        `console.log(await fs.readFile('box/hello.txt')); try { await fs.readFile(${JSON.stringify(secret)}); } catch (e) { console.log(e.name, e.capability, e.resource, e.message); }`,
      ),
      { grants: [`--allow-fs=${box}`] },
    );
    assert.equal(r.outcome.kind, 'ok', JSON.stringify(r.outcome));
    assert.equal(
      r.stdout,
      `hello\nPermissionError fs ${secret} read access to ${JSON.stringify(secret)} denied; allow it with --allow-fs=${secret}:r\n`,
    );
    assert.doesNotMatch(r.stdout, new RegExp(CANARY));
  });

  it('denies everything with no grant at all', async () => {
    const r = await runIn(
      tmp.dir,
      prog("try { await fs.readFile('box/hello.txt') } catch (e) { console.log(e.name) }"),
    );
    assert.equal(r.stdout, 'PermissionError\n');
  });

  const escapes: readonly [string, (dir: string) => string][] = [
    ['.. out of the root', (d) => `${d}/box/../outside/secret.txt`],
    ['relative ..', () => 'box/sub/../../outside/secret.txt'],
    ['a sibling sharing the prefix (/box vs /boxed)', (d) => `${d}/boxed/secret.txt`],
    ['a symlinked folder inside the root', (d) => `${d}/box/link-out/secret.txt`],
    ['a symlinked file inside the root', (d) => `${d}/box/file-link`],
    ['/proc/self/root', (d) => `/proc/self/root${d}/outside/secret.txt`],
    ['/proc/self/cwd', () => '/proc/self/cwd/outside/secret.txt'],
    ['/proc/thread-self/root', (d) => `/proc/thread-self/root${d}/outside/secret.txt`],
    ['a doubled slash and dot path', (d) => `${d}//box/./../outside/./secret.txt`],
  ];
  for (const [name, path] of escapes) {
    it(`denies ${name}`, async () => {
      const r = await runIn(tmp.dir, prog(read(path(tmp.dir))), { grants: [`--allow-fs=${box}`] });
      assert.equal(checks(r).length, 1, 'one check, denied');
      assert.match(r.stdout, /^PermissionError fs /, r.stdout);
      assert.doesNotMatch(r.stdout, new RegExp(CANARY));
    });
  }

  it('follows a symlink that stays inside the root', async () => {
    const r = await runIn(tmp.dir, prog(read(`${box}/inner-link`)), { grants: [`--allow-fs=${box}`] });
    assert.equal(r.stdout, 'READ hello\n');
  });

  it('denies /proc/self/fd paths to files the host has open', async () => {
    const code = prog(
      "for (let fd = 0; fd < 40; fd++) { try { const t = await fs.readFile('/proc/self/fd/' + fd); console.log('READ', fd, t.length); } catch (e) { if (e.name !== 'PermissionError') console.log(e.name, e.message); } }",
    );
    const r = await runIn(tmp.dir, code, { grants: [`--allow-fs=${box}`] });
    assert.doesNotMatch(r.stdout, /READ/);
  });

  it('never reads a file swapped for a symlink while the program runs', async () => {
    const target = join(box, 'swap.txt');
    const evil = join(box, 'swap-evil');
    writeFileSync(target, 'safe');
    const program = prog(`
      const seen = new Set();
      for (let i = 0; i < 400; i++) {
        try { seen.add(await fs.readFile('box/swap.txt')); } catch (e) { seen.add(e.name + ':' + (e.code ?? '')); }
        if (i % 20 === 0) await new Promise((r) => setTimeout(r, 1));
      }
      console.log(JSON.stringify([...seen]));`);
    let flip = false;
    const swapper = setInterval(() => {
      try {
        if (flip) {
          writeFileSync(join(box, 'swap-tmp'), 'safe');
          renameSync(join(box, 'swap-tmp'), target);
        } else {
          symlinkSync(secret, evil);
          renameSync(evil, target);
        }
      } catch {}
      flip = !flip;
    }, 1);
    const r = await runIn(tmp.dir, program, { grants: [`--allow-fs=${box}`] });
    clearInterval(swapper);
    assert.equal(r.outcome.kind, 'ok', JSON.stringify(r.outcome));
    assert.doesNotMatch(r.stdout, new RegExp(CANARY));
    assert.match(r.stdout, /safe/);
  });

  it('never reads through a folder swapped for a symlink while the program runs', async () => {
    mkdirSync(join(box, 'dir'), { recursive: true });
    writeFileSync(join(box, 'dir', 'secret.txt'), 'safe');
    const program = prog(`
      const seen = new Set();
      for (let i = 0; i < 400; i++) {
        try { seen.add(await fs.readFile('box/dir/secret.txt')); } catch (e) { seen.add(e.name); }
        if (i % 20 === 0) await new Promise((r) => setTimeout(r, 1));
      }
      console.log(JSON.stringify([...seen]));`);
    let flip = false;
    const swapper = setInterval(() => {
      try {
        if (flip) {
          rmSync(join(box, 'dir'), { force: true });
          mkdirSync(join(box, 'dir'));
          writeFileSync(join(box, 'dir', 'secret.txt'), 'safe');
        } else {
          rmSync(join(box, 'dir'), { recursive: true, force: true });
          symlinkSync(join(tmp.dir, 'outside'), join(box, 'dir'));
        }
      } catch {}
      flip = !flip;
    }, 1);
    const r = await runIn(tmp.dir, program, { grants: [`--allow-fs=${box}`] });
    clearInterval(swapper);
    assert.equal(r.outcome.kind, 'ok', JSON.stringify(r.outcome));
    assert.doesNotMatch(r.stdout, new RegExp(CANARY));
  });

  it('a read-only grant refuses writes, creates and deletes, and leaves the files alone', async () => {
    const code = prog(`
      for (const [what, fn] of [['write', () => fs.writeFile('box/hello.txt', 'changed')], ['create', () => fs.writeFile('box/new.txt', 'x')], ['delete', () => fs.remove('box/hello.txt')], ['mkdir', () => fs.mkdir('box/newdir')]]) {
        try { await fn(); console.log(what, 'ok'); } catch (e) { console.log(what, e.name); }
      }`);
    const r = await runIn(tmp.dir, code, { grants: [`--allow-fs=${box}:r`] });
    assert.equal(
      r.stdout,
      'write PermissionError\ncreate PermissionError\ndelete PermissionError\nmkdir PermissionError\n',
    );
    assert.equal(readFileSync(join(box, 'hello.txt'), 'utf8'), 'hello');
    assert.equal(existsSync(join(box, 'new.txt')), false);
    assert.equal(existsSync(join(box, 'newdir')), false);
  });

  it('rw writes existing files but may not create or delete', async () => {
    writeFileSync(join(box, 'rw.txt'), 'before');
    const code = prog(`
      await fs.writeFile('box/rw.txt', 'after');
      for (const [what, fn] of [['create', () => fs.writeFile('box/rw-new.txt', 'x')], ['delete', () => fs.remove('box/rw.txt')]]) {
        try { await fn(); console.log(what, 'ok'); } catch (e) { console.log(what, e.name, e.message); }
      }`);
    const r = await runIn(tmp.dir, code, { grants: [`--allow-fs=${box}:rw`] });
    assert.equal(readFileSync(join(box, 'rw.txt'), 'utf8'), 'after');
    assert.match(
      r.stdout,
      /^create PermissionError create access to .* denied; allow it with --allow-fs=.*rw-new\.txt:rwcd\ndelete PermissionError delete access/,
    );
    assert.equal(existsSync(join(box, 'rw-new.txt')), false);
  });

  it('rwcd creates, lists, stats and deletes', async () => {
    const code = prog(`
      await fs.mkdir('box/made/a/b', { recursive: true });
      await fs.writeFile('box/made/a/b/f.txt', new Uint8Array([104, 105]));
      console.log(await fs.readFile('box/made/a/b/f.txt'), (await fs.stat('box/made/a/b/f.txt')).size, await fs.exists('box/made/none'));
      console.log(JSON.stringify((await fs.readDir('box/made/a')).map((e) => [e.name, e.isDirectory])));
      await fs.remove('box/made', { recursive: true });
      console.log(await fs.exists('box/made'));`);
    const r = await runIn(tmp.dir, code, { grants: [`--allow-fs=${box}:rwcd`] });
    assert.equal(r.outcome.kind, 'ok', JSON.stringify(r.outcome));
    assert.equal(r.stdout, 'hi 2 false\n[["b",true]]\nfalse\n');
    assert.equal(existsSync(join(box, 'made')), false);
  });

  it('does not create folders above the granted root (mkdir -p)', async () => {
    const root = join(tmp.dir, 'not-yet', 'root');
    const r = await runIn(
      tmp.dir,
      prog(
        `try { await fs.mkdir(${JSON.stringify(`${root}/x`)}, { recursive: true }); console.log('made'); } catch (e) { console.log(e.name); }`,
      ),
      {
        grants: [`--allow-fs=${root}:rwcd`],
      },
    );
    assert.equal(r.stdout, 'PermissionError\n');
    assert.equal(existsSync(join(tmp.dir, 'not-yet')), false);
  });

  it('a recursive delete does not follow a symlink out of the root', async () => {
    mkdirSync(join(box, 'trash'), { recursive: true });
    symlinkSync(join(tmp.dir, 'outside'), join(box, 'trash', 'out'));
    const r = await runIn(
      tmp.dir,
      prog("await fs.remove('box/trash', { recursive: true }); console.log('gone');"),
      { grants: [`--allow-fs=${box}:rwcd`] },
    );
    assert.equal(r.stdout, 'gone\n');
    assert.equal(readFileSync(secret, 'utf8'), CANARY);
  });

  it('loads code modules from its folder freely, anything else only with a grant', async () => {
    tmp.file('app/main-helper.ts', 'export const x = 1;');
    tmp.file('app/data.json', '{"k": 1}');
    tmp.file('shared/lib.js', 'export const y = 2;');
    const local = await runIn(join(tmp.dir, 'app'), "import { x } from './main-helper.ts'; console.log(x);");
    assert.equal(local.stdout, '1\n');
    const json = await runIn(join(tmp.dir, 'app'), "import d from './data.json'; console.log(d.k);");
    assert.equal(json.outcome.kind, 'error');
    assert.match((json.outcome as { message: string }).message, /PermissionError|read access/);
    const outside = await runIn(
      join(tmp.dir, 'app'),
      "import { y } from '../shared/lib.js'; console.log(y);",
    );
    assert.equal(outside.outcome.kind, 'error');
    const granted = await runIn(
      join(tmp.dir, 'app'),
      "import { y } from '../shared/lib.js'; console.log(y);",
      { grants: [`--allow-fs=${tmp.dir}/shared`] },
    );
    assert.equal(granted.stdout, '2\n');
  });

  it('writes exactly one trace record per check', async () => {
    const code = prog(`
      await fs.readFile('box/hello.txt');
      await fs.exists('box/nothing');
      try { await fs.readFile(${JSON.stringify(secret)}); } catch {}
      try { await fs.writeFile('box/x.txt', 'x'); } catch {}
      await fs.readDir('box');`);
    const r = await runIn(tmp.dir, code, { grants: [`--allow-fs=${box}:r`] });
    const records = checks(r);
    assert.deepEqual(
      records.map((c) => [c.cap, c.access, c.decision]),
      [
        ['fs', 'read', 'allow'],
        ['fs', 'read', 'allow'],
        ['fs', 'read', 'deny'],
        ['fs', 'create', 'deny'],
        ['fs', 'read', 'allow'],
      ],
    );
    assert.ok(records.every((c) => c.agent === 'main' && c.gen === 0));
  });
});
