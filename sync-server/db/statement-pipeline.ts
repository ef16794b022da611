import type pg from 'pg';
import { run, type Queryable } from './database';
import type { SqlQuery } from './sql-query';

/**
 * Statements handed to one connection without waiting for each: the driver queues them and sends the next as
 * soon as the database answers the last, so PostgreSQL writes one chunk while Node prepares the next (an
 * import reviews orders while the previous ones are inserted). Order and transaction are the connection's: a
 * failed statement aborts the transaction, the statements after it fail too, and `drained` reports the first
 * failure. Node must give the driver a turn now and then (`turn`) for the queue to move while it works.
 */
export class StatementPipeline {
  private readonly sent: Promise<unknown>[] = [];
  private firstFailure: { error: unknown } | null = null;

  constructor(private readonly client: Queryable) {}

  /** Queues a statement; nothing more is queued after a failure (its transaction is lost anyway). */
  send(q: SqlQuery): void {
    if (this.firstFailure) return;
    this.sent.push(
      run(this.client, q).catch((error: unknown) => {
        this.firstFailure ??= { error };
      }),
    );
  }

  /**
   * Queues a query whose rows the caller awaits later. Its failure is the pipeline's first failure too, and the
   * promise never counts as unhandled while the caller is busy elsewhere.
   */
  ask<R extends pg.QueryResultRow>(q: SqlQuery): Promise<R[]> {
    const answer = run<R>(this.client, q).then((r) => r.rows);
    this.sent.push(
      answer.catch((error: unknown) => {
        this.firstFailure ??= { error };
      }),
    );
    return answer;
  }

  /**
   * Lets the driver read answers and send what is queued (one turn of the event loop), then throws the
   * first failure, so work that would be thrown away stops early.
   */
  async turn(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (this.firstFailure) throw this.firstFailure.error;
  }

  /** Waits for every queued statement; throws the first failure. */
  async drained(): Promise<void> {
    await Promise.all(this.sent);
    if (this.firstFailure) throw this.firstFailure.error;
  }
}
