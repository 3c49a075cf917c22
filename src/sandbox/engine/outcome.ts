/** How one isolate run ended, and how isolated-vm's failures map onto it. */

export const LimitKind = {
  time: 'time',
  memory: 'memory',
  timers: 'timers',
  stack: 'stack',
  ops: 'ops',
} as const;
export type LimitKind = (typeof LimitKind)[keyof typeof LimitKind];

export type SessionOutcome =
  | { kind: 'ok'; exitCode: number }
  | { kind: 'exit'; exitCode: number }
  | { kind: 'error'; name: string; message: string; stack: string }
  | { kind: 'limit'; limit: LimitKind; message: string }
  | { kind: 'aborted'; message: string };

export function limitOutcome(limit: LimitKind, message: string): SessionOutcome {
  return { kind: 'limit', limit, message };
}

/** Classifies what an isolate task threw: our limits first, then the program's own uncaught error. */
export function outcomeOfThrown(
  thrown: unknown,
  isolateDisposed: boolean,
  memoryMib: number,
): SessionOutcome {
  const error = thrown as { name?: unknown; message?: unknown; stack?: unknown } | null;
  const message = typeof error?.message === 'string' ? error.message : String(thrown);
  if (/memory limit/i.test(message) || (isolateDisposed && /disposed/i.test(message))) {
    return limitOutcome('memory', `memory limit of ${memoryMib} MiB exceeded`);
  }
  if (/Script execution timed out/.test(message)) return limitOutcome('time', 'time limit exceeded');
  const name = typeof error?.name === 'string' ? error.name : 'Error';
  if (name === 'RangeError' && /Maximum call stack size exceeded/.test(message)) {
    return limitOutcome('stack', 'call stack limit exceeded (too deep recursion)');
  }
  if (name === 'RangeError' && /Invalid (string|array|typed array) length|allocation failed/i.test(message)) {
    return limitOutcome('memory', `memory limit exceeded (${message})`);
  }
  return { kind: 'error', name, message, stack: guestStack(error?.stack, `${name}: ${message}`) };
}

/** The program's part of a stack: frames past the isolate boundary are the host's and stay private. */
function guestStack(stack: unknown, fallback: string): string {
  if (typeof stack !== 'string') return fallback;
  const cut = stack.indexOf('(<isolated-vm boundary>)');
  if (cut < 0) return thrownByHost(stack) ? fallback : stack;
  return stack.slice(0, stack.lastIndexOf('\n', cut)).trimEnd();
}

function thrownByHost(stack: string): boolean {
  return /\(file:\/\/|\(node:|at file:\/\//.test(stack);
}
