import type pg from 'pg';

/**
 * PGlite runs no autovacuum, so nothing refreshes the planner's statistics, and PostgreSQL's autovacuum
 * may come a minute late: right after a big import the planner still believes a table is empty and picks
 * nested scans that take seconds instead of milliseconds. Writes are counted per table as transactions
 * commit, and a table written enough since this process last analyzed it is analyzed again.
 * The counts only decide when to analyze (speed); no result depends on them.
 */
export type StatisticsUpkeep = {
  /** Counts a statement's written rows (INSERT/UPDATE/DELETE of our builders' shape). */
  count(writes: Map<string, number>, text: string, rowCount: number | null): void;
  /** After a commit: analyzes the tables past their threshold, after the caller has its answer. */
  committed(writes: Map<string, number>): void;
  /** Resolves when no analyze is running (before the pool closes). */
  idle(): Promise<void>;
};

const WRITE = /^\s*(?:WITH\b[\s\S]*?\)\s*)?(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?([a-z_][a-z0-9_]*)"?/i;

export function statisticsUpkeep(pool: pg.Pool, minimum = 200, fraction = 0.2): StatisticsUpkeep {
  const pending = new Map<string, number>();
  const sizeAtAnalyze = new Map<string, number>();
  let running: Promise<void> = Promise.resolve();
  return {
    count(writes, text, rowCount) {
      const table = WRITE.exec(text)?.[1]?.toLowerCase();
      if (table && rowCount) writes.set(table, (writes.get(table) ?? 0) + rowCount);
    },
    committed(writes) {
      const due: string[] = [];
      for (const [table, rows] of writes) {
        const total = (pending.get(table) ?? 0) + rows;
        const size = sizeAtAnalyze.get(table) ?? 0;
        if (total >= Math.max(minimum, fraction * size)) {
          due.push(table);
          pending.set(table, 0);
          sizeAtAnalyze.set(table, size + total);
        } else {
          pending.set(table, total);
        }
      }
      if (!due.length) return;
      // In the background, one at a time: the command that crossed the line does not wait for it.
      // Identifiers come from our own SQL text (matched above), never from a request.
      running = running.then(() => pool.query(`ANALYZE ${due.map((t) => `"${t}"`).join(', ')}`)).then(() => undefined, () => undefined);
    },
    idle: () => running,
  };
}
