// The split floor's first thread (floor.ts): reads the socket and validates; the valid events
// go to the main thread by postMessage (a structured clone).
import { parentPort, workerData } from 'node:worker_threads';
import type { FloorWorkerMessage } from './floor';
import { stream, validate } from './stream';

const { url } = workerData as { url: string };
const post = (m: FloorWorkerMessage) => parentPort!.postMessage(m);

// Once through without posting first, so that this thread's code is as warm as the one-thread
// floors' (they run after the cores, in a process that has replayed the log twice).
await stream(url, 'floor-split-warm-up', validate);
await stream(
  url,
  'floor-split',
  (raws) => post({ kind: 'events', events: validate(raws), lastSeq: raws[raws.length - 1].seq, count: raws.length }),
  (toSeq) => post({ kind: 'resumed', toSeq }),
);
