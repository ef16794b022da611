/**
 * Apps Script entry points. Thin on purpose: each one gathers its inputs and calls a plain module.
 * The build exposes every export here as a top-level function (menus and google.script.run need that).
 */
import {
  afterSaleSidebarState,
  closeAfterSaleCase,
  openAfterSaleCase,
  receiveAfterSaleReturn,
  type AfterSaleOutcome,
  type AfterSaleSidebarState,
  type CloseInput,
  type OpenCaseInput,
  type ReceiveInput,
} from './after-sale-actions';
import { connectionDialogState, testAndSaveConnection, type ConnectForm, type ConnectResult } from './connect-flow';
import { loadConnection } from './connection-store';
import { importDialogState, importOrders, type ImportForm, type ImportOutcome } from './order-import-flow';
import {
  applyOrderAction,
  orderSidebarState,
  type ActionInput,
  type ActionOutcome,
  type SidebarState,
} from './order-actions';
import { buildMenu } from './menu';
import { refreshMyProducts } from './my-products-sheet';
import { buildReports as buildReportSheet, type BuildOutcome } from './report-pivots';
import { refreshReportSources, type RefreshOutcome } from './report-refresh';
import { editParcel, type ParcelEditInput } from './parcel-edits';
import { createPurchaseOrdersFromSelection, refreshPurchasePlan, type PlanOutcome } from './purchase-plan';
import { writePickList, type PickListOutcome } from './pick-list-sheet';
import { postReceipts, type PostOutcome } from './receipt-posting';
import { cancelSelectedPoLines, type CancelOutcome } from './po-cancel-action';
import { actOnSelectedTransfers, type TransferActionOutcome } from './transfer-actions';
import { createTransfersFromSheet, type TransferOutcome } from './transfer-requests';
import { ServerCallError } from './server-api';
import {
  bookLabels,
  markShipped,
  planShipments,
  shipmentSidebarState,
  type ActionOutcome as ShipmentOutcome,
  type BookInput,
  type PlanInput,
  type PlanOutcome as ShipmentPlanOutcome,
  type ShipInput,
  type ShipmentSidebarState,
} from './shipment-actions';
import { writeSettings } from './settings-sheet';
import { setupSheets as setUpAllSheets } from './sheet-setup';
import { sheetLang } from './sheet-language';
import { syncUnderLock, type SyncSummary } from './sync-run';
import { enterTrackingNumbers, type TrackingInput } from './tracking-entries';
import {
  handleEdit,
  handleRetry,
  handleTimer,
  statusLine,
  turnLiveSyncOff,
  turnLiveSyncOn,
  type LiveOutcome,
} from './live-sync';
import { liveText } from './live-text';
import { recordEdit } from './edit-journal';
import { saveRun } from './usage-meter';
import { text } from './ui-text';

export function onOpen(): void {
  buildMenu(SpreadsheetApp.getUi(), sheetLang(SpreadsheetApp.getActiveSpreadsheet()));
}

export function onInstall(): void {
  onOpen();
}

export function setupSheets(): void {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const names = setUpAllSheets(spreadsheet);
  spreadsheet.toast(text(sheetLang(spreadsheet), 'setup_done', { sheets: names.join(', ') }), 'Crossdock', 5);
}

export function showConnectDialog(): void {
  const lang = sheetLang(SpreadsheetApp.getActiveSpreadsheet());
  const html = HtmlService.createHtmlOutputFromFile('connect-dialog').setWidth(460).setHeight(340);
  SpreadsheetApp.getUi().showModalDialog(html, text(lang, 'dialog_title'));
}

/** Called by the connect dialog when it opens. */
export function getConnectDialogState(): ReturnType<typeof connectionDialogState> {
  return connectionDialogState(SpreadsheetApp.getActiveSpreadsheet());
}

/** Called by the connect dialog's button: tests the connection, saves it only when it works. */
export function saveConnection(form: ConnectForm): ConnectResult {
  return testAndSaveConnection(SpreadsheetApp.getActiveSpreadsheet(), form);
}

