import { sql, type SqlQuery } from '../db/sql-query';

/** SQL for carrier services, their rates and their daily capacity: small builders, run by the services. */

export function selectCarrierCodes(workspaceId: string): SqlQuery {
  return sql(`SELECT code FROM carriers WHERE workspace_id = $1`, [workspaceId]);
}

export function selectRateLines(workspaceId: string): SqlQuery {
  return sql(
    `SELECT rate_key, service, zone, countries, from_g, to_g, first_g, first_price::text AS first_price, step_g,
            step_price::text AS step_price, currency
       FROM rates WHERE workspace_id = $1`,
    [workspaceId],
  );
}

export type CarrierRow = {
  code: string;
  name: string;
  adapter: string;
  carrier_product: string | null;
  countries: string[];
  attributes: string[];
  max_weight_g: number | null;
  max_side_cm: string | null;
  daily_capacity: number | null;
  priority: number;
  volumetric_divisor: number;
  fuel_surcharge_pct: string;
  active: boolean;
  tracking_provider: string | null;
  tracking_carrier: string | null;
};

export function selectCarriers(workspaceId: string): SqlQuery {
  return sql(
    `SELECT code, name, adapter, carrier_product, countries, attributes, max_weight_g, max_side_cm::text AS max_side_cm,
            daily_capacity, priority, volumetric_divisor, fuel_surcharge_pct::text AS fuel_surcharge_pct, active,
            tracking_provider, tracking_carrier
       FROM carriers WHERE workspace_id = $1 ORDER BY code`,
    [workspaceId],
  );
}

/** Parcels each service has booked on a day. */
export function selectBookedOn(workspaceId: string, day: string): SqlQuery {
  return sql(`SELECT service, booked FROM carrier_capacity WHERE workspace_id = $1 AND day = $2::date`, [
    workspaceId,
    day,
  ]);
}

/**
 * Takes one parcel of a service's day, only while it has room: the row is created at 0 first, then the
 * conditional increment either returns the new count or nothing (full). Concurrent bookings queue on the
 * row's lock, and each sees the count the one before it left, so no sequence of them passes the capacity.
 */
export function ensureCapacityRow(workspaceId: string, service: string, day: string): SqlQuery {
  return sql(
    `INSERT INTO carrier_capacity (workspace_id, service, day, booked) VALUES ($1, $2, $3::date, 0)
     ON CONFLICT (workspace_id, service, day) DO NOTHING`,
    [workspaceId, service, day],
  );
}

export function takeCapacity(workspaceId: string, service: string, day: string, capacity: number | null): SqlQuery {
  return sql(
    `UPDATE carrier_capacity SET booked = booked + 1
      WHERE workspace_id = $1 AND service = $2 AND day = $3::date AND ($4::integer IS NULL OR booked < $4::integer)
     RETURNING booked`,
    [workspaceId, service, day, capacity],
  );
}

export function giveBackCapacity(workspaceId: string, service: string, day: string): SqlQuery {
  return sql(
    `UPDATE carrier_capacity SET booked = booked - 1
      WHERE workspace_id = $1 AND service = $2 AND day = $3::date AND booked > 0`,
    [workspaceId, service, day],
  );
}
