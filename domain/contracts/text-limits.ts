/**
 * What text Crossdock stores, defined once for every way it arrives (HTTP bodies and queries, typed
 * sheet rows, imported files): C0 control characters other than tab, newline and carriage return, and
 * unpaired UTF-16 surrogates are refused (PostgreSQL stores neither NUL nor half a surrogate pair), and
 * each kind of text has one length cap. Nothing is ever cut to fit: too long is refused, naming the field.
 */
export const BAD_CHARACTERS =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function hasBadCharacters(text: string): boolean {
  return BAD_CHARACTERS.test(text);
}

const BAD_CHARACTERS_ALL = new RegExp(BAD_CHARACTERS.source, 'g');

/**
 * JSON that PostgreSQL's jsonb can store: an answer that echoes a refused value (a row key with a NUL) is kept
 * for replays with U+FFFD in place of the characters jsonb refuses.
 */
export function storableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'string' ? v.replace(BAD_CHARACTERS_ALL, '\uFFFD') : v,
  );
}

/** Length caps (UTF-16 code units, as JavaScript and the sheet count them). */
export const TEXT_CAPS = {
  /** SKUs, warehouse and supplier codes. */
  code: 64,
  /** A shop's SKU as the shop wrote it, or the product name that keys a line sold without one. */
  channelSku: 255,
  orderNo: 100,
  /** A shipment number, or a carrier's tracking number. */
  shipmentNo: 64,
  trackingNo: 64,
  /** A carrier's CSV of tracking numbers, pasted or uploaded. */
  trackingCsv: 5_000_000,
  /** A channel's own order id: our order number adds a prefix of up to four characters ("AMZ-"). */
  channelOrderId: 96,
  idempotencyKey: 100,
  clientId: 100,
  productName: 500,
  personName: 200,
  addressLine: 300,
  place: 100,
  postalCode: 20,
  phone: 40,
  email: 254,
  payment: 100,
  /** Notes, reasons, personalisation links: what a person or a shop writes in free text. */
  note: 2000,
  /** A value typed into any sheet cell. */
  cell: 2000,
} as const;
export type TextCap = keyof typeof TEXT_CAPS;