export function showImportDialog(): void {
  const lang = sheetLang(SpreadsheetApp.getActiveSpreadsheet());
  SpreadsheetApp.getUi().showModalDialog(
    HtmlService.createHtmlOutputFromFile('import-dialog').setWidth(560).setHeight(480),
    text(lang, 'import_title'),
  );
}

/** Called by the import dialog when it opens. */
export function getImportDialogState(): ReturnType<typeof importDialogState> {
  return importDialogState(SpreadsheetApp.getActiveSpreadsheet());
}

/** Called by the import dialog's button with the file's text. */
export function importOrdersFromDialog(form: ImportForm): ImportOutcome {
  return importOrders(SpreadsheetApp.getActiveSpreadsheet(), form);
}

export function showOrderSidebar(): void {
  const lang = sheetLang(SpreadsheetApp.getActiveSpreadsheet());
  SpreadsheetApp.getUi().showSidebar(
    HtmlService.createHtmlOutputFromFile('order-sidebar').setTitle(text(lang, 'sidebar_title')),
  );
}

/** Called by the order sidebar: the selected orders and the actions allowed for all of them. */
export function getOrderSidebarState(): SidebarState {
  return orderSidebarState(SpreadsheetApp.getActiveSpreadsheet());
}

/** Called by a sidebar button. */
export function applyOrderActionToSelection(input: ActionInput): ActionOutcome {
  try {
    return applyOrderAction(SpreadsheetApp.getActiveSpreadsheet(), input);
  } catch (error) {
    if (error instanceof ServerCallError) return { ok: false, message: error.message, refused: [] };
    throw error;
  }
}

export function showAfterSaleSidebar(): void {
  const lang = sheetLang(SpreadsheetApp.getActiveSpreadsheet());
  SpreadsheetApp.getUi().showSidebar(
    HtmlService.createHtmlOutputFromFile('after-sale-sidebar').setTitle(text(lang, 'as_title')),
  );
}

/** Called by the after-sale sidebar: the selected order (or case), its cases, and the texts. */
export function getAfterSaleSidebarState(): AfterSaleSidebarState {
  return afterSaleSidebarState(SpreadsheetApp.getActiveSpreadsheet());
}

/** After-sale sidebar: "Open case" for the order shown. */
export function openAfterSaleCaseFromSidebar(input: OpenCaseInput): AfterSaleOutcome {
  return openAfterSaleCase(SpreadsheetApp.getActiveSpreadsheet(), input);
}

/** After-sale sidebar: "Receive return" for the case selected in the After-sale sheet. */
export function receiveAfterSaleFromSidebar(input: ReceiveInput): AfterSaleOutcome {
  return receiveAfterSaleReturn(SpreadsheetApp.getActiveSpreadsheet(), input);
}

/** After-sale sidebar: "Close case". */
export function closeAfterSaleFromSidebar(input: CloseInput): AfterSaleOutcome {
  return closeAfterSaleCase(SpreadsheetApp.getActiveSpreadsheet(), input);
}

export function syncNow(): SyncSummary | null {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const lang = sheetLang(spreadsheet);
  const state = loadConnection(spreadsheet.getId());
  if (state.kind !== 'connected') {
    SpreadsheetApp.getUi().alert(
      state.kind === 'server_changed' ? text(lang, 'server_changed', { url: state.url }) : text(lang, 'not_connected'),
    );
    return null;
  }
  const startedAt = Date.now();
  let synced = false;
  try {
    // One sync at a time per spreadsheet: two people syncing at once would write the same rows twice.
    const summary = syncUnderLock(spreadsheet, state.connection, lang);
    synced = summary !== null;
    if (!summary) {
      spreadsheet.toast(text(lang, 'sync_busy'), 'Crossdock', 5);
      return null;
    }
    writeSettings(spreadsheet, lang, { settings_last_sync: new Date().toISOString() });
    spreadsheet.toast(text(lang, 'sync_summary', { ...summary, resumed: String(summary.resumed) }), 'Crossdock', 8);
    return summary;
  } catch (error) {
    if (!(error instanceof ServerCallError)) throw error;
    SpreadsheetApp.getUi().alert(text(lang, 'sync_failed', { reason: error.message }));
    return null;
  } finally {
    saveRun(spreadsheet.getId(), { kind: 'manual', startedAt, endedAt: Date.now(), synced });
  }
}

