import { read, writeSync } from 'node:fs';
import { encodeFrame, FrameReader } from './frames';
import { closeProcessPowers } from './lockdown';
import type { Reply, Request } from './messages';

// Entry of the runner's script process (see ./README.md). Its one channel to the runner is the
// pipe on file descriptor 3, read and written through descriptors only: no socket object exists
// here for a script to find. Before anything else, what a script must not do is closed.

const CHANNEL_FD = 3;
const MAX_REQUEST_BYTES = 2 ** 31 - 1;

function send(reply: Reply): void {
  const frame = encodeFrame(reply);
  for (let sent = 0; sent < frame.length;) sent += writeSync(CHANNEL_FD, frame, sent);
}

/** Requests are handled one at a time, in order; the runner closing the pipe ends this process. */
function listen(handle: (request: Request) => Promise<void>, exit: (code: number) => never): void {
  const reader = new FrameReader(MAX_REQUEST_BYTES);
  const chunk = Buffer.alloc(1 << 16);
  let queue = Promise.resolve();
  const next = () =>
    read(CHANNEL_FD, chunk, 0, chunk.length, null, (error, bytes) => {
      if (error || bytes === 0) return exit(0);
      for (const request of reader.push(chunk.subarray(0, bytes))) queue = queue.then(() => handle(request as Request));
      next();
    });
  next();
}

// Code from the file may leave an error behind in a timer; as in the editor's frame, that is the
// code's failure, not the runtime's, and the process goes on (closeProcessPowers keeps it so).
process.setUncaughtExceptionCaptureCallback(() => {});
let powers: ReturnType<typeof closeProcessPowers> | null = null;
try {
  powers = closeProcessPowers();
} catch (e) {
  // A Node that will not let a power be closed runs no script: the runner says why, and stops this.
  send({ type: 'start-failed', message: `the script process could not be fenced in: ${(e as Error).message}` });
}
if (powers) {
  const { serveRuntime } = await import('./serve-runtime');
  listen(serveRuntime(send, powers), powers.exit);
}
