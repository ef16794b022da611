import { hasBadCharacters } from '../../domain/contracts/text-limits';
import { DomainError, type FieldError } from '../../domain/domain-error';
import type { Lang } from '../../domain/i18n/lang';
import { inventoryMessage } from '../../domain/inventory/inventory-messages';
import { countedOnHand, releasesForShortfall } from '../../domain/inventory/stock-count';
import { splitStockKey, stockKey } from '../../domain/inventory/stock-key';
import { STOCK_TABLE } from '../../domain/inventory/stock-table';
import { KEY_PATTERN, validateRow } from '../../domain/sheets/row-validation';
import { canEdit, roleRefusal, type PushedRow } from '../../domain/sync/push-decision';
import type { RowResult, SyncedRow } from '../../domain/contracts/sync';
import type { Principal } from '../access/principal';
import { run, type Queryable } from '../db/database';
import { selectRowsByKey } from '../tables/table-sql';
import { toSyncedRow } from '../tables/row-mapping';
import {
  activeReservations,
  allocateWaiting,
  inventoryContext,
  lockStock,
  settleOrders,
  writeInventoryEvents,
  writeStockLines,
  type InventoryContext,
} from './allocation-service';
import {
  emptyStockLine,
  insertAdjustments,
  insertReservations,
  releaseReservations,
  selectActiveReservationsOfStock,
  selectKnownSkus,
  selectLastCounts,
  selectOrdersWithLinesForUpdate,
  selectWarehouses,
  type ActiveReservation,
  type Adjustment,
  type AllocatableOrder,
  type StockRow,
} from './stock-sql';

type Count = {
  index: number;
  key: string;
  sku: string;
  warehouse: string;
  typed: number;
  base: number | null;
  baseVersion: number | null;
  note: string | null | undefined;
};

/**
 * Stock sheet rows pushed by a sync: each is a count (docs/inventory.md), applied as the change since that
 * sheet's last sync. A count below what is reserved takes stock from the newest reservations first;
 * a count up gives stock to the orders waiting longest. Refused rows are answered with every reason.
 */
