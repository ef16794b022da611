// The enums of SpreadsheetApp that pivot tables use, as objects whose members print as their names.
import { enumOf } from './script-realm';

export const PivotTableSummarizeFunction = enumOf([
  'CUSTOM',
  'SUM',
  'COUNTA',
  'COUNT',
  'COUNTUNIQUE',
  'AVERAGE',
  'MAX',
  'MIN',
  'MEDIAN',
  'PRODUCT',
  'STDEV',
  'STDEVP',
  'VAR',
  'VARP',
] as const);
export const DateTimeGroupingRuleType = enumOf([
  'UNSUPPORTED',
  'SECOND',
  'MINUTE',
  'HOUR',
  'HOUR_MINUTE',
  'HOUR_MINUTE_AMPM',
  'DAY_OF_WEEK',
  'DAY_OF_YEAR',
  'DAY_OF_MONTH',
  'DAY_MONTH',
  'MONTH',
  'QUARTER',
  'YEAR',
  'YEAR_MONTH',
  'YEAR_QUARTER',
  'YEAR_MONTH_DAY',
] as const);
export const Dimension = enumOf(['COLUMNS', 'ROWS'] as const);
