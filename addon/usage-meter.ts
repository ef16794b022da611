/**
 * The add-on's own count of the Apps Script quotas it spends, per person (quotas are per user): UrlFetch
 * calls and trigger run time. Apps Script resets a quota 24 hours after its first use, so the window
 * starts at the first call counted and lasts 24 hours.
 */
export const BUDGETS = {
  consumer: { urlFetchPerDay: 20_000, triggerMinutesPerDay: 90 },
  workspace: { urlFetchPerDay: 100_000, triggerMinutesPerDay: 360 },
  runMinutes: 6,
} as const;

export type Usage = {
  /** When the 24-hour window began (ms). */
  since: number;
  calls: number;
  triggerMs: number;
  /** This spreadsheet's last sync (ms) and what ran it: 'manual' | 'edit' | 'timer'. */
  lastSync: number | null;
  lastKind: string | null;
};

const DAY_MS = 24 * 60 * 60 * 1000;
/** Quotas are per user (all spreadsheets together); the last sync is per spreadsheet. */
const USAGE = 'crossdock.usage';
const lastKey = (spreadsheetId: string) => `crossdock.lastSync.${spreadsheetId}`;

type Counted = Pick<Usage, 'since' | 'calls' | 'triggerMs'>;

function loadCounted(now: number): Counted {
  const raw = PropertiesService.getUserProperties().getProperty(USAGE);
  const saved = raw ? (JSON.parse(raw) as Counted) : null;
  return !saved || now - saved.since >= DAY_MS ? { since: now, calls: 0, triggerMs: 0 } : saved;
}

function saveCounted(counted: Counted): void {
  PropertiesService.getUserProperties().setProperty(USAGE, JSON.stringify(counted));
}

/**
 * Counted as it happens (a property read and write per call: Apps Script starts every execution afresh,
 * so a count kept in memory would lose the calls of runs that end without saving it).
 */
export function countUrlFetch(): void {
  const counted = loadCounted(Date.now());
  counted.calls += 1;
  saveCounted(counted);
}

export function loadUsage(spreadsheetId: string, now: number): Usage {
  const raw = PropertiesService.getUserProperties().getProperty(lastKey(spreadsheetId));
  const last = raw ? (JSON.parse(raw) as { at: number; kind: string }) : null;
  return { ...loadCounted(now), lastSync: last?.at ?? null, lastKind: last?.kind ?? null };
}

/** Adds a trigger run's time to the person's count, and notes the spreadsheet's last sync. */
export function saveRun(
  spreadsheetId: string,
  run: { kind: 'manual' | 'edit' | 'timer'; startedAt: number; endedAt: number; synced: boolean },
): void {
  if (run.kind !== 'manual') {
    const counted = loadCounted(run.startedAt);
    counted.triggerMs += Math.max(0, run.endedAt - run.startedAt);
    saveCounted(counted);
  }
  if (run.synced) {
    PropertiesService.getUserProperties().setProperty(
      lastKey(spreadsheetId),
      JSON.stringify({ at: run.endedAt, kind: run.kind }),
    );
  }
}

/**
 * Whether a background run may start: it stops at 90% of the smaller (consumer) budgets, so a person's
 * own clicks and edits still have room the same day.
 */
export function backgroundAllowed(usage: Usage): boolean {
  return (
    usage.calls < BUDGETS.consumer.urlFetchPerDay * 0.9 &&
    usage.triggerMs < BUDGETS.consumer.triggerMinutesPerDay * 60_000 * 0.9
  );
}
