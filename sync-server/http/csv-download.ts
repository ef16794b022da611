import type { Request, Response } from 'express';
import type { Logger } from '../logger';
import type { CsvPages } from './csv-reply';

/**
 * Sends a CsvPages answer: the header row and first page, then each page as it is read, waiting whenever the
 * client reads more slowly than the pages come (the socket's own buffer, not the whole file, is what is held).
 * Once the first bytes have left, a failure can no longer become an error answer: the connection is cut, which
 * HTTP/1.1's chunked body shows the client as incomplete; a client that goes away stops the reading of further
 * pages. HTTP/1.0 has no chunks (its body ends when the connection closes, so a cut would look like the end):
 * there the whole file is made first and sent with its length, and a failure is an error answer.
 */
export async function sendCsvPages(
  req: Request,
  res: Response,
  status: number,
  reply: CsvPages,
  logger: Logger,
): Promise<void> {
  // A BOM, so spreadsheet programs read the file as UTF-8 (names in Chinese, Japanese, Arabic).
  const head = () => res.status(status).type('text/csv; charset=utf-8').attachment(reply.filename);
  if (req.httpVersionMajor === 1 && req.httpVersionMinor === 0) {
    const parts = [`\uFEFF${reply.first}`];
    for await (const page of reply.rest) parts.push(page);
    const body = Buffer.from(parts.join(''));
    head().setHeader('content-length', body.length).end(body);
    return;
  }
  head();
  try {
    await write(res, `\uFEFF${reply.first}`);
    for await (const page of reply.rest) await write(res, page);
    res.end();
  } catch (error) {
    if (!res.destroyed) {
      // Route pattern and error code only, as for any failed request: driver messages can carry row values.
      const { name, code } = (error ?? {}) as { name?: string; code?: string };
      logger.error({ err: { name, code }, route: req.route?.path }, 'CSV download cut short');
      res.destroy();
    }
  }
}

function write(res: Response, text: string): Promise<void> {
  const gone = () => new Error('the client closed the connection');
  if (res.destroyed) return Promise.reject(gone());
  if (res.write(text)) return Promise.resolve();
  // The socket's close too: a response still queued behind another on its connection gets no close of its own.
  const socket = res.socket;
  return new Promise((resolve, reject) => {
    const drained = () => settle(resolve);
    const closed = () => settle(() => reject(gone()));
    const settle = (then: () => void) => {
      res.off('drain', drained);
      res.off('close', closed);
      socket?.off('close', closed);
      then();
    };
    res.on('drain', drained);
    res.on('close', closed);
    socket?.on('close', closed);
  });
}
