/**
 * The add-on's own count of the Apps Script quotas it spends, per person (quotas are per user): UrlFetch
 * calls and trigger run time. Apps Script resets a quota 24 hours after its first use, so the window
 * starts at the first call counted and lasts 24 hours. Counted in memory during a run and saved once at
 * its end (property writes have a daily quota too).
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
  lastSync: number | null;
  /** 'manual' | 'edit' | 'timer': what ran last. */
  lastKind: string | null;
};

let callsThisRun = 0;

export function countUrlFetch(): void {
  callsThisRun += 1;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function usageKey(spreadsheetId: string): string {
  return `crossdock.usage.${spreadsheetId}`;
}

export function loadUsage(spreadsheetId: string, now: number): Usage {
  const raw = PropertiesService.getUserProperties().getProperty(usageKey(spreadsheetId));
  const saved = raw ? (JSON.parse(raw) as Usage) : null;
  if (!saved || now - saved.since >= DAY_MS) {
    return { since: now, calls: 0, triggerMs: 0, lastSync: saved?.lastSync ?? null, lastKind: saved?.lastKind ?? null };
  }
  return saved;
}

/** Adds this run's calls (and, for a trigger run, its time) to the person's count. */
export function saveRun(
  spreadsheetId: string,
  run: { kind: 'manual' | 'edit' | 'timer'; startedAt: number; endedAt: number; synced: boolean },
): Usage {
  const usage = loadUsage(spreadsheetId, run.startedAt);
  usage.calls += callsThisRun;
  callsThisRun = 0;
  if (run.kind !== 'manual') usage.triggerMs += Math.max(0, run.endedAt - run.startedAt);
  if (run.synced) {
    usage.lastSync = run.endedAt;
    usage.lastKind = run.kind;
  }
  PropertiesService.getUserProperties().setProperty(usageKey(spreadsheetId), JSON.stringify(usage));
  return usage;
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
