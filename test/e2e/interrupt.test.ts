// Pins what Ctrl-C and SIGTERM do to a press or a sandbox run: the work the CLI started ends with it —
// the script's whole tree, setsid escapees included — and the run is recorded as CANCELLED.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { BIN, cli, cliAsync, makeSandbox, type Sandbox } from '../helpers/cli.ts';
import { pidsWithMarker } from '../helpers/files.ts';

async function waitFor(path: string): Promise<void> {
  for (let i = 0; i < 400 && !existsSync(path); i++) await sleep(25);
  assert.ok(existsSync(path), `${path} never appeared`);
}

describe('interrupting the CLI ends what it started', { concurrency: 3 }, () => {
  let sb: Sandbox;
  const leftovers: string[] = [];
  before(() => {
    sb = makeSandbox();
    assert.equal(cli(sb, ['config', 'set', 'timeout.grace_seconds', '0.5']).code, 0);
  });
  after(() => {
    for (const marker of leftovers) for (const pid of pidsWithMarker(marker)) process.kill(pid, 'SIGKILL');
    sb.cleanup();
  });

  for (const [i, signal] of (['SIGINT', 'SIGTERM', 'SIGHUP'] as const).entries()) {
    it(`${signal} to a pressing CLI: no process of the press is left, the run says CANCELLED`, async () => {
      const marker = `61${i}.${process.pid}`;
      leftovers.push(marker);
      const name = `long-${signal.toLowerCase()}`;
      const started = join(sb.dir, `${name}-started`);
      const late = join(sb.dir, `${name}-late`);
      // A TERM-proof main process and a daemon in its own session: only the whole-tree ending stops both.
      const code = [
        `setsid sh -c 'sleep 2; touch ${late}; sleep ${marker}' >/dev/null 2>&1 &`,
        "trap '' TERM INT HUP",
        `touch ${started}`,
        `sleep ${marker}`,
      ].join('\n');
      assert.equal(cli(sb, ['create', name, '--code', code]).code, 0);

      const { child, done } = cliAsync(sb, ['press', name, '--json']);
      await waitFor(started);
      child.kill(signal);
      const r = await done;
      assert.equal(r.code, 6, r.stdout + r.stderr);
      assert.equal(r.json.error.code, 'CANCELLED');
      assert.match(r.json.error.message, new RegExp(`interrupted by ${signal}`));
      assert.equal(r.json.data.status, 'error');
      assert.deepEqual(pidsWithMarker(marker), [], 'a process of the press outlived it');

      const history = cli(sb, ['history', name]);
      assert.equal(history.json.data.runs.length, 1);
      assert.equal(history.json.data.runs[0].error_type, 'CANCELLED');
      await sleep(2500);
      assert.equal(existsSync(late), false, 'the setsid daemon acted after the press ended');
    });
  }

  it('SIGTERM to `buttons run`: the program ends, its trace ends, and a button it was pressing ends too', async () => {
    const marker = `619.${process.pid}`;
    leftovers.push(marker);
    const started = join(sb.dir, 'tool-started');
    const code = `trap '' TERM\ntouch ${started}\nsleep ${marker}`;
    assert.equal(cli(sb, ['create', 'tool-long', '--code', code]).code, 0);
    const program = join(sb.dir, 'presses.js');
    writeFileSync(program, "import { call } from 'buttons:tools';\nawait call('tool-long', {});\n");

    const { child, done } = cliAsync(sb, ['run', program, '--allow-press=tool-long', '--json']);
    await waitFor(started);
    child.kill('SIGTERM');
    const r = await done;
    assert.equal(r.code, 6, r.stdout + r.stderr);
    assert.equal(r.json.error.code, 'CANCELLED');
    const trace = readFileSync(r.json.data.trace, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.equal(trace.at(-1).type, 'end');
    assert.equal(trace.at(-1).outcome, 'aborted');

    // The button the program pressed is withdrawn with it: its script is gone and its run recorded.
    for (let i = 0; i < 200 && pidsWithMarker(marker).length > 0; i++) await sleep(25);
    assert.deepEqual(pidsWithMarker(marker), [], "the pressed button's script outlived the run");
    let runs: { error_type: string }[] = [];
    for (let i = 0; i < 200 && runs.length === 0; i++) {
      runs = cli(sb, ['history', 'tool-long']).json.data.runs;
      if (runs.length === 0) await sleep(25);
    }
    assert.equal(runs[0]?.error_type, 'CANCELLED');
  });

  it('started by a Node without execve (before 22.15), the outer process passes SIGTERM on to the CLI', async () => {
    // The bin re-runs itself on the Node 24 it brings; without execve that is a child process, and a
    // SIGTERM aimed at the outer one must still reach the press inside.
    const ready = join(sb.dir, 'inner-ready');
    const got = join(sb.dir, 'inner-got');
    const inner = join(sb.dir, 'inner.cjs');
    writeFileSync(
      inner,
      `const fs = require('node:fs');
process.on('SIGTERM', () => { fs.writeFileSync(${JSON.stringify(got)}, 'SIGTERM'); process.exit(7); });
fs.writeFileSync(${JSON.stringify(ready)}, '');
setInterval(() => {}, 1000);`,
    );
    const outer = `delete process.execve; if (process.execve) process.exit(99); require(${JSON.stringify(BIN)}).rerun(process.execPath, [${JSON.stringify(inner)}]);`;
    const child = spawn(process.execPath, ['-e', outer], { stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await waitFor(ready);
    child.kill('SIGTERM');
    assert.equal(await exited, 7, 'the outer process exits the way the inner one did');
    assert.equal(readFileSync(got, 'utf8'), 'SIGTERM');
  });

  it('SIGTERM withdraws an HTTP press waiting on its answer and a sandboxed JS press too', async () => {
    // A loopback server that takes the request and never answers.
    const seen: Socket[] = [];
    const server = createServer((socket) => seen.push(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const box = join(sb.dir, 'js-box');
    mkdirSync(box);
    try {
      const made = [
        cli(sb, ['create', 'hangs', '--url', `http://127.0.0.1:${port}/`, '--allow-private-networks']),
        cli(sb, [
          'create',
          'waits',
          '--runtime',
          'js',
          '--code',
          `import * as fs from 'buttons:fs';\nawait fs.writeFile(${JSON.stringify(join(box, 'started'))}, 'yes');\nawait new Promise((r) => setTimeout(r, 30000));`,
          `--allow-fs=${box}:rwcd`,
        ]),
      ];
      for (const m of made) assert.equal(m.code, 0, m.stdout + m.stderr);
      const started = {
        hangs: async () => {
          for (let i = 0; i < 400 && seen.length === 0; i++) await sleep(25);
          assert.equal(seen.length, 1, 'the request reached the server');
        },
        waits: () => waitFor(join(box, 'started')),
      };
      for (const [name, ready] of Object.entries(started)) {
        const { child, done } = cliAsync(sb, ['press', name, '--json']);
        await ready();
        child.kill('SIGTERM');
        const r = await done;
        assert.equal(r.code, 6, `${name}: ${r.stdout}${r.stderr}`);
        assert.equal(r.json.error.message, 'the press was cancelled: interrupted by SIGTERM');
        assert.equal(cli(sb, ['history', name]).json.data.runs[0].error_type, 'CANCELLED');
      }
    } finally {
      for (const socket of seen) socket.destroy();
      server.close();
    }
  });
});
