// Pins crash safety: a CLI killed with SIGKILL mid-press leaves nothing half-written, and the script it
// could not end is ended (and its run recorded) by the next command.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { BIN, cli, cliAsync, makeSandbox, type Sandbox } from '../helpers/cli.ts';
import { pidsWithMarker, walk } from '../helpers/files.ts';

describe('SIGKILL of the CLI mid-press', () => {
  let sb: Sandbox;
  const marker = `38.${process.pid}`;
  before(() => {
    sb = makeSandbox();
    const started = join(sb.dir, 'started');
    assert.equal(cli(sb, ['create', 'slow', '--code', `touch ${started}\nsleep ${marker}`]).code, 0);
    assert.equal(
      cli(sb, ['press', 'slow', '--timeout', '0.2']).code,
      11,
      'one finished run in history first',
    );
  });
  after(() => {
    for (const m of [marker, `39.${process.pid}`])
      for (const pid of pidsWithMarker(m)) process.kill(pid, 'SIGKILL');
    sb.cleanup();
  });

  it('leaves history and summary working, no partial JSON anywhere, and no orphan after the next command', async () => {
    const started = join(sb.dir, 'started');
    rmSync(started); // left by the press in before()
    const { child, done } = cliAsync(sb, ['press', 'slow']);
    for (let i = 0; i < 200 && !existsSync(started); i++) await sleep(25);
    assert.ok(existsSync(started), 'the script started');
    child.kill('SIGKILL');
    const killed = await done;
    assert.equal(killed.code, null);
    // Nothing could end the script with its CLI: it runs on, in a session of its own…
    assert.notDeepEqual(pidsWithMarker(marker), [], 'the orphaned script is still running');

    // …until the next command, which ends it and records the run it was part of.
    const history = cli(sb, ['history', 'slow']);
    assert.equal(history.code, 0, history.stdout + history.stderr);
    assert.deepEqual(pidsWithMarker(marker), [], 'the orphaned script outlived the next command');
    assert.equal(history.json.data.runs.length, 2);
    assert.equal(history.json.data.runs[0].error_type, 'CANCELLED');
    const logs = cli(sb, ['logs', 'slow']);
    assert.match(logs.json.data.error.message, /buttons process running it \(pid \d+\) ended first/);
    const summary = cli(sb, ['summary']);
    assert.equal(summary.code, 0, summary.stdout + summary.stderr);
    assert.equal(summary.json.data.counts.buttons, 1);

    for (const entry of walk(sb.data)) {
      if (entry.isDir || !entry.path.endsWith('.json')) continue;
      assert.doesNotThrow(() => JSON.parse(readFileSync(entry.path, 'utf8')), entry.path);
    }
    const again = cli(sb, ['press', 'slow', '--timeout', '0.2']);
    assert.equal(again.json.error.code, 'TIMEOUT');
    assert.equal(cli(sb, ['history', 'slow']).json.data.runs.length, 3);
  });

  it('leaves a press alone while the process running it lives, and summary shows it under way', async () => {
    const started = join(sb.dir, 'steady-started');
    const code = `touch ${started}\nsleep 1\necho done`;
    const args = ['--arg', 'token:secret:required', '--arg', 'label:string:optional'];
    assert.equal(cli(sb, ['create', 'steady', '--code', code, ...args]).code, 0);
    assert.equal(cli(sb, ['batteries', 'set', 'NOTE_KEY', 'b4ttery-v4lue']).code, 0);
    const { done } = cliAsync(sb, [
      'press',
      'steady',
      '--arg',
      'token=s3cret-t0ken',
      '--arg',
      'label=holds b4ttery-v4lue',
    ]);
    for (let i = 0; i < 200 && !existsSync(started); i++) await sleep(25);
    assert.ok(existsSync(started), 'the script started');
    const notes = readdirSync(join(sb.data, 'running'));
    assert.equal(notes.length, 1, 'the press is noted as under way');
    // The note outlives a crash, so it holds no secret: neither a secret arg nor a battery value.
    const note = readFileSync(join(sb.data, 'running', notes[0]!), 'utf8');
    assert.doesNotMatch(note, /s3cret-t0ken|b4ttery-v4lue/);
    assert.deepEqual(JSON.parse(note).args, { token: '[REDACTED]', label: 'holds [REDACTED]' });
    const during = cli(sb, ['summary']).json.data.running;
    assert.deepEqual(
      during.map((p: { button: string; elsewhere: boolean }) => [p.button, p.elsewhere]),
      [['steady', false]],
    );
    assert.equal(cli(sb, ['history', 'steady']).code, 0);
    const r = await done;
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(r.json.data.stdout, 'done\n');
    assert.equal(during[0].run_id, r.json.data.run_id);
    assert.deepEqual(readdirSync(join(sb.data, 'running')), []);
    assert.deepEqual(cli(sb, ['summary']).json.data.running, []);
  });

  it("takes a note whose pid now belongs to another process for a dead press, and leaves other machines' notes", async () => {
    // A press noted by a process that is gone, whose pid the kernel has handed out again (here: to this
    // test, with another start time); its script still runs, tagged with the press's id.
    assert.equal(cli(sb, ['create', 'reused', '--code', 'true']).code, 0);
    const runId = '20260101T000000000Z-00000000abcd';
    const orphanMarker = `39.${process.pid}`;
    const orphan = spawn('sleep', [orphanMarker], {
      detached: true,
      stdio: 'ignore',
      env: { ...process.env, BUTTONS_PRESS_TAG: runId },
    });
    orphan.unref();
    for (let i = 0; i < 200 && pidsWithMarker(orphanMarker).length === 0; i++) await sleep(25);
    const note = {
      run_id: runId,
      button_name: 'reused',
      runtime: 'shell',
      started_at: '2026-01-01T00:00:00.000Z',
      args: {},
      owner: { pid: process.pid, started: '1' },
      place: `${hostname()} ${readlinkSync('/proc/self/ns/pid')}`,
    };
    // The same note from another machine sharing this data directory is not ours to judge.
    const elsewhere = { ...note, run_id: '20260101T000000000Z-00000000abce', place: `not-${note.place}` };
    writeFileSync(join(sb.data, 'running', `${elsewhere.run_id}.json`), JSON.stringify(elsewhere));
    writeFileSync(join(sb.data, 'running', `${runId}.json`), JSON.stringify(note));
    assert.equal(cli(sb, ['list']).code, 0);
    assert.deepEqual(pidsWithMarker(orphanMarker), []);
    const runs = cli(sb, ['history', 'reused']).json.data.runs;
    assert.deepEqual(
      runs.map((r: { run_id: string; error_type: string }) => [r.run_id, r.error_type]),
      [[runId, 'CANCELLED']],
    );
    assert.deepEqual(readdirSync(join(sb.data, 'running')), [`${elsewhere.run_id}.json`]);
  });

  it('leaves alone a live press noted in another pid namespace (a container sharing the data directory)', async () => {
    const started = join(sb.dir, 'contained-started');
    assert.equal(cli(sb, ['create', 'contained', '--code', `touch ${started}\nsleep 1\necho done`]).code, 0);
    // Inside, the pressing CLI is pid 1: here that pid is someone else, which must not read as "dead".
    const inside = spawn(
      'unshare',
      ['--pid', '--fork', '--mount-proc', process.execPath, BIN, 'press', 'contained'],
      {
        env: sb.env,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    inside.stdout.on('data', (chunk) => (stdout += chunk));
    const exited = new Promise<number | null>((resolve) => inside.on('close', (code) => resolve(code)));
    for (let i = 0; i < 200 && !existsSync(started); i++) await sleep(25);
    assert.ok(existsSync(started), 'the script started');
    assert.equal(cli(sb, ['history', 'contained']).code, 0);
    assert.equal(await exited, 0, stdout);
    assert.equal(JSON.parse(stdout).data.stdout, 'done\n');
  });

  it('a note naming a way out of buttons/ writes nothing there and does not hold up the other notes', () => {
    const place = `${hostname()} ${readlinkSync('/proc/self/ns/pid')}`;
    const dead = { pid: process.pid, started: '1' };
    const base = { runtime: 'shell', started_at: '2026-01-01T00:00:00.000Z', args: {}, owner: dead, place };
    // buttons/../.. is the folder around the data dir: it exists, so only the name rules stop a record
    // (and a pressed/ folder) being written there.
    const bad = { ...base, run_id: '20260101T000000000Z-00000000abcf', button_name: '../..' };
    const good = { ...base, run_id: '20260101T000000000Z-00000000abd0', button_name: 'reused' };
    for (const note of [bad, good]) {
      writeFileSync(join(sb.data, 'running', `${note.run_id}.json`), JSON.stringify(note));
    }
    assert.equal(cli(sb, ['list']).code, 0);
    assert.equal(existsSync(join(sb.dir, 'pressed')), false, 'a record was written outside the data dir');
    const runs = cli(sb, ['history', 'reused']).json.data.runs;
    assert.ok(
      runs.some((r: { run_id: string }) => r.run_id === good.run_id),
      'the good note was not reaped',
    );
    assert.ok(
      readdirSync(join(sb.data, 'running')).includes(`${bad.run_id}.json`),
      'the bad note was acted on',
    );
  });
});
