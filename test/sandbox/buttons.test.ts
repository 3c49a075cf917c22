// Pins sandboxed JS/TS buttons: created with grants, pressed in the sandbox with args as buttons:env, traced beside the record.
import assert from 'node:assert/strict';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cli, makeSandbox, type Sandbox } from '../helpers/cli.ts';

describe('sandboxed buttons', () => {
  let sb: Sandbox;
  before(() => {
    sb = makeSandbox({ SANDBOX_CANARY: 'canary-in-press-env' });
    writeFileSync(join(sb.dir, 'notes.txt'), 'notes');
    const greet = `import * as env from 'buttons:env';
      import * as fs from 'buttons:fs';
      const who: string = env.get('BUTTONS_ARG_WHO') ?? '?';
      let home: string;
      try { home = env.get('SANDBOX_CANARY') ?? 'unset'; } catch (e: any) { home = e.name; }
      console.log(JSON.stringify({ hello: who, args: env.args(), home, notes: await fs.readFile('${join(sb.dir, 'notes.txt')}') }));`;
    const created = cli(sb, [
      'create',
      'greet',
      '--runtime',
      'ts',
      '--code',
      greet,
      '--arg',
      'who:string:required',
      `--allow-fs=${sb.dir}:r`,
    ]);
    assert.equal(created.code, 0, created.stdout + created.stderr);
    assert.equal(
      cli(sb, [
        'create',
        'nosy',
        '--runtime',
        'js',
        '--code',
        "import * as fs from 'buttons:fs'; console.log(await fs.readFile('/etc/hostname'));",
      ]).code,
      0,
    );
    assert.equal(
      cli(sb, [
        'create',
        'caller',
        '--runtime',
        'js',
        '--code',
        "import { call, list } from 'buttons:tools'; const r = await call('greet', { who: 'tool' }); console.log(JSON.stringify({ tools: (await list()).map((t) => t.name), out: r.output }));",
        '--allow-press=greet',
      ]).code,
      0,
    );
  });
  after(() => sb.cleanup());

  it('presses with its args as buttons:env and only its grants', () => {
    const r = cli(sb, ['press', 'greet', '--arg', 'who=world']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual(r.json.data.output, {
      hello: 'world',
      args: { who: 'world' },
      home: 'PermissionError',
      notes: 'notes',
    });
    assert.equal(r.json.data.runtime, 'ts');
  });

  it('keeps the trace beside the record, private, and shows it in logs', () => {
    const r = cli(sb, ['press', 'greet', '--arg', 'who=trace']);
    const runId = r.json.data.run_id;
    assert.deepEqual(r.json.data.files, [`${runId}.trace.ndjson`]);
    const file = join(sb.data, 'buttons', 'greet', 'pressed', `${runId}.trace.ndjson`);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    const logs = cli(sb, ['logs', 'greet', runId]);
    const checks = logs.json.data.trace.filter((t: { type: string }) => t.type === 'check');
    assert.deepEqual(
      checks.map((c: { cap: string; resource: string; decision: string }) => [c.cap, c.resource, c.decision]),
      [
        ['env', 'BUTTONS_ARG_WHO', 'allow'],
        ['env', 'SANDBOX_CANARY', 'deny'],
        ['fs', join(sb.dir, 'notes.txt'), 'allow'],
      ],
    );
    assert.doesNotMatch(JSON.stringify(logs.json), /canary-in-press-env/);
  });

  it('inspect shows the grants', () => {
    const r = cli(sb, ['inspect', 'greet']);
    assert.deepEqual(r.json.data.spec.grants.fs, [{ path: sb.dir, mode: 'r' }]);
  });

  it('a denial ends the press as a sandbox error with the PermissionError in stderr', () => {
    const r = cli(sb, ['press', 'nosy']);
    assert.equal(r.code, 18);
    assert.equal(r.json.error.code, 'SANDBOX_ERROR');
    assert.match(r.json.data.stderr, /PermissionError: read access to "\/etc\/hostname" denied/);
  });

  it('presses another button as a tool only when granted', () => {
    const r = cli(sb, ['press', 'caller']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual(r.json.data.output.tools, ['bua_read_file', 'bua_http_get', 'greet']);
    assert.deepEqual(r.json.data.output.out.hello, 'tool');
    const history = cli(sb, ['history', 'greet', '--last', '1']);
    assert.equal(history.json.data.runs[0].status, 'ok');
  });

  it('refuses --allow-… on an unsandboxed script button', () => {
    const r = cli(sb, ['create', 'plain', '--code', 'echo hi', '--allow-fs=/tmp']);
    assert.equal(r.json.error.code, 'VALIDATION_ERROR');
  });
});