export async function pushStockCounts(
  client: Queryable,
  principal: Principal,
  clientId: string,
  rows: PushedRow[],
  lang: Lang,
  at: Date,
  changeNo: number,
  correlationId: string,
): Promise<{ results: RowResult[]; changeNo: number }> {
  // Null until decided: a row not refused by the end is applied.
  const results: (RowResult | null)[] = rows.map(() => null);
  const keys = rows.map((row) => row.key.trim());
  const current = await serverRows(client, principal.workspaceId, keys, lang);
  const counts: Count[] = [];
  const seen = new Map<string, number>();
  for (const key of keys) seen.set(key, (seen.get(key) ?? 0) + 1);
  const checks = await referenceChecks(client, principal.workspaceId, keys);
  rows.forEach((row, index) => {
    const key = keys[index]!;
    const refuse = (errors: FieldError[], withRow = false) =>
      (results[index] = {
        key: row.key,
        status: 'rejected',
        errors,
        ...(withRow && current.get(key) ? { row: current.get(key)! } : {}),
      });
    const parts = splitStockKey(key);
    if (!parts || !KEY_PATTERN.test(parts.sku) || !KEY_PATTERN.test(parts.warehouse))
      return refuse([{ field: 'stock_key', code: 'bad_stock_key', message: inventoryMessage(lang, 'bad_stock_key') }]);
    if (!canEdit(STOCK_TABLE, principal.roles)) return refuse([roleRefusal(STOCK_TABLE, principal.roles, lang)], true);
    if (seen.get(key)! > 1)
      return refuse([
        {
          field: 'stock_key',
          code: 'duplicate_key_in_push',
          message: inventoryMessage(lang, 'duplicate_line', { key }),
        },
      ]);
    const unknownField = Object.keys(row.values).filter((field) => field !== 'on_hand' && field !== 'count_note');
    const note = 'count_note' in row.values ? { count_note: row.values.count_note ?? null } : {};
    const validation = validateRow(
      STOCK_TABLE,
      {
        on_hand: row.values.on_hand ?? null,
        ...note,
        ...Object.fromEntries(unknownField.map((f) => [f, row.values[f]])),
      },
      lang,
    );
    const errors = validation.ok ? [] : [...validation.errors];
    if (!checks.skus.has(parts.sku))
      errors.push({
        field: 'sku',
        code: 'unknown_sku',
        message: inventoryMessage(lang, 'unknown_sku', { sku: parts.sku }),
      });
    if (!checks.warehouses.has(parts.warehouse))
      errors.push({
        field: 'warehouse',
        code: 'unknown_warehouse',
        message: inventoryMessage(lang, 'unknown_warehouse', { warehouse: parts.warehouse }),
      });
    if (errors.length || !validation.ok) return refuse(errors);
    counts.push({
      index,
      key: stockKey(parts.sku, parts.warehouse),
      ...parts,
      typed: Number(validation.values.on_hand),
      base: row.base?.on_hand ?? null,
      baseVersion: row.baseVersion,
      note: 'count_note' in note ? ((validation.values.count_note as string | null) ?? null) : undefined,
    });
  });

  const ctx = inventoryContext(client, principal.workspaceId, principal.actor, at, correlationId, changeNo);
  const stock = await lockStock(ctx, [...new Set(counts.map((c) => c.sku))]);
  const lastCounts = new Map(
    (
      await run<{ stock_key: string; count_base: number | null; count_typed: number; base_version: number | null }>(
        client,
        selectLastCounts(
          principal.workspaceId,
          counts.map((c) => c.key),
          clientId,
        ),
      )
    ).rows.map((r) => [r.stock_key, r]),
  );
  const adjustments: Adjustment[] = [];
  const changed: StockRow[] = [];
  for (const count of counts) {
    const line = stock.get(count.key);
    // The same count again from the same sheet, which has not seen any newer version of the line: its
    // first answer was lost (the sheet never stored it). Applying it again would count the change twice.
    const last = lastCounts.get(count.key);
    if (
      line &&
      last &&
      last.count_base === count.base &&
      last.count_typed === count.typed &&
      last.base_version === count.baseVersion
    )
      continue;
    const after = countedOnHand(line?.on_hand ?? 0, line ? count.base : null, count.typed, count, lang);
    if (after instanceof DomainError) {
      results[count.index] = {
        key: rows[count.index]!.key,
        status: 'rejected',
        errors: [{ field: 'on_hand', code: after.code, message: after.message }],
        row: current.get(count.key),
      };
      continue;
    }
    const noteChanged = count.note !== undefined && count.note !== (line?.count_note ?? null);
    if (line && after === line.on_hand) {
      // Only the note changed: keep it, no adjustment.
      if (noteChanged) changed.push(Object.assign(line, { count_note: count.note }));
      continue;
    }
    const row = line ?? { ...emptyStockLine(count.key, count.sku, count.warehouse), count_note: null };
    // A note belongs to the count it was typed with: a later count that leaves the cell as it was (the
    // sheet still shows the last reason) carries none, and the line's note is cleared.
    row.count_note = noteChanged || !line ? (count.note ?? null) : null;
    adjustments.push({
      stock_key: count.key,
      kind: line ? 'count' : 'created',
      on_hand_before: row.on_hand,
      on_hand_after: after,
      reason: row.count_note ?? null,
      count: {
        client_id: clientId,
        count_base: line ? count.base : null,
        count_typed: count.typed,
        base_version: count.baseVersion,
      },
    });
    row.on_hand = after;
    stock.set(count.key, row);
    changed.push(row);
  }
  // Stock the count took away: the newest reservations give way, their orders wait again.
  const shortfall = changed.filter((row) => row.reserved > row.on_hand);
  const touchedOrders = await releaseForShortfall(ctx, shortfall, lang);
  await writeStockLines(ctx, changed);
  if (adjustments.length) {
    await run(client, insertAdjustments(principal.workspaceId, adjustments, at, principal.actor, correlationId));
    ctx.events.push(
      ...adjustments.map((a) => ({
        actor: principal.actor,
        entity: 'stock',
        entityKey: a.stock_key,
        action: a.kind === 'created' ? 'created' : 'counted',
        before: { on_hand: a.on_hand_before },
        after: { on_hand: a.on_hand_after, ...(a.reason ? { note: a.reason } : {}) },
        correlationId,
      })),
    );
  }
  if (touchedOrders.length) await settle(ctx, touchedOrders);
  // Stock that came in, and orders that just lost theirs (another warehouse may have it): first approved first.
  const skus = [
    ...adjustments.filter((a) => a.on_hand_after > a.on_hand_before).map((a) => splitStockKey(a.stock_key)!.sku),
    ...shortfall.map((line) => line.sku),
  ];
  await allocateWaiting(ctx, [...new Set(skus)]);
  await writeInventoryEvents(ctx);

  const after = await serverRows(
    client,
    principal.workspaceId,
    counts.map((c) => c.key),
    lang,
  );
  for (const count of counts) {
    if (results[count.index]) continue;
    const row = after.get(count.key)!;
    results[count.index] = { key: rows[count.index]!.key, status: 'applied', version: row.version, row };
  }
  return { results: results.map((r) => r!), changeNo: ctx.changeNo };
}

