// Pins env and run grants: canary env vars stay unseen, only granted programs start, with an argument array and no shell.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { checks, runIn, type TempDir, tempDir } from './helpers.ts';

const CANARY = 'canary-env-value-5b1e';
const ENV = { PATH: process.env.PATH, SECRET_TOKEN: CANARY, APP_NAME: 'demo', APP_MODE: 'test' };

describe('env grants', () => {
  let tmp: TempDir;
  before(() => {
    tmp = tempDir();
  });
  after(() => tmp.cleanup());

  const dump = `import * as env from 'buttons:env';
    for (const k of ['SECRET_TOKEN', 'APP_NAME']) { try { console.log(k, env.get(k)); } catch (e) { console.log(k, e.name); } }
    console.log(JSON.stringify(env.all()), JSON.stringify(Object.keys(process.env)));
    try { console.log(process.env.SECRET_TOKEN); } catch (e) { console.log('process.env', e.name); }`;

  it('sees no env var without a grant, in any form', async () => {
    const r = await runIn(tmp.dir, dump, { env: ENV });
    assert.doesNotMatch(r.stdout, new RegExp(CANARY));
    assert.equal(
      r.stdout,
      'SECRET_TOKEN PermissionError\nAPP_NAME PermissionError\n{} []\nprocess.env PermissionError\n',
    );
  });

  it('a prefix grant shows only the keys it covers', async () => {
    const r = await runIn(tmp.dir, dump, { env: ENV, grants: ['--allow-env=APP_*'] });
    assert.doesNotMatch(r.stdout, new RegExp(CANARY));
    assert.match(r.stdout, /APP_NAME demo\n\{"APP_NAME":"demo","APP_MODE":"test"\}/);
  });

  it('a bare --allow-env shows everything (the alpha spelling)', async () => {
    const r = await runIn(tmp.dir, 'console.log(process.env.SECRET_TOKEN)', {
      env: ENV,
      grants: ['--allow-env'],
    });
    assert.equal(r.stdout, `${CANARY}\n`);
  });

  it('require() throws for a missing key; one check per read', async () => {
    const r = await runIn(
      tmp.dir,
      "import * as env from 'buttons:env'; env.get('APP_NAME'); try { env.require('NOPE'); } catch (e) { console.log(e.message); }",
      {
        env: ENV,
        grants: ['--allow-env=APP_NAME,NOPE'],
      },
    );
    assert.equal(r.stdout, 'environment variable NOPE is not set\n');
    assert.deepEqual(
      checks(r).map((c) => [c.resource, c.decision]),
      [
        ['APP_NAME', 'allow'],
        ['NOPE', 'allow'],
      ],
    );
  });
});

describe('run grants', () => {
  let tmp: TempDir;
  before(() => {
    tmp = tempDir();
  });
  after(() => tmp.cleanup());

  it('runs a granted program with an argument array, no shell', async () => {
    const code =
      "import { exec } from 'buttons:run'; const r = await exec('echo', ['a b', '$HOME', '; rm -rf /']); console.log(JSON.stringify(r));";
    const r = await runIn(tmp.dir, code, { grants: ['--allow-run=echo'] });
    assert.equal(r.outcome.kind, 'ok', JSON.stringify(r.outcome));
    assert.equal(JSON.parse(r.stdout).stdout, 'a b $HOME ; rm -rf /\n');
    assert.equal(JSON.parse(r.stdout).code, 0);
  });

  it('starts no ungranted program, by name or by path', async () => {
    const marker = join(tmp.dir, 'marker');
    const code = `import { exec } from 'buttons:run';
      for (const p of ['touch', '/usr/bin/touch', 'sh', '/bin/sh', './touch']) {
        try { await exec(p, p.includes('sh') ? ['-c', 'touch ${marker}'] : [${JSON.stringify(marker)}]); console.log('ran', p); } catch (e) { console.log(e.name); }
      }`;
    const r = await runIn(tmp.dir, code, { grants: ['--allow-run=echo'] });
    assert.equal(r.stdout, 'PermissionError\n'.repeat(5));
    assert.equal(existsSync(marker), false);
  });

  it('passes only granted env vars (and PATH) to the child', async () => {
    const code =
      "import { exec } from 'buttons:run'; console.log((await exec('env', [])).stdout.split('\\n').filter(Boolean).map((l) => l.split('=')[0]).sort().join(','));";
    const r = await runIn(tmp.dir, code, { grants: ['--allow-run=env', '--allow-env=APP_NAME'], env: ENV });
    assert.equal(r.stdout, 'APP_NAME,BUTTONS_PRESS_TAG,PATH\n');
  });

  it('kills a child that outlives its timeout', async () => {
    const code =
      "import { exec } from 'buttons:run'; try { await exec('sleep', ['30'], { timeout: 200 }); } catch (e) { console.log(e.code); }";
    const started = Date.now();
    const r = await runIn(tmp.dir, code, { grants: ['--allow-run=sleep'] });
    assert.equal(r.stdout, 'ETIMEDOUT\n');
    assert.ok(Date.now() - started < 10_000);
  });

  it('refuses a grant for a program that is not on PATH', async () => {
    await assert.rejects(
      runIn(tmp.dir, '1', { grants: ['--allow-run=no-such-program-xyz'] }),
      /no such program on PATH/,
    );
  });
});
