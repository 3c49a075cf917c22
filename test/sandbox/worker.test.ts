// Pins the worker path used where isolates may not run in the CLI process: a press runs in a --no-node-snapshot child and streams back.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { emptyGrants } from '../../src/core/grants.ts';
import { makeRedactor } from '../../src/core/redact.ts';
import type { ButtonSpec } from '../../src/core/spec.ts';
import type { RunRequest } from '../../src/runners/runner.ts';
import { runInWorker } from '../../src/sandbox/process/worker-client.ts';
import { type TempDir, tempDir } from './helpers.ts';

const ROOT = join(import.meta.dirname, '..', '..');

let runs = 0;

function request(tmp: TempDir, code: string, extra: Partial<RunRequest> = {}): RunRequest {
  const buttonDir = join(tmp.dir, 'buttons', 'w');
  tmp.file('buttons/w/main.js', code);
  const spec: ButtonSpec = {
    schema_version: 1,
    name: 'w',
    runtime: 'js',
    args: [{ name: 'token', type: 'secret', required: true }],
    timeout_seconds: 10,
    grants: emptyGrants(),
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
  };
  return {
    spec,
    runId: `20260101T000000000Z-0000000000a${++runs}`,
    buttonDir,
    dataRoot: tmp.dir,
    args: { token: 's3cret-token' },
    batteries: new Map(),
    timeoutMs: 5000,
    graceMs: 500,
    maxOutputBytes: 1024 * 1024,
    redactor: makeRedactor(['s3cret-token']),
    cwd: tmp.dir,
    baseEnv: { PATH: process.env.PATH, HOME: tmp.dir },
    ...extra,
  };
}

describe('the sandbox worker process', () => {
  let tmp: TempDir;
  before(() => {
    tmp = tempDir();
  });
  after(() => tmp.cleanup());

  it('runs the press with the flag and streams output back, redacted', async () => {
    let live = '';
    const outcome = await runInWorker(
      request(
        tmp,
        "import * as env from 'buttons:env'; console.log('token', env.args().token); console.log(JSON.stringify({ ok: true }));",
        {
          onOutput: (stream, text) => {
            if (stream === 'stdout') live += text;
          },
        },
      ),
    );
    assert.equal(outcome.status, 'ok', JSON.stringify(outcome));
    assert.deepEqual(outcome.files, ['20260101T000000000Z-0000000000a1.trace.ndjson']);
    assert.equal(live, 'token [REDACTED]\n{"ok":true}\n');
  });

  it('reports the program failing like an in-process run', async () => {
    const outcome = await runInWorker(request(tmp, 'while (true) {}', { timeoutMs: 300 }));
    assert.equal(outcome.status, 'timeout', JSON.stringify(outcome));
    assert.equal(outcome.error?.code, 'LIMIT_EXCEEDED');
  });

  it('ends a withdrawn press itself: the run says CANCELLED and its trace is closed', async () => {
    const stop = new AbortController();
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const req = request(tmp, "console.log('waiting'); await new Promise((r) => setTimeout(r, 30000));", {
      signal: stop.signal,
      onOutput: () => started(),
    });
    // No secret arg for the worker's redactor to hold output back for: the first line arrives live.
    req.spec = { ...req.spec, args: [] };
    req.args = {};
    const outcome = runInWorker(req);
    await running;
    stop.abort('interrupted by SIGINT');
    const ended = await outcome;
    assert.equal(ended.error?.code, 'CANCELLED', JSON.stringify(ended));
    // The worker answered (it was not killed): the run's trace has its end record.
    const trace = readFileSync(join(req.buttonDir, 'pressed', ended.files![0]!), 'utf8');
    assert.match(trace.trim().split('\n').at(-1)!, /"type":"end".*"outcome":"aborted"/);
  });

  it('ends its run when the process that started it dies (SIGKILL) instead of running on', async () => {
    const dir = join(tmp.dir, 'orphan');
    tmp.file(
      'orphan/buttons/w/main.js',
      "console.log('waiting'); await new Promise((r) => setTimeout(r, 30000));",
    );
    const src = (path: string) => JSON.stringify(join(ROOT, 'src', path));
    const host = tmp.file(
      'orphan/host.ts',
      `import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { emptyGrants } from ${src('core/grants.ts')};
import { makeRedactor } from ${src('core/redact.ts')};
import { runInWorker } from ${src('sandbox/process/worker-client.ts')};
const dir = ${JSON.stringify(dir)};
await runInWorker({
  spec: { schema_version: 1, name: 'w', runtime: 'js', args: [], timeout_seconds: 60, grants: emptyGrants(), created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z' },
  runId: '20260101T000000000Z-0000000000f1', buttonDir: join(dir, 'buttons', 'w'), dataRoot: dir, args: {}, batteries: new Map(),
  timeoutMs: 60_000, graceMs: 500, maxOutputBytes: 1 << 20, redactor: makeRedactor([]), cwd: dir, baseEnv: { PATH: process.env.PATH, HOME: dir },
  onOutput: () => writeFileSync(join(dir, 'running'), ''),
});`,
    );
    const child = spawn(process.execPath, [host], { stdio: 'ignore' });
    const running = join(dir, 'running');
    for (let i = 0; i < 400 && !existsSync(running); i++) await sleep(25);
    assert.ok(existsSync(running), 'the program ran in the worker');
    const workers = readdirSync(`/proc/${child.pid}/task`).flatMap((tid) =>
      readFileSync(`/proc/${child.pid}/task/${tid}/children`, 'utf8')
        .trim()
        .split(' ')
        .filter(Boolean)
        .map(Number),
    );
    assert.equal(workers.length, 1, 'one worker process');
    child.kill('SIGKILL');
    // The program would wait 30 s and its timeout is 60 s; the worker must not wait for either.
    const alive = () =>
      existsSync(`/proc/${workers[0]}`) &&
      !/^\S+ \(.*\) Z/.test(readFileSync(`/proc/${workers[0]}/stat`, 'latin1'));
    for (let i = 0; i < 400 && alive(); i++) await sleep(25);
    assert.equal(alive(), false, 'the worker outlived the process that started it');
  });
});
