/** The recipient as merging compares it (DESIGN 3.4): normalized name, phone, address, postal code, country. */
export type Recipient = {
  name: string | null;
  phone: string | null;
  address1: string | null;
  address2: string | null;
  postalCode: string | null;
  country: string | null;
};

const words = (text: string | null) =>
  (text ?? '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s,.\-#/]+/g, ' ')
    .trim();

/**
 * Two orders with the same key may travel in one parcel. Case, width (全角), spacing and punctuation do not
 * count; the phone is compared by its digits, so "+44 7700 900123" and "447700900123" match.
 */
export function recipientKey(r: Recipient): string {
  return [
    words(r.name),
    (r.phone ?? '').replace(/\D/g, ''),
    words(`${r.address1 ?? ''} ${r.address2 ?? ''}`),
    (r.postalCode ?? '').normalize('NFKC').replace(/[\s-]/g, '').toUpperCase(),
    (r.country ?? '').toUpperCase(),
  ].join('|');
}
