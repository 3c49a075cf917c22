// Pins the audit trace: one record per check across capabilities, allow-all marked loudly, tool errors and exceptions kept.
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { checks, runIn, type TempDir, tempDir } from './helpers.ts';

describe('the audit trace', () => {
  let tmp: TempDir;
  before(() => {
    tmp = tempDir();
    tmp.file('in/a.txt', 'a');
  });
  after(() => tmp.cleanup());

  it('has exactly one check record per check, whatever the capability', async () => {
    const code = `import * as fs from 'buttons:fs'; import * as env from 'buttons:env'; import { exec } from 'buttons:run'; import { call } from 'buttons:tools';
      const attempts = [
        () => fs.readFile('in/a.txt'), () => fs.readFile('/etc/shadow'), () => env.get('HOME'), () => env.get('APP'),
        () => exec('echo', ['x']), () => exec('sh', []), () => fetch('http://203.0.113.9/'), () => call('bua_read_file', { path: 'in/a.txt' }),
        () => call('deploy', {}), () => env.all(),
      ];
      let n = 0; for (const f of attempts) { try { await f(); } catch { } n++; }
      console.log(n);`;
    const r = await runIn(tmp.dir, code, {
      grants: [`--allow-fs=${tmp.dir}/in`, '--allow-env=APP', '--allow-run=echo'],
      env: { PATH: process.env.PATH, APP: 'x' },
    });
    assert.equal(r.stdout, '10\n');
    assert.deepEqual(
      checks(r).map((c) => `${c.cap}:${c.decision}`),
      [
        'fs:allow',
        'fs:deny',
        'env:deny',
        'env:allow',
        'run:allow',
        'run:deny',
        'net:deny',
        'fs:allow',
        'press:deny',
        'env:allow',
      ],
    );
    assert.ok(checks(r).every((c, i, all) => i === 0 || c.seq > all[i - 1].seq));
  });

  it('marks --allow-all loudly, at the start and on every check it allows', async () => {
    const r = await runIn(tmp.dir, "import * as env from 'buttons:env'; env.get('PATH');", {
      grants: ['--allow-all'],
    });
    assert.match(r.trace[0].warning, /ALL CAPABILITIES GRANTED/);
    assert.equal(checks(r)[0].reason, 'allow-all');
  });

  it('keeps tool errors and the uncaught exception with their text', async () => {
    const r = await runIn(
      tmp.dir,
      "import { call } from 'buttons:tools'; try { await call('bua_read_file', { path: '/etc/shadow' }); } catch {} throw new RangeError('boom');",
    );
    const result = r.trace.find((t) => t.type === 'tool_result');
    assert.equal(result.ok, false);
    assert.match(result.error, /read access to "\/etc\/shadow" denied/);
    const exception = r.trace.find((t) => t.type === 'exception');
    assert.deepEqual([exception.name, exception.message], ['RangeError', 'boom']);
    assert.equal(r.trace.at(-1).outcome, 'error');
  });

  it('is written to a 0600 file when given a path', async () => {
    const path = join(tmp.dir, 'trace.ndjson');
    await runIn(tmp.dir, '1;', { tracePath: path });
    assert.equal(statSync(path).mode & 0o777, 0o600);
  });
});
