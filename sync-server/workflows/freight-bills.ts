import { parse } from 'csv-parse/sync';
import type { z } from 'zod';
import type { FreightBillBody, FreightBillResponse } from '../../domain/contracts/reports';
import { DomainError, type FieldError } from '../../domain/domain-error';
import { freightBillMessage, readFreightBill, type FreightCharge } from '../../domain/reports/freight-bill';
import type { Principal } from '../access/principal';
import { run, type Database } from '../db/database';
import { selectShipmentsByTracking, setActualFreight } from '../reports/freight-sql';
import { runCommand } from './command-runner';

/**
 * A carrier's bill applied to its parcels (docs/reports.md): each shipment's actual freight replaces the
 * rate card's estimate in the reports. Every row is checked (shape, then that a shipment has the tracking
 * number) before anything is written; one bad row refuses the bill, naming every bad row.
 */
export async function applyFreightBill(
  db: Database,
  principal: Principal,
  cmd: FreightBillBody,
  now: () => Date,
): Promise<z.infer<typeof FreightBillResponse>> {
  const read = cmd.csv !== undefined ? billFromCsv(cmd.csv, cmd.currency ?? null, cmd) : billFromEntries(cmd);
  return runCommand(db, principal, cmd.idempotencyKey, cmd, now, async (ctx) => {
    const errors = [...read.errors];
    const found = (
      await run<{ shipment_no: string; tracking_no: string; freight: string | null; freight_currency: string | null }>(
        ctx.client,
        selectShipmentsByTracking(
          ctx.workspaceId,
          read.charges.map((c) => c.trackingNo),
        ),
      )
    ).rows;
    const byTracking = new Map(found.map((s) => [s.tracking_no, s]));
    for (const charge of read.charges)
      if (!byTracking.has(charge.trackingNo))
        errors.push({
          row: charge.row,
          field: 'trackingNo',
          message: freightBillMessage(cmd.lang, 'bill_unknown_tracking', {
            row: charge.row,
            tracking: charge.trackingNo,
          }),
        });
    if (errors.length) throw refusal(errors);
    const writes = read.charges.map((c) => {
      ctx.changeNo += 1;
      return { ...c, shipment_no: byTracking.get(c.trackingNo)!.shipment_no, change_no: ctx.changeNo };
    });
    await run(ctx.client, setActualFreight(ctx.workspaceId, writes, ctx.at, ctx.actor));
    const applied = writes.map((w) => {
      const before = byTracking.get(w.trackingNo)!;
      const estimate =
        before.freight !== null && before.freight_currency
          ? { amount: before.freight, currency: before.freight_currency }
          : null;
      ctx.events.push({
        actor: ctx.actor,
        entity: 'shipments',
        entityKey: w.shipment_no,
        action: 'freight_billed',
        before: { estimate },
        after: { actual: { amount: w.amount, currency: w.currency } },
        correlationId: ctx.correlationId,
      });
      return {
        shipmentNo: w.shipment_no,
        trackingNo: w.trackingNo,
        estimate,
        actual: { amount: w.amount, currency: w.currency },
      };
    });
    return { applied };
  });
}

type Read = { charges: FreightCharge[]; errors: { row: number; field: string; message: string }[] };

function billFromCsv(text: string, currency: string | null, cmd: FreightBillBody): Read {
  let rows: string[][];
  try {
    rows = parse(text.replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: true });
  } catch (error) {
    throw new DomainError('freight_bill_unreadable', { message: (error as Error).message });
  }
  const read = readFreightBill(rows, currency, cmd.lang);
  if ('unreadable' in read) throw new DomainError('freight_bill_unreadable', { message: read.unreadable });
  return read;
}

function billFromEntries(cmd: FreightBillBody): Read {
  const rows = [
    ['tracking', 'amount', 'currency'],
    ...(cmd.entries ?? []).map((e) => [e.trackingNo, e.amount, e.currency]),
  ];
  const read = readFreightBill(rows, null, cmd.lang);
  return 'unreadable' in read ? { charges: [], errors: [] } : read;
}

function refusal(errors: Read['errors']): DomainError {
  const details: FieldError[] = errors
    .sort((a, b) => a.row - b.row)
    .map((e) => ({ field: `rows.${e.row}.${e.field}`, code: 'invalid_freight_bill', message: e.message }));
  return new DomainError('invalid_freight_bill', {}, details);
}
