import { ROLES } from '../../domain/access/roles';
import { FILE_ENCODINGS } from '../../domain/orders/file-encodings';
import { REPORT_USAGE } from './report-usage';

/** What `npx crossdock --help` prints; imports only constants, so help needs none of the commands' modules. */
export const USAGE = `Crossdock admin CLI (uses the same settings as the server: DATABASE_URL or CROSSDOCK_DATA_DIR)

  npx crossdock workspace create NAME
  npx crossdock workspace list
  npx crossdock member add EMAIL --roles cs,sales [--workspace ID]
  npx crossdock member remove EMAIL [--workspace ID]
  npx crossdock member list [--workspace ID]
  npx crossdock key create (--member EMAIL | --roles ...) [--name NAME] [--workspace ID]
  npx crossdock key revoke KEY_ID [--workspace ID]
  npx crossdock key list [--workspace ID]
  npx crossdock import <shopify|amazon|template> FILE [--workspace ID] [--lang en|zh] [--encoding NAME]
                                                       [--verbose | --json]
      (--encoding ${FILE_ENCODINGS.join('|')}; left out, it is detected). Prints the refused rows, the
      orders that need a person and a summary; --verbose lists every order, --json prints the whole result.
  npx crossdock stock check [--workspace ID] [--lang en|zh]   (exits 1 when the ledger has mismatches)
  npx crossdock doctor [--workspace ID] [--lang en|zh] [--full]
      The dispatch center's health checks (ledger, carrier capacity today, tracking quota, job runs) and
      the stuck items per rule; exits 1 when a check fails. The ledger check reads the orders changed since
      its last clean run; --full reads every order.
  npx crossdock carrier-sandbox [--port 4010] [--host 127.0.0.1] [--key KEY]
      A local pretend carrier to try labels on (no database; --port 0 picks a free port; --key makes it
      require "Authorization: Bearer KEY"). Runs until Ctrl+C.
  npx crossdock tracking-sandbox [--port 4020] [--host 127.0.0.1]
      A local pretend 17TRACK, AfterShip and DHL tracking API with scripted parcels and faults (no database;
      admin API under /_sandbox/). Runs until Ctrl+C.
${REPORT_USAGE}

Roles: ${ROLES.join(', ')}. The first start of the server made a workspace ("Local workspace");
--workspace may be left out while it is the only one. A member's key takes the member's roles.
With the embedded database, stop the server first (one process may open the data folder at a time).`;
