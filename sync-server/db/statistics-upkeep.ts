import type pg from 'pg';

/**
 * PGlite runs no autovacuum, so nothing refreshes the planner's statistics: a table created empty keeps
 * "0 rows" in the catalog, and after a big import the planner still picks scans that suit an empty
 * table (checking 10,000 new order lines against their orders took 17 s instead of 0.2 s). Once a table
 * has been analyzed with rows in it, the planner scales its estimate with the table's size on disk, so
 * what matters is the first analyze of a real table: rows inserted are counted per table as
 * transactions commit, and a table that got `minimum` rows is analyzed, once per process, in the
 * background (so hot requests rarely meet an analyze). The counts only decide when (speed); no result
 * depends on them.
 */
export type StatisticsUpkeep = {
  /**
   * After a commit (`inserted`: rows per table, counted by inTransaction): analyzes the tables past their threshold,
   * after the caller has its answer.
   */
  committed(inserted: Map<string, number>): void;
  /** Resolves when no analyze is running (before the pool closes). */
  idle(): Promise<void>;
};

export function statisticsUpkeep(pool: pg.Pool, minimum = 500): StatisticsUpkeep {
  const pending = new Map<string, number>();
  const analyzed = new Set<string>();
  let running: Promise<void> = Promise.resolve();
  return {
    committed(inserted) {
      const due: string[] = [];
      for (const [table, rows] of inserted) {
        if (analyzed.has(table)) continue;
        const total = (pending.get(table) ?? 0) + rows;
        pending.set(table, total);
        if (total < minimum) continue;
        due.push(table);
        analyzed.add(table);
      }
      if (!due.length) return;
      // One at a time, after the answer. Identifiers come from our own SQL text (planner-growth's insertedTable).
      running = running
        .then(() => pool.query(`ANALYZE ${due.map((t) => `"${t}"`).join(', ')}`))
        .then(
          () => undefined,
          () => undefined,
        );
    },
    idle: () => running,
  };
}
