/**
 * Ctrl-C, SIGTERM and SIGHUP while a press or a sandbox run is under way withdraw it (abort its signal)
 * instead of ending this process at once: the run then ends what it started — the script's whole process
 * tree, the isolate — and records how it ended. Left to Node's default, the process would die and leave
 * a script started in its own session running with no one to stop it.
 */
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** Runs `work` with a signal these process signals abort ("interrupted by SIGINT"); defaults return after. */
export async function interruptible<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const withdraw = (name: NodeJS.Signals) => controller.abort(`interrupted by ${name}`);
  for (const name of SIGNALS) process.on(name, withdraw);
  try {
    return await work(controller.signal);
  } finally {
    for (const name of SIGNALS) process.off(name, withdraw);
  }
}
