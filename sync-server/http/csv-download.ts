import type { Request, Response } from 'express';
import type { Logger } from '../logger';
import type { CsvPages } from './csv-reply';

/**
 * Sends a CsvPages answer: the header row and first page, then each page as it is read, waiting whenever the
 * client reads more slowly than the pages come (the socket's own buffer, not the whole file, is what is held).
 * Once the first bytes have left, a failure can no longer become an error answer: the connection is cut, so
 * the client sees the file incomplete; a client that goes away stops the reading of further pages.
 */
export async function sendCsvPages(
  req: Request,
  res: Response,
  status: number,
  reply: CsvPages,
  logger: Logger,
): Promise<void> {
  // A BOM, so spreadsheet programs read the file as UTF-8 (names in Chinese, Japanese, Arabic).
  res.status(status).type('text/csv; charset=utf-8').attachment(reply.filename);
  try {
    await write(res, `\uFEFF${reply.first}`);
    for await (const page of reply.rest) await write(res, page);
    res.end();
  } catch (error) {
    if (!res.destroyed) {
      // Route pattern and error code only, as for any failed request: driver messages can carry row values.
      const { name, code } = error as { name?: string; code?: string };
      logger.error({ err: { name, code }, route: req.route?.path }, 'CSV download cut short');
      res.destroy();
    }
  }
}

function write(res: Response, text: string): Promise<void> {
  if (res.destroyed) return Promise.reject(new Error('the client closed the connection'));
  if (res.write(text)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const drained = () => settle(resolve);
    const closed = () => settle(() => reject(new Error('the client closed the connection')));
    const settle = (then: () => void) => {
      res.off('drain', drained);
      res.off('close', closed);
      then();
    };
    res.on('drain', drained);
    res.on('close', closed);
  });
}
