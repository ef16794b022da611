import type pg from 'pg';
import { run, type Queryable } from './database';
import { registerPipeline } from './pipeline-registry';
import { countInserted, GROWTH_CHECK_ROWS, insertedTable, pendingGrowthCheck } from './planner-growth';
import type { SqlQuery } from './sql-query';

/**
 * Statements queued for one connection without the caller waiting for each, so PostgreSQL writes one chunk while
 * Node prepares the next (an import reviews orders while the previous ones are inserted). On a connection in pg's
 * pipeline mode (the connections of PostgreSQL transactions, database.ts) each statement is written at once and
 * the server runs them back to back; otherwise (PGlite) the next is sent as soon as the last is answered, by this
 * object's own queue (pg 8 deprecates handing a busy client another query). Order and transaction are the
 * connection's: after a failure the transaction is lost, nothing more is sent, statements already written fail
 * as well, and `turn` and `drained` throw the first failure. Node must give the event loop a turn now and then
 * (`turn`) for answers to be read (and, without pipeline mode, the queue to move) while it works, and must not
 * use the connection itself until `drained`.
 */
export class StatementPipeline {
  /** What the next item waits for: the end of the last one (queued) or of the last `enqueue` (pipeline mode). */
  private tail: Promise<unknown> = Promise.resolve();
  private readonly settled: Promise<unknown>[] = [];
  private firstFailure: Failure | null = null;
  /** Items (and growth checks) queued so far: ranks failures. */
  private queued = 0;
  private readonly pipelined: boolean;
  /** Items that later statements must not be written before: chained and not yet started, or still running. */
  private waiting = 0;
  /** Rows this pipeline's INSERTs wrote, per table (pipeline mode: see checkGrowth). */
  private readonly inserted = new Map<string, number>();

  constructor(private readonly client: Queryable) {
    this.pipelined = (client as Partial<Pick<pg.Client, 'pipeline'>>).pipeline === true;
    registerPipeline(client, this);
  }

  /** Queues a statement whose answer nobody needs. */
  send(q: SqlQuery): void {
    void this.ask(q);
  }

  /**
   * Queues a query whose rows the caller awaits later. Its failure is the pipeline's first failure too, and the
   * promise never counts as unhandled while the caller is busy elsewhere.
   */
  ask<R extends pg.QueryResultRow>(q: SqlQuery): Promise<R[]> {
    const order = this.queued++;
    // Pipeline mode: an INSERT's growth check ranks right after it (`track`), though written when the INSERT is.
    const checkOrder = this.pipelined && insertedTable(q.text) ? this.queued++ : -1;
    return this.add(
      (client) => {
        const answer = run<R>(client, q);
        if (checkOrder >= 0) this.checkGrowth(client, q.text, answer, checkOrder);
        return answer.then((r) => r.rows);
      },
      this.pipelined,
      order,
    );
  }

  /**
   * Pipeline mode: the statements after an INSERT are written before its answer, so the growth check that
   * inTransaction makes from the answer would come too late for them (db/planner-growth.ts). Until this pipeline
   * has seen the table pass GROWTH_CHECK_ROWS, a check that reads the transaction's own count goes right behind it.
   */
  private checkGrowth(client: Queryable, text: string, answer: Promise<pg.QueryResult>, order: number): void {
    const table = insertedTable(text);
    if (!table || (this.inserted.get(table) ?? 0) >= GROWTH_CHECK_ROWS) return;
    // Its errors stay inside it, but for what aborts the transaction (a cancelled ANALYZE): that is this pipeline's.
    this.track(client.query(pendingGrowthCheck(table)), order);
    answer.then(
      (r) => countInserted(this.inserted, text, r),
      () => undefined,
    );
  }

  /** Queues work that uses the connection itself (several statements in turn), after what is queued before it. */
  enqueue<T>(work: (client: Queryable) => Promise<T>): Promise<T> {
    return this.add(work, false, this.queued++);
  }

  /**
   * `written`: one statement, which pg's pipeline mode keeps in order behind those already written, so the next
   * item need not wait for its answer. It is written at once (before the caller's next line runs, not a
   * microtask later) unless something before it still waits; items chained on the same `tail` start in the order
   * they were added.
   */
  private add<T>(work: (client: Queryable) => Promise<T>, written: boolean, order: number): Promise<T> {
    let result: Promise<T>;
    if (written && this.waiting === 0) result = this.start(work);
    else {
      this.waiting += 1; // until it is written, or (several statements) until it ends
      result = this.tail.then(() => {
        if (written) this.waiting -= 1;
        return this.start(work);
      });
    }
    const settled = this.track(result, order);
    if (!written) {
      this.tail = settled;
      void settled.then(() => (this.waiting -= 1));
    }
    return result;
  }

  /**
   * Waited for by `drained` and `stop`; its failure is the pipeline's when nothing queued before it failed. Failures
   * are ranked by the order the items were queued, not by when their promises settle: answers read in one go settle
   * through chains of different lengths, and the statement that failed must not be hidden by one it aborted.
   */
  private track(work: Promise<unknown>, order: number): Promise<void> {
    const settled = work.then(
      () => undefined,
      (error: unknown) => {
        if (!this.firstFailure || ranksFirst({ error, order }, this.firstFailure)) this.firstFailure = { error, order };
      },
    );
    this.settled.push(settled);
    return settled;
  }

  private start<T>(work: (client: Queryable) => Promise<T>): Promise<T> {
    if (this.firstFailure) return Promise.reject(this.firstFailure.error);
    try {
      return work(this.client);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /**
   * Lets the driver read answers and send what is queued (one turn of the event loop), then throws the
   * first failure, so work that would be thrown away stops early.
   */
  async turn(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (!this.firstFailure) return;
    // The failure seen first may be a statement refused because an earlier one failed (ranksFirst): what is written
    // all answers at once, so wait for all of it and throw the one that ranks first.
    await Promise.all(this.settled);
    throw this.firstFailure.error;
  }

  /**
   * The caller failed (inTransaction, pipeline-registry.ts): nothing queued starts any more, and what runs is waited
   * for, so the transaction's ROLLBACK is the connection's last statement. Answers the failure to report: the
   * caller's, unless it is only a statement refused because the transaction was aborted and this pipeline knows why.
   */
  async stop(error: unknown): Promise<unknown> {
    this.firstFailure ??= { error, order: -1 };
    await Promise.all(this.settled);
    return ranksFirst(this.firstFailure, { error, order: -1 }) ? this.firstFailure.error : error;
  }

  /** Waits for everything queued; throws the first failure. */
  async drained(): Promise<void> {
    await Promise.all(this.settled);
    if (this.firstFailure) throw this.firstFailure.error;
  }
}

/**
 * Which of two failures the caller is told. A statement refused because the transaction is aborted ("current
 * transaction is aborted", 25P02) tells nothing of why: whatever failed first did. It can rank before that failure:
 * an INSERT's answer waits for the growth check inTransaction writes once the answer comes, behind statements already
 * written, so a failure among those fails the check and, through it, the earlier INSERT.
 */
function ranksFirst(a: Failure, b: Failure): boolean {
  const aborted = (f: Failure) => (f.error as { code?: unknown } | null)?.code === TRANSACTION_ABORTED;
  return aborted(a) === aborted(b) ? a.order < b.order : aborted(b);
}

const TRANSACTION_ABORTED = '25P02';

type Failure = { error: unknown; order: number };
