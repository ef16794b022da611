import type pg from 'pg';

/**
 * PGlite runs no autovacuum, so nothing refreshes the planner's statistics: after a big import the
 * planner still believes a table is empty and picks nested scans that take seconds instead of
 * milliseconds. This does autovacuum's analyze part for PGlite: writes are counted per table as
 * transactions commit, and a table written enough since it was last analyzed is analyzed again.
 * The counts only decide when to analyze (speed); no result depends on them.
 */
export type StatisticsUpkeep = {
  /** Counts a statement's written rows (INSERT/UPDATE/DELETE of our builders' shape). */
  count(writes: Map<string, number>, text: string, rowCount: number | null): void;
  /** After a commit: analyzes the tables past their threshold. */
  committed(writes: Map<string, number>): Promise<void>;
};

const WRITE = /^\s*(?:WITH\b[\s\S]*?\)\s*)?(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?([a-z_][a-z0-9_]*)"?/i;

export function statisticsUpkeep(pool: pg.Pool, minimum = 200, fraction = 0.2): StatisticsUpkeep {
  const pending = new Map<string, number>();
  const sizeAtAnalyze = new Map<string, number>();
  return {
    count(writes, text, rowCount) {
      const table = WRITE.exec(text)?.[1]?.toLowerCase();
      if (table && rowCount) writes.set(table, (writes.get(table) ?? 0) + rowCount);
    },
    async committed(writes) {
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
      // Identifiers come from our own SQL text (matched above), never from a request.
      if (due.length) await pool.query(`ANALYZE ${due.map((t) => `"${t}"`).join(', ')}`);
    },
  };
}
