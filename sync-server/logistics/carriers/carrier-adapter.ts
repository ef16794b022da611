/**
 * One interface for every carrier (docs/logistics.md), in the shape of karrio's connectors: each adapter
 * turns our parcel into the carrier's request, and the carrier's answer (or refusal) into ours. Adapters do
 * HTTP and nothing else: no database, no clock of their own beyond request timeouts.
 */

/** A declared item of the parcel (customs): what, how many, what it is worth. */
export type ParcelItem = {
  sku: string;
  qty: number;
  /** Declared names: English is required by every carrier; Chinese by China's export declaration. */
  declaredNameEn: string;
  declaredNameZh: string | null;
  hsCode: string;
  /** Per unit, exact decimal string, in `currency`. */
  declaredValue: string;
  currency: string;
  /** Per unit. */
  weightG: number;
};

export type ParcelAddress = {
  name: string;
  phone: string | null;
  email: string | null;
  address1: string;
  address2: string | null;
  city: string | null;
  province: string | null;
  postalCode: string | null;
  /** ISO 3166-1 alpha-2. */
  country: string;
};

export type ParcelForCarrier = {
  /** Our shipment number: the carrier's customer reference, so a retried booking is recognised. */
  reference: string;
  /** The carrier's own product or channel code for this service (Carriers sheet, "Carrier product"). */
  product: string;
  recipient: ParcelAddress;
  /** Chargeable weight is ours; carriers want the actual weight of the parcel. */
  weightG: number;
  /** Outer size when known (the largest item's sides), centimetres. */
  dimensionsCm: { length: number; width: number; height: number } | null;
  items: ParcelItem[];
};

export type CarrierQuote = { amount: string; currency: string };

export type BookedLabel = {
  trackingNumber: string;
  /** The carrier's own order/waybill id when it differs from the tracking number (needed to cancel). */
  carrierReference: string | null;
  /** The label as a PDF file. */
  labelPdf: Buffer;
};

export type CarrierAdapter = {
  /** Matches the Carriers sheet's "Adapter" column. */
  readonly name: string;
  /** The carrier's price for the parcel, when the carrier offers one (rates sheet is the fallback). */
  quote?(parcel: ParcelForCarrier): Promise<CarrierQuote>;
  /** Books the parcel and returns its tracking number and label. Booking the same reference twice must not book twice. */
  book(parcel: ParcelForCarrier): Promise<BookedLabel>;
  /** Cancels a booked label (before it ships). */
  cancel(booked: { reference: string; trackingNumber: string; carrierReference: string | null }): Promise<void>;
};

/**
 * Why a carrier call failed, in the three ways that need different handling:
 * - `refused`: the carrier answered and said no (bad address, product not allowed): a person must fix the
 *   data; retrying the same request will fail again. `message` is the carrier's own text.
 * - `unavailable`: 5xx, a refused connection, an answer that is not the documented shape: try again later.
 * - `timeout`: no answer in time; the booking may or may not exist at the carrier (book is idempotent by
 *   reference, so a retry is safe).
 */
export class CarrierError extends Error {
  constructor(
    readonly kind: 'refused' | 'unavailable' | 'timeout',
    readonly carrier: string,
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'CarrierError';
  }
}

/** Per-call limit for carrier requests unless an adapter is given its own. */
export const DEFAULT_CARRIER_TIMEOUT_MS = 20_000;
