/**
 * The sandbox worker: a Node process started with --no-node-snapshot (which isolated-vm needs) by a
 * CLI process that was not. It gets one press request over IPC, runs it, streams output, answers once.
 */
import { runButtonInProcess } from '../runs/button-run.ts';
import { fromWire, type WireRequest, type WorkerMessage } from './wire.ts';

const send = (message: WorkerMessage) =>
  new Promise<void>((resolve) => process.send!(message, () => resolve()));

process.once('message', async (wire: WireRequest) => {
  try {
    const request = fromWire(wire, (stream, text) => {
      if (text !== '') void send({ type: 'output', stream, text });
    });
    await send({ type: 'result', outcome: await runButtonInProcess(request) });
  } catch (error) {
    await send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
  process.disconnect();
});
