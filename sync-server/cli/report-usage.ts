export const REPORT_USAGE = `  npx crossdock export FILE.xlsx [--workspace ID] [--lang en|zh]
      The report data and the main sheets (orders, products, stock, POs, shipments) as an Excel workbook.
  npx crossdock demo
      A new workspace "Demo shop" filled with a month of orders, stock, POs and shipments (sandbox carrier),
      so the reports show real numbers. Prints its id and an admin key.
  npx crossdock reports publish
      Refreshes the boss's spreadsheet now (the CROSSDOCK_REPORTS_* settings; the server does it nightly).`;
