import type pg from 'pg';
import { run, type Queryable } from './database';
import type { SqlQuery } from './sql-query';

/**
 * Statements queued for one connection without the caller waiting for each: the next is sent as soon as the
 * database answers the last, so PostgreSQL writes one chunk while Node prepares the next (an import reviews
 * orders while the previous ones are inserted). The queue is this object's own (pg 8 deprecates handing a busy
 * client another query). Order and transaction are the connection's: after a failure nothing more is sent (the
 * transaction is lost), everything queued after it fails with that failure, and `turn` and `drained` throw it.
 * Node must give the event loop a turn now and then (`turn`) for the queue to move while it works, and must not
 * use the connection itself until `drained`.
 */
export class StatementPipeline {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly settled: Promise<unknown>[] = [];
  private firstFailure: { error: unknown } | null = null;

  constructor(private readonly client: Queryable) {}

  /** Queues a statement whose answer nobody needs. */
  send(q: SqlQuery): void {
    void this.ask(q);
  }

  /**
   * Queues a query whose rows the caller awaits later. Its failure is the pipeline's first failure too, and the
   * promise never counts as unhandled while the caller is busy elsewhere.
   */
  ask<R extends pg.QueryResultRow>(q: SqlQuery): Promise<R[]> {
    return this.enqueue((client) => run<R>(client, q).then((r) => r.rows));
  }

  /** Queues work that uses the connection itself (several statements in turn), after what is queued before it. */
  enqueue<T>(work: (client: Queryable) => Promise<T>): Promise<T> {
    const result = this.tail.then(() => {
      if (this.firstFailure) throw this.firstFailure.error;
      return work(this.client);
    });
    const settled = result.then(
      () => undefined,
      (error: unknown) => {
        this.firstFailure ??= { error };
      },
    );
    this.tail = settled;
    this.settled.push(settled);
    return result;
  }

  /**
   * Lets the driver read answers and send what is queued (one turn of the event loop), then throws the
   * first failure, so work that would be thrown away stops early.
   */
  async turn(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (this.firstFailure) throw this.firstFailure.error;
  }

  /** Waits for everything queued; throws the first failure. */
  async drained(): Promise<void> {
    await Promise.all(this.settled);
    if (this.firstFailure) throw this.firstFailure.error;
  }
}
