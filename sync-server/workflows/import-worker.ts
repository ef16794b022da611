import { parentPort } from 'node:worker_threads';
import { groupOrderFile } from '../../domain/orders/channel-formats';
import {
  readImport,
  ReadingStopped,
  waiting,
  type FromReader,
  type KnownIds,
  type ReviewLookups,
  type Waiting,
} from './import-reading';
import type { ToWorker, WorkerMessage } from './import-reader';

/**
 * The import worker (bundled as dist/server/import-worker.cjs): reads order files for the main thread, which writes
 * them (import-reader.ts). Several readings may run at once, each by its id.
 */
type Reading = {
  lookups: Waiting<ReviewLookups>;
  rest: Waiting<KnownIds>;
  stopped: boolean;
};

const port = parentPort;
if (!port) throw new Error('import-worker runs as a worker thread');
const readings = new Map<number, Reading>();

port.on('message', (m: WorkerMessage<ToWorker>) => {
  if (m.kind === 'read') {
    const reading: Reading = { lookups: waiting(), rest: waiting(), stopped: false };
    readings.set(m.id, reading);
    void readImport(() => groupOrderFile(m.format, m.text, m.lang), m.at, {
      post: (message: FromReader) => {
        if (reading.stopped) throw new ReadingStopped();
        port.postMessage({ ...message, id: m.id } satisfies WorkerMessage<FromReader>);
      },
      lookups: reading.lookups.promise,
      rest: reading.rest.promise,
    }).finally(() => readings.delete(m.id));
    return;
  }
  const reading = readings.get(m.id);
  if (!reading) return;
  if (m.kind === 'lookups') reading.lookups.resolve(m.lookups);
  else if (m.kind === 'rest') reading.rest.resolve(m.known);
  else {
    reading.stopped = true;
    reading.lookups.reject(new ReadingStopped());
    reading.rest.reject(new ReadingStopped());
  }
});
