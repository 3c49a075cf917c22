// Pins how mounts combine: deeper mounts win inside their subtree, the stricter wins on the same path, and
// a hide nested in another hide is skipped.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bwrapArgs } from '../../src/isolation/bwrap-args.ts';
import { isVisible, type Mount, orderMounts, pruneHides } from '../../src/isolation/mount-plan.ts';
import { envKeyGranted } from '../../src/isolation/sandbox-env.ts';

const HOME = '/home/ada';
const DATA = '/home/ada/.buttons';

describe('mount plan', () => {
  const plan = orderMounts([
    { kind: 'ro', path: `${DATA}/buttons/x/main.sh` },
    { kind: 'hide', path: DATA },
    { kind: 'rw', path: HOME },
    { kind: 'hide', path: HOME },
    { kind: 'scratch', path: '/tmp' },
    { kind: 'ro', path: `${HOME}/docs` },
    { kind: 'rw', path: `${HOME}/docs` },
  ]);

  it('orders shallow to deep, and the stricter last on the same path', () => {
    assert.deepEqual(
      plan.map((m) => `${m.kind} ${m.path}`),
      [
        'scratch /tmp',
        `hide ${HOME}`,
        `rw ${HOME}`,
        `hide ${DATA}`,
        `rw ${HOME}/docs`,
        `ro ${HOME}/docs`,
        `ro ${DATA}/buttons/x/main.sh`,
      ],
    );
  });

  const visibility: [string, boolean][] = [
    ['/usr/bin/python3', true],
    ['/tmp/anything', false],
    [`${HOME}/notes.txt`, true],
    [`${DATA}/batteries.json`, false],
    [`${DATA}/buttons/x/main.sh`, true],
    [`${DATA}/buttons/x/pressed/run.json`, false],
    [`${HOME}/docs/a.txt`, true],
  ];
  for (const [path, visible] of visibility) {
    it(`${visible ? 'shows' : 'hides'} ${path}`, () => assert.equal(isVisible(path, plan), visible));
  }

  it('skips a hide inside another hide, but not one inside a re-exposed folder', () => {
    const nested = orderMounts([
      { kind: 'scratch', path: '/tmp' },
      { kind: 'hide', path: '/tmp/t/home' },
      { kind: 'hide', path: HOME },
      { kind: 'hide', path: DATA },
      { kind: 'rw', path: '/srv/project' },
      { kind: 'hide', path: '/srv/project/.buttons' },
    ]);
    assert.deepEqual(
      pruneHides(nested).map((m) => m.path),
      ['/tmp', HOME, '/srv/project', '/srv/project/.buttons'],
    );
  });

  it('drops duplicates', () => {
    const twice: Mount = { kind: 'hide', path: HOME };
    assert.equal(orderMounts([twice, { ...twice }]).length, 1);
  });

  it('writes binds after the hides they re-expose', () => {
    const args = bwrapArgs({ mounts: plan, shareNet: false, cwd: '/tmp/home' }, ['/bin/true']);
    const at = (token: string, from = 0) => args.indexOf(token, from);
    assert.ok(args.includes('--unshare-net'));
    assert.ok(at(DATA) < at(`${DATA}/buttons/x/main.sh`));
    assert.deepEqual(args.slice(at(DATA) - 3, at(DATA) + 1), ['--perms', '0555', '--tmpfs', DATA]);
    assert.deepEqual(args.slice(-4), ['--chdir', '/tmp/home', '--', '/bin/true']);
    const shared = bwrapArgs({ mounts: plan, shareNet: true, cwd: '/' }, ['/bin/true']);
    assert.ok(!shared.includes('--unshare-net'));
  });
});

describe('env grants', () => {
  const table: [string[], string, boolean][] = [
    [['*'], 'ANYTHING', true],
    [['KEY'], 'KEY', true],
    [['KEY'], 'KEY_2', false],
    [['AWS_*'], 'AWS_REGION', true],
    [['AWS_*'], 'AWS', false],
    [[], 'KEY', false],
  ];
  for (const [patterns, key, granted] of table) {
    it(`${JSON.stringify(patterns)} ${granted ? 'grants' : 'does not grant'} ${key}`, () =>
      assert.equal(envKeyGranted(key, patterns), granted));
  }
});