/** Menu: this person's live sync on (their on-edit trigger, and the spreadsheet's pull timer if none). */
export function turnOnLiveSync(): LiveOutcome {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const outcome = turnLiveSyncOn(spreadsheet);
  spreadsheet.toast(outcome.message, 'Crossdock', 8);
  return outcome;
}

/** Menu: removes this person's triggers. */
export function turnOffLiveSync(): LiveOutcome {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const outcome = turnLiveSyncOff(spreadsheet);
  spreadsheet.toast(outcome.message, 'Crossdock', 8);
  return outcome;
}

/** Menu: last sync, next, and how much of the day's Apps Script budgets this person used. */
export function showSyncStatus(): string {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const line = statusLine(spreadsheet);
  const ui = SpreadsheetApp.getUi();
  ui.alert(liveText(sheetLang(spreadsheet), 'status_title'), line, ui.ButtonSet.OK);
  return line;
}

/**
 * Simple trigger: runs for every editor's edit, as that editor, without authorization. Notes the rows
 * they typed in their own journal, so any sync sends only its presser's rows (docs/live-sync.md).
 */
export function onEdit(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  recordEdit(e, sheetLang(e.source));
}

/** Installable on-edit trigger (one per person who turned live sync on). */
export function onSheetEdit(e: GoogleAppsScript.Events.SheetsOnEdit): SyncSummary | null {
  return handleEdit(e);
}

/** Time-driven trigger (one per spreadsheet): brings in everyone else's and the server's changes. */
export function onPullTimer(): SyncSummary | null {
  return handleTimer(SpreadsheetApp.getActiveSpreadsheet());
}

/** One-off trigger: an edit's run found another run holding the lock. */
export function onEditRetry(): SyncSummary | null {
  return handleRetry(SpreadsheetApp.getActiveSpreadsheet());
}

/** Menu: rewrites the Purchase sheet from the server's suggestions. */
export function refreshPurchaseSuggestions(): PlanOutcome {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const outcome = refreshPurchasePlan(spreadsheet);
  spreadsheet.toast(outcome.message, 'Crossdock', 8);
  return outcome;
}

/** Menu: purchase orders for the rows selected in the Purchase sheet. */
export function createPurchaseOrders(): PlanOutcome {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const outcome = createPurchaseOrdersFromSelection(spreadsheet);
  spreadsheet.toast(outcome.message, 'Crossdock', 8);
  return outcome;
}

/** Menu: posts the rows of the Receipts sheet that have no result yet. */
export function postReceiptsFromSheet(): PostOutcome {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const outcome = postReceipts(spreadsheet);
  spreadsheet.toast(outcome.message, 'Crossdock', 8);
  return outcome;
}

/** Menu: cancels the PO lines selected in the POs sheet, with one reason asked for. */
export function cancelPoLinesFromSheet(): CancelOutcome {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const outcome = cancelSelectedPoLines(spreadsheet, SpreadsheetApp.getUi());
  spreadsheet.toast(outcome.message, 'Crossdock', 8);
  return outcome;
}

/** Menu: creates the transfers typed in the New transfers sheet (rows without a result). */
export function createTransfers(): TransferOutcome {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const outcome = createTransfersFromSheet(spreadsheet);
  spreadsheet.toast(outcome.message, 'Crossdock', 8);
  return outcome;
}

/** Menu: dispatches the transfers selected in the Transfers sheet. */
export function dispatchSelectedTransfers(): TransferActionOutcome {
  return transferAction('dispatch');
}

