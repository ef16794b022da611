// Apps Script members that @types/google-apps-script 2.0.13 lacks, as documented in the Apps Script
// reference (developers.google.com/apps-script/reference/spreadsheet: pivot-group, pivot-table,
// date-time-grouping-rule, pivot-group-limit). Declaration merging only: nothing here emits code.
declare namespace GoogleAppsScript {
  namespace Spreadsheet {
    enum DateTimeGroupingRuleType {
      UNSUPPORTED,
      SECOND,
      MINUTE,
      HOUR,
      HOUR_MINUTE,
      HOUR_MINUTE_AMPM,
      DAY_OF_WEEK,
      DAY_OF_YEAR,
      DAY_OF_MONTH,
      DAY_MONTH,
      MONTH,
      QUARTER,
      YEAR,
      YEAR_MONTH,
      YEAR_QUARTER,
      YEAR_MONTH_DAY,
    }
    interface DateTimeGroupingRule {
      getRuleType(): DateTimeGroupingRuleType;
    }
    interface PivotGroupLimit {
      getCountLimit(): Integer;
      getPivotGroup(): PivotGroup;
      remove(): void;
      setCountLimit(countLimit: Integer): PivotGroupLimit;
    }
    interface PivotGroup {
      getDateTimeGroupingRule(): DateTimeGroupingRule | null;
      setDateTimeGroupingRule(dateTimeGroupingRuleType: DateTimeGroupingRuleType): PivotGroup;
      getGroupLimit(): PivotGroupLimit | null;
      setGroupLimit(countLimit: Integer): PivotGroup;
    }
    interface PivotTable {
      getSourceDataRange(): Range;
    }
    interface PivotValue {
      getSourceDataColumn(): Integer;
      remove(): void;
    }
    interface SpreadsheetApp {
      DateTimeGroupingRuleType: typeof DateTimeGroupingRuleType;
    }
  }
}
