import os from 'node:os';

/** "Title — 2026-11-27, 2 × CPU model, Node v20…": every table in BENCHMARKS.md names its machine and date. */
export function machineLine(title: string): string {
  return `${title} — ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, Node ${process.version}`;
}

/** Prints a benchmark's rows as the Markdown table pasted into BENCHMARKS.md. */
export function printTable(title: string, headers: readonly string[], rows: readonly string[]): void {
  console.log(`\n${machineLine(title)}`);
  console.log(`\n| ${headers.join(' | ')} |`);
  console.log(`|${headers.map(() => '---').join('|')}|`);
  for (const row of rows) console.log(row);
}

/** Runs a benchmark's main; a failure exits non-zero so `npm run bench` stops on it. */
export function runBench(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}

/** Generated orders look alike (no phone, one customer): review flags are not what these benchmarks measure. */
export const BENCH_OVERRIDE = { override: true, reason: 'benchmark orders: review flags are not measured' } as const;
