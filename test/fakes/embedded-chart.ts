/// <reference types="google-apps-script" />
// Charts on a sheet (Sheet.newChart ... build, insertChart, getCharts, removeChart, updateChart): the
// builder's type, ranges, position and options, kept as data; nothing is drawn. A built chart gets its
// id when it is inserted (getChartId is null before, as for a chart not in a spreadsheet).
import type { FakeSheet } from './sheet';

type Builder = GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder;
type Chart = GoogleAppsScript.Spreadsheet.EmbeddedChart;
type Range = GoogleAppsScript.Spreadsheet.Range;

export type ChartType = 'AREA' | 'BAR' | 'COLUMN' | 'COMBO' | 'HISTOGRAM' | 'LINE' | 'PIE' | 'SCATTER' | 'TABLE';

interface ChartState {
  type: ChartType | null;
  ranges: Range[];
  position: { row: number; col: number; offsetX: number; offsetY: number };
  options: Record<string, unknown>;
  id: number | null;
}

let nextChartId = 1_000_001;

export class FakeEmbeddedChart {
  constructor(
    readonly sheet: FakeSheet,
    readonly state: ChartState,
  ) {}
  asChart(): Chart {
    return this as unknown as Chart;
  }
  get type(): ChartType | null {
    return this.state.type;
  }
  getChartId(): number | null {
    return this.state.id;
  }
  getRanges(): Range[] {
    return [...this.state.ranges];
  }
  getContainerInfo(): GoogleAppsScript.Spreadsheet.ContainerInfo {
    const { row, col, offsetX, offsetY } = this.state.position;
    return {
      getAnchorRow: () => row,
      getAnchorColumn: () => col,
      getOffsetX: () => offsetX,
      getOffsetY: () => offsetY,
    };
  }
  getOptions(): GoogleAppsScript.Charts.ChartOptions {
    const options = { ...this.state.options };
    return { get: (name: string) => options[name] ?? null };
  }
  modify(): Builder {
    return new FakeEmbeddedChartBuilder(this.sheet, { ...this.state, ranges: [...this.state.ranges] }).asBuilder();
  }
}

/** One builder for all chart kinds: asColumnChart() and the like set the type and return the same builder. */
export class FakeEmbeddedChartBuilder {
  constructor(
    readonly sheet: FakeSheet,
    private state: ChartState = {
      type: null,
      ranges: [],
      position: { row: 1, col: 1, offsetX: 0, offsetY: 0 },
      options: {},
      id: null,
    },
  ) {}
  asBuilder(): Builder {
    return this as unknown as Builder;
  }
  private as(type: ChartType): never {
    this.state.type = type;
    return this as never;
  }
  asAreaChart() {
    return this.as('AREA');
  }
  asBarChart() {
    return this.as('BAR');
  }
  asColumnChart() {
    return this.as('COLUMN');
  }
  asComboChart() {
    return this.as('COMBO');
  }
  asHistogramChart() {
    return this.as('HISTOGRAM');
  }
  asLineChart() {
    return this.as('LINE');
  }
  asPieChart() {
    return this.as('PIE');
  }
  asScatterChart() {
    return this.as('SCATTER');
  }
  asTableChart() {
    return this.as('TABLE');
  }
  addRange(range: Range): Builder {
    if (!range || typeof range.getA1Notation !== 'function')
      throw this.sheet.spreadsheet.realm.error('Invalid argument: range');
    this.state.ranges.push(range);
    return this.asBuilder();
  }
  clearRanges(): Builder {
    this.state.ranges = [];
    return this.asBuilder();
  }
  getRanges(): Range[] {
    return [...this.state.ranges];
  }
  setOption(option: string, value: unknown): Builder {
    this.state.options[String(option)] = value;
    return this.asBuilder();
  }
  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number): Builder {
    if (!(anchorRowPos >= 1) || !(anchorColPos >= 1))
      throw this.sheet.spreadsheet.realm.error('Invalid argument: anchorRowPos');
    this.state.position = { row: anchorRowPos, col: anchorColPos, offsetX, offsetY };
    return this.asBuilder();
  }
  build(): Chart {
    if (this.state.ranges.length === 0) throw this.sheet.spreadsheet.realm.error('The chart has no data ranges.');
    return new FakeEmbeddedChart(this.sheet, {
      ...this.state,
      ranges: [...this.state.ranges],
      type: this.state.type ?? 'LINE',
    }).asChart();
  }
}

/** Sheet.insertChart / updateChart / removeChart over the sheet's list. */
export function insertChart(sheet: FakeSheet, chart: Chart): void {
  if (!(chart instanceof FakeEmbeddedChart)) throw sheet.spreadsheet.realm.error('Invalid argument: chart');
  chart.state.id = nextChartId++;
  sheet.charts.push(new FakeEmbeddedChart(sheet, chart.state));
}
export function removeChart(sheet: FakeSheet, chart: Chart): void {
  const id = chart instanceof FakeEmbeddedChart ? chart.state.id : null;
  const index = sheet.charts.findIndex((c) => c.state.id === id && id !== null);
  if (index < 0) throw sheet.spreadsheet.realm.error('Invalid argument: chart');
  sheet.charts.splice(index, 1);
}
export function updateChart(sheet: FakeSheet, chart: Chart): void {
  if (!(chart instanceof FakeEmbeddedChart)) throw sheet.spreadsheet.realm.error('Invalid argument: chart');
  const index = sheet.charts.findIndex((c) => c.state.id === chart.state.id && c.state.id !== null);
  if (index < 0) insertChart(sheet, chart);
  else sheet.charts[index] = new FakeEmbeddedChart(sheet, chart.state);
}
