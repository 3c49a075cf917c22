/**
 * The sandbox worker: a Node process started with --no-node-snapshot (which isolated-vm needs) by a
 * CLI process that was not. It gets one press request over IPC, runs it, streams output, answers once.
 */
import { interruptible } from '../../runners/interrupts.ts';
import { runButtonInProcess } from '../runs/button-run.ts';
import { fromWire, type HostMessage, type WireRequest, type WorkerMessage } from './wire.ts';

const send = (message: WorkerMessage) =>
  new Promise<void>((resolve) => process.send!(message, () => resolve()));

process.once('message', async (wire: WireRequest) => {
  try {
    // The terminal's Ctrl-C reaches this worker too (it shares the CLI's process group), the CLI forwards
    // a withdrawn press as a cancel message, and a CLI that died (SIGKILL) closes the channel: each way
    // the run ends what it started instead of running on with no one to answer.
    const outcome = await interruptible((interrupted) => {
      const fromHost = new AbortController();
      process.on('message', (message: HostMessage) => {
        if (message.type === 'cancel') fromHost.abort(message.reason);
      });
      process.once('disconnect', () => fromHost.abort('the buttons process that started this run is gone'));
      const onOutput = (stream: 'stdout' | 'stderr', text: string) => {
        if (text !== '') void send({ type: 'output', stream, text });
      };
      const signal = AbortSignal.any([interrupted, fromHost.signal]);
      return runButtonInProcess(fromWire(wire, onOutput, signal));
    });
    await send({ type: 'result', outcome });
  } catch (error) {
    await send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
  if (process.connected) process.disconnect();
});
