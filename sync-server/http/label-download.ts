import type { RequestHandler } from 'express';
import type { Database } from '../db/database';
import { run } from '../db/database';
import { labelLinkSecret, readLabelLink } from '../logistics/label-links';
import { selectLabel } from '../logistics/label-sql';
import { sendError } from './error-responses';

/** GET /labels/<token>.pdf: the stored label a signed link names, while the link has not expired. */
export function labelDownload(db: Database, now: () => Date): RequestHandler {
  return async (req, res) => {
    const token = String(req.params.token ?? '').replace(/\.pdf$/, '');
    const ref = readLabelLink(await labelLinkSecret(db.pool, db), token, now());
    const row = ref
      ? (await run<{ pdf: Buffer }>(db.pool, selectLabel(ref.workspaceId, ref.shipmentNo, ref.trackingNo))).rows[0]
      : undefined;
    if (!ref || !row) {
      sendError(req, res, 'label_link_invalid');
      return;
    }
    res
      .status(200)
      .type('application/pdf')
      .set('Content-Disposition', `inline; filename="${ref.shipmentNo}-${ref.trackingNo}.pdf"`)
      .set('Cache-Control', 'private, no-store')
      .send(Buffer.from(row.pdf));
  };
}
