// The record of which file contents passed their schema: exact content, exact path, this version only.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fingerprint } from '../../src/core/fingerprint.ts';
import { validatedCache } from '../../src/store/validated-cache.ts';

describe('validated-file cache', () => {
  const root = mkdtempSync(join(tmpdir(), 'buttons-validated-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  const spec = join(root, 'buttons', 'a', 'button.json');
  const print = fingerprint('{"name":"a"}');

  it('trusts exactly the content it was told passed, for exactly that path', () => {
    const cache = validatedCache(root);
    assert.equal(cache.has(spec, print), false);
    cache.add(spec, print);
    assert.equal(cache.has(spec, print), true);
    assert.equal(validatedCache(root).has(spec, print), true, 'another process sees it');
    assert.equal(cache.has(spec, fingerprint('{"name":"a","x":1}')), false, 'a hand edit');
    assert.equal(cache.has(join(root, 'settings.json'), print), false, 'same text, another file');
  });

  it('forgets the entry of a file that is gone', () => {
    const cache = validatedCache(root);
    const other = join(root, 'buttons', 'b', 'button.json');
    cache.add(other, print);
    cache.forget(other);
    assert.equal(cache.has(other, print), false);
    assert.equal(cache.has(spec, print), true, 'the others stay');
  });

  it('does not trust what another version validated', () => {
    const cache = validatedCache(root);
    cache.add(spec, print);
    const dir = join(root, 'cache', 'validated');
    const [entry] = readdirSync(dir);
    const file = join(dir, entry!);
    const [, ...rest] = readFileSync(file, 'utf8').split('\n');
    writeFileSync(file, ['0.0.1-older', ...rest].join('\n'));
    assert.equal(cache.has(spec, print), false);
  });

  it('keeps its files private', () => {
    const dir = join(root, 'cache', 'validated');
    assert.equal(statSync(dir).mode & 0o777, 0o700);
    for (const name of readdirSync(dir)) assert.equal(statSync(join(dir, name)).mode & 0o777, 0o600);
  });
});