/** Releases reservations (newest first) until each line's reserved fits its new on hand; returns the orders touched. */
async function releaseForShortfall(ctx: InventoryContext, lines: StockRow[], lang: Lang): Promise<string[]> {
  if (!lines.length) return [];
  const held = (
    await run<ActiveReservation>(
      ctx.client,
      selectActiveReservationsOfStock(
        ctx.workspaceId,
        lines.map((l) => l.stock_key),
      ),
    )
  ).rows.map((r) => ({ ...r, id: Number(r.id), qty: Number(r.qty) }));
  const touched = new Set<string>();
  for (const line of lines) {
    const mine = held.filter((r) => r.stock_key === line.stock_key);
    const releases = releasesForShortfall(
      mine.map((r) => ({ id: r.id, orderNo: r.order_no, lineNo: r.line_no, qty: r.qty, seq: r.id })),
      line.on_hand,
    );
    if (!releases.length) continue;
    const reason =
      lang === 'zh' ? `${line.stock_key} 盘点后库存不足` : `${line.stock_key} counted below what was reserved`;
    await run(
      ctx.client,
      releaseReservations(
        ctx.workspaceId,
        releases.map((r) => r.id),
        ctx.at,
        reason,
      ),
    );
    // A reservation that keeps part of its quantity is re-made with what it keeps.
    const kept = releases
      .filter((r) => r.keep > 0)
      .map((r) => ({
        order_no: r.orderNo,
        line_no: r.lineNo,
        stock_key: line.stock_key,
        sku: line.sku,
        warehouse: line.warehouse,
        qty: r.keep,
      }));
    if (kept.length) await run(ctx.client, insertReservations(ctx.workspaceId, kept, ctx.at));
    line.reserved -= releases.reduce((sum, r) => sum + r.release, 0);
    for (const r of releases) touched.add(r.orderNo);
    ctx.events.push(
      ...releases.map((r) => ({
        actor: ctx.actor,
        entity: 'orders',
        entityKey: r.orderNo,
        action: 'released',
        before: null,
        after: { lines: [{ line: r.lineNo, sku: line.sku, warehouse: line.warehouse, qty: r.release }], reason },
        correlationId: ctx.correlationId,
      })),
    );
  }
  return [...touched];
}

async function settle(ctx: InventoryContext, orderNos: string[]): Promise<void> {
  const orders = (await run<AllocatableOrder>(ctx.client, selectOrdersWithLinesForUpdate(ctx.workspaceId, orderNos)))
    .rows;
  await settleOrders(ctx, orders, await activeReservations(ctx, orderNos));
}

async function serverRows(
  client: Queryable,
  workspaceId: string,
  keys: string[],
  lang: Lang,
): Promise<Map<string, SyncedRow>> {
  const found = (
    await run<{ rows: Record<string, unknown>[] }>(client, selectRowsByKey(STOCK_TABLE, workspaceId, keys))
  ).rows[0]!.rows;
  return new Map(found.map((r) => [String(r.stock_key), toSyncedRow(STOCK_TABLE, r, lang)]));
}

async function referenceChecks(
  client: Queryable,
  workspaceId: string,
  keys: string[],
): Promise<{ skus: Set<string>; warehouses: Set<string> }> {
  const parts = keys
    .filter((key) => !hasBadCharacters(key))
    .map(splitStockKey)
    .filter((p): p is { sku: string; warehouse: string } => p !== null);
  const skus = new Set(
    (await run<{ sku: string }>(client, selectKnownSkus(workspaceId, [...new Set(parts.map((p) => p.sku))]))).rows.map(
      (r) => r.sku,
    ),
  );
  const warehouses = new Set(
    (await run<{ code: string }>(client, selectWarehouses(workspaceId))).rows.map((r) => r.code),
  );
  return { skus, warehouses };
}
