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
import { ChunkCredit, CHUNKS_AHEAD, sentError, type FromWorker, type ToWorker } from './import-thread-messages';

/**
 * The import worker (bundled as dist/server/import-worker.cjs): reads order files for the main thread, which writes
 * them (import-reader.ts). Several readings may run at once, each by its id; each gives the others a turn every few
 * orders, and stays at most CHUNKS_AHEAD chunks ahead of what the main thread has written.
 */
type Reading = {
  lookups: Waiting<ReviewLookups>;
  rest: Waiting<KnownIds>;
  stopped: boolean;
  credit: ChunkCredit;
};

const port = parentPort;
if (!port) throw new Error('import-worker runs as a worker thread');
const readings = new Map<number, Reading>();
const send = (message: FromWorker) => port.postMessage(message);

port.on('message', (m: ToWorker) => {
  if (m.kind === 'read') return read(m);
  if (m.kind === 'holds') return send({ kind: 'holds', id: m.id, count: readings.size });
  const reading = readings.get(m.id);
  if (!reading) return;
  if (m.kind === 'lookups') reading.lookups.resolve(m.lookups);
  else if (m.kind === 'rest') reading.rest.resolve(m.known);
  else if (m.kind === 'written') reading.credit.written();
  else stop(reading);
});

// A message that cannot be read would leave its reading waiting for ever: every reading fails instead.
port.on('messageerror', (error) => {
  for (const [id, reading] of readings) {
    send({ kind: 'failed', id, error: sentError(error) });
    stop(reading);
  }
});

/** The reading ends at its next wait, turn or message. */
function stop(reading: Reading): void {
  reading.stopped = true;
  reading.lookups.reject(new ReadingStopped());
  reading.rest.reject(new ReadingStopped());
  reading.credit.stop();
}

function read(m: Extract<ToWorker, { kind: 'read' }>): void {
  const reading: Reading = {
    lookups: waiting(),
    rest: waiting(),
    stopped: false,
    credit: new ChunkCredit(CHUNKS_AHEAD),
  };
  readings.set(m.id, reading);
  const stopped = () => {
    if (reading.stopped) throw new ReadingStopped();
  };
  void readImport(() => groupOrderFile(m.format, m.text, m.lang), m.at, {
    post: (message: FromReader) => {
      stopped();
      send(
        message.kind === 'failed'
          ? { ...message, id: m.id, error: sentError(message.error) }
          : { ...message, id: m.id },
      );
      if (message.kind === 'chunk') return reading.credit.handedOver();
    },
    lookups: reading.lookups.promise,
    rest: reading.rest.promise,
    breathe: () => new Promise<void>((resolve) => setImmediate(resolve)).then(stopped),
  }).finally(() => readings.delete(m.id));
}
