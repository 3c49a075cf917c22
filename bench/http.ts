/**
 * `press` of an HTTP button against a local server through the CLI vs `curl` of the same URL, with a
 * bare Node fetch and `node -e 0` for scale. The server runs in its own process: the timed commands
 * are spawned synchronously.
 */
import { spawn, spawnSync } from 'node:child_process';
import { BIN, buttons, type Cmd, compare, ms, table, tempHome } from './lib.ts';

const SERVER = `
const s = require('node:http').createServer((req, res) => {
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ ok: true, path: req.url }));
});
s.listen(0, '127.0.0.1', () => console.log(s.address().port));
`;

const server = spawn(process.execPath, ['-e', SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
const port = await new Promise<number>((resolve) =>
  server.stdout.once('data', (d) => resolve(Number(String(d)))),
);
const home = tempHome();
try {
  const url = `http://127.0.0.1:${port}/items/42`;
  buttons(home, [
    'create',
    'item',
    '--url',
    `http://127.0.0.1:${port}/items/{{id}}`,
    '--arg',
    'id:int:required',
    '--allow-private-networks',
  ]);
  buttons(home, ['create', 'floor', '--prompt', 'nothing to fetch']);
  const hasCurl = spawnSync('curl', ['--version'], { stdio: 'ignore' }).status === 0;
  const node = process.execPath;
  const cmds: Cmd[] = [
    ...(hasCurl ? [{ label: 'curl -s URL', argv: ['curl', '-s', '-o', '/dev/null', url] }] : []),
    {
      label: 'node: bare fetch(URL)',
      argv: [node, '-e', `fetch(${JSON.stringify(url)}).then((r) => r.text())`],
    },
    { label: 'node -e 0', argv: [node, '-e', '0'] },
    {
      label: 'buttons press (prompt button: the CLI floor)',
      argv: [node, BIN, 'press', 'floor', '--json'],
      options: { env: home.env },
    },
    {
      label: 'buttons press item --arg id=42',
      argv: [node, BIN, 'press', 'item', '--arg', 'id=42', '--json'],
      options: { env: home.env },
    },
  ];
  const stats = compare(cmds, 20, 3);
  const base = stats[0]!.p50;
  table(
    `HTTP button press vs ${hasCurl ? 'curl' : 'a bare Node fetch'} (ms, wall clock, cold process each)`,
    stats.map((s) => [s.label, ms(s.p50), ms(s.p90), (s.p50 / base).toFixed(2)]),
    ['command', 'p50', 'p90', `× ${stats[0]!.label} (p50)`],
  );
  const press = stats.at(-1)!;
  const fetchStat = stats.find((s) => s.label.startsWith('node: bare fetch'))!;
  console.log(
    `press / ${stats[0]!.label}: ${(press.p50 / base).toFixed(2)} ×; press / bare Node fetch: ${(press.p50 / fetchStat.p50).toFixed(2)} ×`,
  );
} finally {
  server.kill();
  home.cleanup();
}