/** Menu: cancels the draft transfers selected in the Transfers sheet, asking once for the reason. */
export function cancelSelectedTransfers(): TransferActionOutcome {
  return transferAction('cancel');
}

function transferAction(action: 'dispatch' | 'cancel'): TransferActionOutcome {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const ui = SpreadsheetApp.getUi();
  const outcome = actOnSelectedTransfers(spreadsheet, action, (lang) => {
    const answer = ui.prompt(text(lang, 'trf_reason_title'), text(lang, 'trf_reason_prompt'), ui.ButtonSet.OK_CANCEL);
    return answer.getSelectedButton() === ui.Button.OK ? answer.getResponseText() : null;
  });
  spreadsheet.toast(outcome.message, 'Crossdock', 8);
  return outcome;
}

export function showShipmentSidebar(): void {
  const lang = sheetLang(SpreadsheetApp.getActiveSpreadsheet());
  SpreadsheetApp.getUi().showSidebar(
    HtmlService.createHtmlOutputFromFile('shipment-sidebar').setTitle(text(lang, 'ship_title')),
  );
}

/** Called by the shipment sidebar: the selected orders and shipments, and its texts. */
export function getShipmentSidebarState(): ShipmentSidebarState {
  return shipmentSidebarState(SpreadsheetApp.getActiveSpreadsheet());
}

/** Shipment sidebar: Preview (dry run) and Confirm of "Plan shipments". */
export function planShipmentsFromSidebar(input: PlanInput): ShipmentPlanOutcome | ShipmentOutcome {
  return planShipments(SpreadsheetApp.getActiveSpreadsheet(), input);
}

/** Shipment sidebar: "Book labels". */
export function bookShipmentLabels(input: BookInput): ShipmentOutcome {
  return bookLabels(SpreadsheetApp.getActiveSpreadsheet(), input);
}

/** Shipment sidebar: tracking numbers of manual carriers. */
export function enterTrackingNumbersFromSidebar(input: TrackingInput): ShipmentOutcome {
  return enterTrackingNumbers(SpreadsheetApp.getActiveSpreadsheet(), input);
}

/** Shipment sidebar: split a draft parcel by quantity, or unmerge its orders. */
export function editParcelFromSidebar(input: ParcelEditInput): ShipmentOutcome {
  return editParcel(SpreadsheetApp.getActiveSpreadsheet(), input);
}

/** Shipment sidebar: "Mark shipped". */
export function markShipmentsShipped(input: ShipInput): ShipmentOutcome {
  return markShipped(SpreadsheetApp.getActiveSpreadsheet(), input);
}

/** Menu: rewrites the Pick list sheet from the server. */
export function writePickListSheet(): PickListOutcome {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const outcome = writePickList(spreadsheet);
  spreadsheet.toast(outcome.message, 'Crossdock', 8);
  return outcome;
}

/** Menu: the boss's report data sheets, page by page from the server (docs/reports.md). */
export function refreshReportData(): RefreshOutcome {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  return tell(
    spreadsheet,
    refreshReportSources(spreadsheet, ['order_lines', 'stock_value', 'purchase_spend'], 'menu_report_refresh'),
  );
}

/** Menu: the Reports sheet's pivot tables and charts (replaces only those it made). */
export function buildReports(): BuildOutcome {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  return tell(spreadsheet, buildReportSheet(spreadsheet));
}

/** Menu: sales' My products sheet. */
export function refreshMyProductsSheet(): RefreshOutcome {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  return tell(spreadsheet, refreshMyProducts(spreadsheet));
}

/** Success in a toast; a refusal or a stop in an alert, which a person cannot miss. */
function tell<T extends { ok: boolean; message: string }>(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  outcome: T,
): T {
  if (outcome.ok) spreadsheet.toast(outcome.message, 'Crossdock', 8);
  else SpreadsheetApp.getUi().alert(outcome.message);
  return outcome;
}
