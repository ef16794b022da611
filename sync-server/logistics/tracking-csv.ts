import { parse } from 'csv-parse/sync';
import { DomainError } from '../../domain/domain-error';
import type { Lang } from '../../domain/i18n/lang';
import { logisticsMessage } from '../../domain/logistics/logistics-messages';

/** Header names carriers use for our reference and for their number (case and spacing ignored). */
const SHIPMENT_HEADERS = [
  'shipment',
  'shipmentno',
  'shipmentnumber',
  'reference',
  'customerordernumber',
  'orderreference',
  'ref',
  '发货单号',
  '客户单号',
  '参考号',
];
const TRACKING_HEADERS = [
  'tracking',
  'trackingno',
  'trackingnumber',
  'waybill',
  'waybillnumber',
  'awb',
  '运单号',
  '跟踪号',
  '追踪号',
  '转单号',
];

const squash = (header: string) =>
  header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_#.\-]/g, '');

/**
 * A carrier's CSV of tracking numbers, matched by header: every row becomes {shipmentNo, trackingNo}, or an
 * error naming the row. A file without the two columns is refused as a whole, naming what it has.
 */
export function readTrackingCsv(
  text: string,
  lang: Lang,
): { entries: { shipmentNo: string; trackingNo: string; row: number }[]; errors: { row: number; message: string }[] } {
  let rows: string[][];
  try {
    rows = parse(text.replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: true, trim: true });
  } catch (error) {
    throw new DomainError('tracking_file_unreadable', { message: (error as Error).message });
  }
  const header = (rows[0] ?? []).map(squash);
  const shipmentAt = header.findIndex((h) => SHIPMENT_HEADERS.includes(h));
  const trackingAt = header.findIndex((h) => TRACKING_HEADERS.includes(h));
  if (shipmentAt < 0 || trackingAt < 0)
    throw new DomainError('tracking_file_unreadable', {
      message: logisticsMessage(lang, 'csv_columns', { headers: (rows[0] ?? []).join(', ') || '-' }),
    });
  const entries: { shipmentNo: string; trackingNo: string; row: number }[] = [];
  const errors: { row: number; message: string }[] = [];
  rows.slice(1).forEach((cells, i) => {
    const row = i + 2;
    const shipmentNo = cells[shipmentAt]?.trim() ?? '';
    const trackingNo = cells[trackingAt]?.trim() ?? '';
    if (!shipmentNo || !trackingNo) errors.push({ row, message: logisticsMessage(lang, 'csv_row_empty', { row }) });
    else entries.push({ shipmentNo, trackingNo, row });
  });
  return { entries, errors };
}
