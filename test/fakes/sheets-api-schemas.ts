import type { sheets_v4 } from '@googleapis/sheets';
import { z } from 'zod';
import { DateTimeGroupingRuleType, PivotTableSummarizeFunction } from './pivot-enums';

/**
 * Request bodies of the Sheets API v4 calls the publisher makes, as strict zod schemas. Each one
 * `satisfies z.ZodType<sheets_v4.Schema$…>`, so tsc proves every field here exists in the googleapis type
 * with its type; the strict objects refuse at run time any field these schemas leave out, the way Google
 * answers 400 "Invalid JSON payload received. Unknown name". Enums are the API reference's.
 */
const int = z.number().int();
const nonNegative = int.min(0);

const GridRange = z.strictObject({
  sheetId: int,
  startRowIndex: nonNegative.optional(),
  endRowIndex: nonNegative.optional(),
  startColumnIndex: nonNegative.optional(),
  endColumnIndex: nonNegative.optional(),
}) satisfies z.ZodType<sheets_v4.Schema$GridRange>;

const GridCoordinate = z.strictObject({
  sheetId: int,
  rowIndex: nonNegative,
  columnIndex: nonNegative,
}) satisfies z.ZodType<sheets_v4.Schema$GridCoordinate>;

const NumberFormat = z.strictObject({
  type: z.enum(['TEXT', 'NUMBER', 'PERCENT', 'CURRENCY', 'DATE', 'TIME', 'DATE_TIME', 'SCIENTIFIC']),
  pattern: z.string().optional(),
}) satisfies z.ZodType<sheets_v4.Schema$NumberFormat>;

const CellFormat = z.strictObject({
  numberFormat: NumberFormat.optional(),
  textFormat: z.strictObject({ bold: z.boolean().optional() }).optional(),
}) satisfies z.ZodType<sheets_v4.Schema$CellFormat>;

// Sheets API v4 and Apps Script name these the same (docs: PivotValueSummarizeFunction, DateTimeRuleType).
const SUMMARIZE = Object.keys(PivotTableSummarizeFunction).filter((name) => name !== 'CUSTOM') as [string, ...string[]];
const DATE_TIME_RULES = Object.keys(DateTimeGroupingRuleType).filter((name) => name !== 'UNSUPPORTED') as [
  string,
  ...string[],
];

export const PivotGroup = z.strictObject({
  sourceColumnOffset: nonNegative,
  showTotals: z.boolean().optional(),
  sortOrder: z.enum(['ASCENDING', 'DESCENDING']).optional(),
  valueBucket: z.strictObject({ valuesIndex: nonNegative.optional() }).optional(),
  groupRule: z.strictObject({ dateTimeRule: z.strictObject({ type: z.enum(DATE_TIME_RULES) }) }).optional(),
  groupLimit: z.strictObject({ countLimit: int.min(1), applyOrder: int.optional() }).optional(),
  label: z.string().optional(),
}) satisfies z.ZodType<sheets_v4.Schema$PivotGroup>;

// A value summarizes a source column, or is a calculated field (CUSTOM with a formula over field names).
export const PivotValue = z.union([
  z.strictObject({ name: z.string().min(1), sourceColumnOffset: nonNegative, summarizeFunction: z.enum(SUMMARIZE) }),
  z.strictObject({
    name: z.string().min(1),
    formula: z.string().startsWith('='),
    summarizeFunction: z.literal('CUSTOM'),
  }),
]) satisfies z.ZodType<sheets_v4.Schema$PivotValue>;

const PivotFilterSpec = z.strictObject({
  columnOffsetIndex: nonNegative,
  filterCriteria: z.strictObject({
    condition: z.strictObject({
      type: z.enum(['NUMBER_LESS_THAN_EQ', 'NUMBER_LESS', 'NUMBER_GREATER', 'NUMBER_GREATER_THAN_EQ', 'NUMBER_EQ']),
      values: z.array(z.strictObject({ userEnteredValue: z.string() })).length(1),
    }),
  }),
}) satisfies z.ZodType<sheets_v4.Schema$PivotFilterSpec>;

export const PivotTable = z.strictObject({
  source: GridRange,
  rows: z.array(PivotGroup).optional(),
  columns: z.array(PivotGroup).optional(),
  values: z.array(PivotValue).min(1),
  filterSpecs: z.array(PivotFilterSpec).optional(),
  valueLayout: z.enum(['HORIZONTAL', 'VERTICAL']).optional(),
}) satisfies z.ZodType<sheets_v4.Schema$PivotTable>;
export type PivotTable = z.infer<typeof PivotTable>;

const SheetProperties = z.strictObject({
  sheetId: int.optional(),
  title: z.string().min(1).max(100).optional(),
  gridProperties: z
    .strictObject({
      rowCount: int.min(1).optional(),
      columnCount: int.min(1).optional(),
      frozenRowCount: nonNegative.optional(),
    })
    .optional(),
}) satisfies z.ZodType<sheets_v4.Schema$SheetProperties>;

export const SheetsRequest = z.union([
  z.strictObject({ addSheet: z.strictObject({ properties: SheetProperties }) }),
  z.strictObject({
    updateSheetProperties: z.strictObject({ properties: SheetProperties, fields: z.string().min(1) }),
  }),
  z.strictObject({
    repeatCell: z.strictObject({
      range: GridRange,
      cell: z.strictObject({ userEnteredFormat: CellFormat }),
      fields: z.string().min(1),
    }),
  }),
  z.strictObject({
    updateCells: z.strictObject({
      start: GridCoordinate,
      rows: z.array(z.strictObject({ values: z.array(z.strictObject({ pivotTable: PivotTable.optional() })) })),
      fields: z.literal('pivotTable'),
    }),
  }),
]) satisfies z.ZodType<sheets_v4.Schema$Request>;
export type SheetsRequest = z.infer<typeof SheetsRequest>;

export const BatchUpdateSpreadsheetRequest = z.strictObject({
  requests: z.array(SheetsRequest).min(1),
}) satisfies z.ZodType<sheets_v4.Schema$BatchUpdateSpreadsheetRequest>;

const CellValue = z.union([z.string(), z.number(), z.boolean()]);

export const BatchUpdateValuesRequest = z.strictObject({
  valueInputOption: z.enum(['RAW', 'USER_ENTERED']),
  data: z
    .array(
      z.strictObject({
        range: z.string().min(1),
        majorDimension: z.enum(['ROWS', 'COLUMNS']).optional(),
        values: z.array(z.array(CellValue)),
      }),
    )
    .min(1),
}) satisfies z.ZodType<sheets_v4.Schema$BatchUpdateValuesRequest>;
