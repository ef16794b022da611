import type { Lang } from '../domain/i18n/lang';
import { reportText } from './report-text';
import { liveText } from './live-text';
import { text } from './ui-text';

/** The Crossdock menu; function names are the bundle's top-level entry points. */
export function buildMenu(ui: GoogleAppsScript.Base.Ui, lang: Lang): void {
  ui.createMenu(text(lang, 'menu_title'))
    .addItem(text(lang, 'menu_setup'), 'setupSheets')
    .addItem(text(lang, 'menu_connect'), 'showConnectDialog')
    .addSeparator()
    .addItem(text(lang, 'menu_sync'), 'syncNow')
    .addItem(liveText(lang, 'menu_live_on'), 'turnOnLiveSync')
    .addItem(liveText(lang, 'menu_live_off'), 'turnOffLiveSync')
    .addItem(liveText(lang, 'menu_sync_status'), 'showSyncStatus')
    .addItem(text(lang, 'menu_import'), 'showImportDialog')
    .addItem(text(lang, 'menu_orders'), 'showOrderSidebar')
    .addItem(text(lang, 'menu_after_sale'), 'showAfterSaleSidebar')
    .addSeparator()
    .addItem(text(lang, 'menu_plan_refresh'), 'refreshPurchaseSuggestions')
    .addItem(text(lang, 'menu_plan_create'), 'createPurchaseOrders')
    .addItem(text(lang, 'menu_receipts'), 'postReceiptsFromSheet')
    .addItem(text(lang, 'menu_po_cancel'), 'cancelPoLinesFromSheet')
    .addItem(text(lang, 'menu_transfers_create'), 'createTransfers')
    .addItem(text(lang, 'menu_transfers_dispatch'), 'dispatchSelectedTransfers')
    .addItem(text(lang, 'menu_transfers_cancel'), 'cancelSelectedTransfers')
    .addSeparator()
    .addItem(text(lang, 'menu_shipments'), 'showShipmentSidebar')
    .addItem(text(lang, 'menu_pick_list'), 'writePickListSheet')
    .addSeparator()
    .addItem(reportText(lang, 'menu_my_products'), 'refreshMyProductsSheet')
    .addItem(reportText(lang, 'menu_report_refresh'), 'refreshReportData')
    .addItem(reportText(lang, 'menu_reports_build'), 'buildReports')
    .addToUi();
}
