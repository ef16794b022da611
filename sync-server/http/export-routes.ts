import { PassThrough } from 'node:stream';
import { z } from 'zod';
import { Lang } from '../../domain/contracts/common';
import type { Database } from '../db/database';
import { readReportPage } from '../reports/report-reads';
import { FileReply, XLSX_TYPE } from './file-reply';
import { route, type Route } from './route';

export const ExportQuery = z
  .object({ lang: Lang.meta({ description: 'Language of sheet names and headers' }) })
  .strict();

/**
 * `GET /v1/reports/export.xlsx` (docs/reports.md, "Export"): the report data and the main sheets as one
 * workbook, for the boss (costs and profit are in it). Built whole before the answer starts, so a failure
 * is a clear error answer, never half a file.
 */
export function exportRoutes(db: Database, now: () => Date): Route[] {
  return [
    route({
      method: 'get',
      path: '/v1/reports/export.xlsx',
      access: ['boss'],
      query: ExportQuery,
      response: z.string().meta({ description: 'An .xlsx workbook' }),
      contentType: XLSX_TYPE,
      summary: 'The report data and the main sheets (orders, products, stock, POs, shipments) as an .xlsx workbook',
      handler: async ({ principal, query }) => {
        const chunks: Buffer[] = [];
        const sink = new PassThrough();
        sink.on('data', (chunk: Buffer) => chunks.push(chunk));
        const ended = new Promise<void>((resolve, reject) => {
          sink.on('end', () => resolve());
          sink.on('error', reject);
        });
        // exceljs is loaded at the first export, not at start (it is the largest library the server has).
        const { writeWorkbook } = await import('../workflows/workbook-export');
        await writeWorkbook(
          sink,
          { db, readPage: readReportPage, now },
          { workspaceId: principal.workspaceId, lang: query.lang },
        );
        await ended;
        const day = now().toISOString().slice(0, 10);
        return new FileReply(`crossdock-${day}.xlsx`, XLSX_TYPE, Buffer.concat(chunks));
      },
    }),
  ];
}
