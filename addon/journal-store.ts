/**
 * Where a person's edit journal lives (edit-journal.ts says what it holds): their own user properties,
 * which only they can read, in pieces.
 */
export type Journal = Record<string, JournalPart>;
export type JournalPart = {
  rows: Record<string, string>;
  ranges: [number, number][];
  /** Rows holding this person's formula, kept across syncs (formula-rows.ts). */
  standing?: Record<string, string>;
};

/** The tables with rows this person typed and has not synced yet (standing formula rows aside). */
export function pendingTables(journal: Journal): string[] {
  return Object.keys(journal).filter((entity) => {
    const part = journal[entity]!;
    return Object.keys(part.rows).length > 0 || part.ranges.length > 0;
  });
}

/**
 * A user property holds 9 KB, a person's store 500 KB (shared with their other spreadsheets): the
 * journal is split into pieces of 3,000 characters (at most 9 KB in UTF-8), up to 40 of them.
 */
const PIECE_CHARS = 3000;
const MAX_JOURNAL_CHARS = 40 * PIECE_CHARS;

function journalKey(spreadsheetId: string): string {
  return `crossdock.edits.${spreadsheetId}`;
}
const pieceKey = (spreadsheetId: string, n: number) =>
  n ? `${journalKey(spreadsheetId)}.${n}` : journalKey(spreadsheetId);

export function loadJournal(spreadsheetId: string): Journal {
  const props = PropertiesService.getUserProperties();
  let raw = '';
  for (let n = 0; ; n++) {
    const piece = props.getProperty(pieceKey(spreadsheetId, n));
    if (piece === null) break;
    raw += piece;
  }
  return raw ? (JSON.parse(raw) as Journal) : {};
}

/** Cuts text into pieces of at most PIECE_CHARS, never between the two halves of a surrogate pair. */
function pieces(text: string): string[] {
  const out: string[] = [];
  for (let start = 0; start < text.length;) {
    let end = Math.min(start + PIECE_CHARS, text.length);
    const code = text.charCodeAt(end - 1);
    if (end < text.length && code >= 0xd800 && code <= 0xdbff) end -= 1;
    out.push(text.slice(start, end));
    start = end;
  }
  return out;
}

export function saveJournal(spreadsheetId: string, journal: Journal): void {
  const props = PropertiesService.getUserProperties();
  for (const entity of Object.keys(journal)) {
    const part = journal[entity]!;
    if (part.standing && !Object.keys(part.standing).length) delete part.standing;
    if (!Object.keys(part.rows).length && !part.ranges.length && !part.standing) delete journal[entity];
  }
  let text = JSON.stringify(journal);
  // Too many single rows: keep them as ranges (still this person's, without fingerprints).
  if (text.length > MAX_JOURNAL_CHARS) {
    for (const part of Object.values(journal)) {
      const numbers = Object.keys(part.rows)
        .filter((k) => k.startsWith('#'))
        .map((k) => Number(k.slice(1)));
      for (const n of numbers) part.ranges.push([n, n]);
      part.rows = Object.fromEntries(
        Object.entries(part.rows)
          .filter(([k]) => !k.startsWith('#'))
          .slice(0, 50),
      );
    }
    text = JSON.stringify(journal);
  }
  const parts = text === '{}' ? [] : pieces(text);
  if (parts.length) props.setProperties(Object.fromEntries(parts.map((p, n) => [pieceKey(spreadsheetId, n), p])));
  for (let n = parts.length; props.getProperty(pieceKey(spreadsheetId, n)) !== null; n++) {
    props.deleteProperty(pieceKey(spreadsheetId, n));
  }
}

/**
 * Load, change and save this person's journal as one step: their simple trigger, their installable
 * trigger and their sync are separate executions that may overlap (Apps Script's user lock serializes
 * them; without it one could save over what another just recorded).
 */
export function updateJournal(spreadsheetId: string, change: (journal: Journal) => Journal | null): void {
  const lock = LockService.getUserLock();
  const locked = lock.tryLock(10_000);
  try {
    const next = change(loadJournal(spreadsheetId));
    if (next) saveJournal(spreadsheetId, next);
  } finally {
    if (locked) lock.releaseLock();
  }
}
