/** Shared pieces of the OS isolation tests: a loopback server that remembers who connected, process scans. */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';

export const PROBE = join(import.meta.dirname, 'fixtures', 'probe.js');

export interface LoopbackServer {
  port: number;
  /** What each connection sent (the probe sends its button name). */
  seen: string[];
  close(): Promise<void>;
}

export async function loopbackServer(): Promise<LoopbackServer> {
  const seen: string[] = [];
  const server: Server = createServer((socket) => {
    let text = '';
    socket.on('data', (chunk) => (text += chunk));
    socket.on('end', () => seen.push(text));
    socket.on('error', () => seen.push(text));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { port, seen, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Pids of live processes whose command line contains `marker`. */
export function processesWith(marker: string): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'latin1').includes(marker);
      } catch {
        return false;
      }
    })
    .map(Number);
}

/**
 * A fake home and data directory outside /tmp (the sandbox replaces /tmp wholesale, which would hide them
 * anyway): here only the sandbox's own hiding of HOME and of the data directory keeps them out of sight.
 */
export function homeOutsideTmp(): {
  home: string;
  data: string;
  env: Record<string, string>;
  cleanup(): void;
} {
  const root = mkdtempSync('/var/tmp/buttons-isolation-');
  const home = join(root, 'home');
  const data = join(root, 'data');
  mkdirSync(home);
  return {
    home,
    data,
    env: { HOME: home, BUTTONS_HOME: data },
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
