// Pins revocation across processes: after `buttons revoke` returns, the running program's next check is denied, and the trace shows the new generation.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cli, cliAsync, makeSandbox, type Sandbox } from '../helpers/cli.ts';

function waitFor(read: () => string, pattern: RegExp, ms = 20_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const tick = () => {
      const m = read().match(pattern);
      if (m) resolve(m);
      else if (Date.now() > deadline) reject(new Error(`timed out waiting for ${pattern}; got: ${read()}`));
      else setTimeout(tick, 20);
    };
    tick();
  });
}

describe('buttons revoke', () => {
  let sb: Sandbox;
  before(() => {
    sb = makeSandbox();
    writeFileSync(join(sb.dir, 'private.txt'), 'private data');
    writeFileSync(
      join(sb.dir, 'agent.js'),
      `import * as fs from 'buttons:fs';
       console.error('first read:', await fs.readFile('private.txt'));
       console.error('ready');
       while (!(await fs.exists('go'))) await new Promise((r) => setTimeout(r, 10));
       try { console.error('second read:', await fs.readFile('private.txt')); } catch (e) { console.error('second read:', e.name, e.message); }`,
    );
  });
  after(() => sb.cleanup());

  it('denies every check that starts after revoke returns, from another process', async () => {
    const trace = join(sb.dir, 'trace.ndjson');
    const running = cliAsync(sb, [
      'run',
      'agent.js',
      `--allow-fs=${sb.dir}:rwcd`,
      '--trace',
      trace,
      '--follow',
      '--json',
    ]);
    let stderr = '';
    running.child.stderr?.on('data', (c) => (stderr += c));
    const [, runId] = await waitFor(() => stderr, /run id (\S+)/);
    await waitFor(() => stderr, /ready/);
    assert.match(stderr, /first read: private data/);

    const revoked = cli(sb, ['revoke', runId!, `fs=${join(sb.dir, 'private.txt')}`]);
    assert.equal(revoked.code, 0, revoked.stdout + revoked.stderr);
    assert.equal(revoked.json.data.generation, 1);
    writeFileSync(join(sb.dir, 'go'), '');

    const done = await running.done;
    assert.equal(done.code, 0, done.stdout);
    assert.match(
      stderr,
      /second read: PermissionError read access to ".*private\.txt" denied: revoked by `buttons revoke` \(generation 1\)/,
    );
    assert.doesNotMatch(stderr, /second read: private data/);

    const records = readFileSync(trace, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.equal(records[0].run, runId);
    const revoke = records.findIndex((r) => r.type === 'revoke');
    assert.deepEqual({ cap: records[revoke].cap, gen: records[revoke].gen }, { cap: 'fs', gen: 1 });
    const before = records.slice(0, revoke).filter((r) => r.type === 'check');
    const afterwards = records.slice(revoke).filter((r) => r.type === 'check');
    assert.ok(before.every((r) => r.gen === 0));
    assert.ok(afterwards.every((r) => r.gen === 1));
    const last = afterwards.at(-1);
    assert.deepEqual([last.resource.endsWith('private.txt'), last.decision], [true, 'deny']);
  });

  it('refuses an unknown or finished run', () => {
    const unknown = cli(sb, ['revoke', '20260101T000000000Z-000000000000', 'all']);
    assert.equal(unknown.code, 4);
    assert.equal(unknown.json.error.code, 'NOT_FOUND');
    const finished = cli(sb, ['run', 'agent.js', '--timeout', '0.2', '--json']);
    const runId = /run id (\S+)/.exec(finished.stderr)?.[1];
    const late = cli(sb, ['revoke', runId!, 'fs']);
    assert.equal(late.json.error.code, 'NOT_FOUND');
    assert.match(late.json.error.message, /not running/);
  });

  it('validates the capabilities it is given', () => {
    const r = cli(sb, ['revoke', '20260101T000000000Z-000000000000', 'disk=/x']);
    assert.equal(r.json.error.code, 'VALIDATION_ERROR');
    assert.match(r.json.error.message, /capability must be one of fs, net, run, env, press, all/);
  });
});
