// Pins child agents: grants subsumed by the parent's (more is a PermissionError, audited), own isolates, results and messages only.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { checks, runIn, type TempDir, tempDir } from './helpers.ts';

describe('agents', () => {
  let tmp: TempDir;
  before(() => {
    tmp = tempDir();
    tmp.file('data/sub/note.txt', 'note');
    tmp.file('data/top.txt', 'top');
    tmp.file(
      'child.ts',
      `import * as fs from 'buttons:fs';
       import * as agent from 'buttons:agent';
       const input = await agent.input() as { file: string };
       let text: string;
       try { text = await fs.readFile(input.file); } catch (e: any) { text = e.name; }
       agent.output({ id: agent.id, parent: agent.parentId, text, leaked: (globalThis as any).parentSecret ?? null });`,
    );
    tmp.file(
      'echo.ts',
      `import * as agent from 'buttons:agent';
       for (;;) { const m = await agent.receive(); if (m === null || m === 'stop') break; agent.send({ echo: m }); }`,
    );
  });
  after(() => tmp.cleanup());

  it('runs a narrower child in its own isolate and returns its output', async () => {
    const code = `import * as agent from 'buttons:agent';
      (globalThis as any).parentSecret = 'parent-only';
      const r = await agent.spawn({ entrypoint: './child.ts', allowFs: ['${tmp.dir}/data/sub:r'], input: { file: '${tmp.dir}/data/sub/note.txt' } });
      const denied = await agent.spawn({ entrypoint: './child.ts', allowFs: ['${tmp.dir}/data/sub:r'], input: { file: '${tmp.dir}/data/top.txt' } });
      console.log(JSON.stringify([r, denied.output.text]));`;
    const r = await runIn(tmp.dir, code, { name: 'parent.ts', grants: [`--allow-fs=${tmp.dir}/data:rw`] });
    assert.equal(r.outcome.kind, 'ok', JSON.stringify(r.outcome));
    const [result, deniedText] = JSON.parse(r.stdout);
    assert.deepEqual(result, {
      id: 'main.1',
      ok: true,
      output: { id: 'main.1', parent: 'main', text: 'note', leaked: null },
      exitCode: 0,
    });
    assert.equal(deniedText, 'PermissionError');
    const spawns = checks(r).filter((c) => c.cap === 'spawn');
    assert.deepEqual(
      spawns.map((c) => c.decision),
      ['allow', 'allow'],
    );
    assert.ok(
      checks(r).some((c) => c.agent === 'main.2' && c.decision === 'deny'),
      "the child's own denial is audited under its id",
    );
  });

  const wider: readonly [string, string, string[]][] = [
    ['a wider path', "allowFs: ['/']", [`--allow-fs=${'DATA'}:rw`]],
    ['a stronger mode', "allowFs: ['DATA:rwcd']", ['--allow-fs=DATA:rw']],
    ['env when the parent has none', 'allowEnv: true', ['--allow-fs=DATA']],
    ['a host outside the parent pattern', "allowNet: ['example.test']", ['--allow-net=*.example.test']],
    [
      'any port when the parent has one',
      "allowNet: ['api.example.test']",
      ['--allow-net=api.example.test:443'],
    ],
    ['a program the parent may not run', "allowRun: ['sh']", ['--allow-run=echo']],
    ['a button the parent may not press', "allowPress: ['deploy']", ['--allow-press=build']],
  ];
  for (const [name, ask, parentGrants] of wider) {
    it(`refuses a child asking for ${name}: PermissionError, audited`, async () => {
      const data = join(tmp.dir, 'data');
      const code = `import * as agent from 'buttons:agent';
        try { await agent.spawn({ entrypoint: './child.ts', ${ask.replace('DATA', data)}, input: { file: 'x' } }); console.log('spawned'); }
        catch (e) { console.log(e.name, e.capability); }`;
      const r = await runIn(tmp.dir, code, { grants: parentGrants.map((g) => g.replace('DATA', data)) });
      assert.equal(r.stdout, 'PermissionError spawn\n');
      const spawn = checks(r).find((c) => c.cap === 'spawn');
      assert.equal(spawn?.decision, 'deny');
      assert.match(spawn?.reason ?? '', /asks for more than its parent holds: --allow-/);
      assert.equal(r.trace.filter((t) => t.type === 'spawn').length, 0, 'nothing was started');
    });
  }

  it('accepts narrower hosts, keys and paths', async () => {
    const data = join(tmp.dir, 'data');
    const code = `import * as agent from 'buttons:agent';
      const r = await agent.spawn({ entrypoint: './child.ts', allowNet: ['api.example.test:443', '*.eu.example.test'], allowEnv: ['APP_NAME'], allowFs: ['${data}/sub:r'], input: { file: 'x' } });
      console.log(r.ok);`;
    const r = await runIn(tmp.dir, code, {
      grants: ['--allow-net=*.example.test', '--allow-env=APP_*', `--allow-fs=${data}:rw`],
    });
    assert.equal(r.stdout, 'true\n');
  });

  it('talks to a child only through messages', async () => {
    const code = `import * as agent from 'buttons:agent';
      const child = agent.start({ entrypoint: './echo.ts' });
      child.send('one'); child.send({ two: 2 });
      console.log(JSON.stringify([await child.receive(), await child.receive()]));
      child.send('stop');
      console.log((await child.result).ok, await child.receive());`;
    const r = await runIn(tmp.dir, code);
    assert.equal(r.outcome.kind, 'ok', JSON.stringify(r.outcome));
    assert.equal(r.stdout, '[{"echo":"one"},{"echo":{"two":2}}]\ntrue null\n');
  });

  it('spawnAll runs many children with bounded concurrency, results in order', async () => {
    const code = `import * as agent from 'buttons:agent';
      const all = await agent.spawnAll(Array.from({ length: 6 }, (_, i) => ({ entrypoint: './child.ts', input: { file: 'f' + i } })), { concurrency: 2 });
      console.log(all.map((r) => r.id).join(','), all.every((r) => r.ok));`;
    const r = await runIn(tmp.dir, code);
    assert.equal(r.stdout, 'main.1,main.2,main.3,main.4,main.5,main.6 true\n');
    assert.equal(r.trace.filter((t) => t.type === 'spawn').length, 6);
  });

  it("a child's limits are its own and its failure is a result, not the parent's crash", async () => {
    tmp.file('spin.js', 'for (;;) {}');
    const code = `import * as agent from 'buttons:agent';
      const r = await agent.spawn({ entrypoint: './spin.js', timeout: 0.3 });
      console.log(r.ok, r.error);`;
    const r = await runIn(tmp.dir, code);
    assert.equal(r.outcome.kind, 'ok');
    assert.equal(r.stdout, 'false time limit of 0.3s exceeded\n');
    const limit = r.trace.find((t) => t.type === 'limit');
    assert.deepEqual([limit.agent, limit.limit], ['main.1', 'time']);
  });
});
