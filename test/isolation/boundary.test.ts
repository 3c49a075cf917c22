// Pins the OS sandbox boundary: the same probe script, pressed sandboxed and unsandboxed, shows that only
// the sandbox stops it reading secrets, writing outside its grants, reaching loopback, seeing host processes
// and host env vars — so each assertion proves the boundary, not a broken probe.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cli, cliAsync, makeSandbox, type Sandbox } from '../helpers/cli.ts';
import { homeOutsideTmp, type LoopbackServer, loopbackServer, PROBE } from './helpers.ts';

const PROBE_ARGS = ['--arg', 'reads:string:optional', '--arg', 'writes:string:optional'];
const MORE_ARGS = ['--arg', 'pids:string:optional', '--arg', 'port:string:optional'];

describe('a sandboxed script versus the same script unsandboxed', () => {
  let sb: Sandbox;
  let outside: ReturnType<typeof homeOutsideTmp>;
  let server: LoopbackServer;
  let roRoot: string;
  // biome-ignore lint/suspicious/noExplicitAny: the probe's JSON report, checked field by field
  const report: Record<'open' | 'boxed', any> = { open: undefined, boxed: undefined };
  let paths: { sshKey: string; batteries: string; granted: string };

  before(async () => {
    outside = homeOutsideTmp();
    sb = makeSandbox(outside.env);
    server = await loopbackServer();
    // A folder the user may write on the host, outside /tmp: the sandbox sees it read-only.
    roRoot = mkdtempSync('/var/tmp/buttons-isolation-');
    mkdirSync(join(outside.home, '.ssh'), { recursive: true });
    mkdirSync(join(sb.dir, 'granted'));
    paths = {
      sshKey: join(outside.home, '.ssh', 'id_ed25519'),
      batteries: join(outside.data, 'batteries.json'),
      granted: join(sb.dir, 'granted'),
    };
    writeFileSync(paths.sshKey, 'PRIVATE-KEY-MATERIAL');
    assert.equal(cli(sb, ['batteries', 'set', 'API_TOKEN', 'tok-123456789']).code, 0);
    assert.ok(existsSync(paths.batteries), 'batteries.json is where the test looks for it');
    for (const [name, extra] of [
      ['open', []],
      ['boxed', ['--sandbox', `--allow-fs=${paths.granted}:rw`]],
    ] as const) {
      const made = cli(sb, ['create', name, '--file', PROBE, ...PROBE_ARGS, ...MORE_ARGS, ...extra]);
      assert.equal(made.code, 0, made.stdout + made.stderr);
    }
    for (const name of ['open', 'boxed'] as const) {
      const writes = [
        join(sb.dir, `outside-${name}.txt`),
        join(roRoot, `${name}.txt`),
        join(outside.home, `${name}.txt`),
      ];
      const { done } = cliAsync(
        sb,
        [
          'press',
          name,
          '--arg',
          `reads=${paths.sshKey},${paths.batteries}`,
          '--arg',
          `writes=${[...writes, join(paths.granted, `${name}.txt`)].join(',')}`,
          '--arg',
          `pids=${process.pid}`,
          '--arg',
          `port=${server.port}`,
        ],
        { env: { PROBE_HOST_SECRET: 'host-secret-value' } },
      );
      const result = await done;
      assert.equal(result.code, 0, result.stdout + result.stderr);
      report[name] = result.json.data.output;
    }
  });
  after(async () => {
    await server.close();
    rmSync(roRoot, { recursive: true, force: true });
    sb.cleanup();
    outside.cleanup();
  });

  it('cannot read a secret file in the home directory', () => {
    assert.equal(report.open.reads[paths.sshKey], 'ok:PRIVATE-KEY-MATERIAL');
    assert.equal(report.boxed.reads[paths.sshKey], 'error:ENOENT');
  });

  it("cannot read the data directory's batteries.json", () => {
    assert.match(report.open.reads[paths.batteries], /^ok:.*API_TOKEN/s);
    assert.equal(report.boxed.reads[paths.batteries], 'error:ENOENT');
  });

  it('cannot write outside its grants, and can write inside them', () => {
    for (const name of ['open', 'boxed'] as const) {
      const onRoot = join(roRoot, `${name}.txt`);
      assert.equal(existsSync(onRoot), name === 'open', onRoot);
      assert.equal(existsSync(join(sb.dir, `outside-${name}.txt`)), name === 'open');
      assert.equal(existsSync(join(outside.home, `${name}.txt`)), name === 'open');
      assert.equal(existsSync(join(paths.granted, `${name}.txt`)), true);
    }
    assert.equal(report.boxed.writes[join(roRoot, 'boxed.txt')], 'error:EROFS');
  });

  it('cannot connect to a server on 127.0.0.1', () => {
    assert.equal(report.open.connect, 'connected');
    assert.match(report.boxed.connect, /^error:/);
    assert.deepEqual(server.seen, ['open']);
  });

  it('cannot see or signal processes outside the sandbox', () => {
    assert.equal(report.open.pids[String(process.pid)], 'ok:true');
    assert.equal(report.boxed.pids[String(process.pid)], 'error:ESRCH');
  });

  it('sees no env var it was not given, and no battery it did not declare', () => {
    assert.ok(report.open.env.includes('PROBE_HOST_SECRET'));
    assert.ok(report.open.env.includes('BUTTONS_BAT_API_TOKEN'));
    assert.ok(!report.boxed.env.includes('PROBE_HOST_SECRET'));
    assert.ok(!report.boxed.env.some((key: string) => key.startsWith('BUTTONS_BAT_')));
    assert.ok(!report.boxed.env.includes('BUTTONS_HOME'));
    assert.deepEqual(
      report.boxed.env.filter((key: string) => !key.startsWith('BUTTONS_')),
      // PWD is the shell's own (the launcher is a shell script).
      ['HOME', 'LANG', 'PATH', 'PWD', 'TMPDIR'],
    );
    assert.ok(report.boxed.env.includes('BUTTONS_ARG_READS'));
    assert.equal(report.boxed.home, '/tmp/home');
  });
});
