/**
 * How two orders can be the same customer's double order (docs/orders.md): same phone (digits, more than 6),
 * same email, or same name (more than 8 letters, word order ignored), and a similar address.
 */
export type Contact = {
  phone: string | null;
  email: string | null;
  name: string | null;
  address1: string | null;
  postalCode: string | null;
  country: string | null;
};

export function phoneDigits(phone: string | null): string {
  return (phone ?? '').replace(/\D/g, '');
}

/** Two spellings of one number ("+44 7700 900123", "07700900123") share their national digits. */
export function samePhone(a: string | null, b: string | null): boolean {
  const x = phoneDigits(a);
  const y = phoneDigits(b);
  if (x.length <= 6 || y.length <= 6) return false;
  const tail = Math.min(x.length, y.length, 9);
  return x.slice(-tail) === y.slice(-tail);
}

export function sameEmail(a: string | null, b: string | null): boolean {
  return Boolean(a && b && a.trim().toLowerCase() === b.trim().toLowerCase());
}

export function nameKey(name: string | null): string {
  return (name ?? '').toLowerCase().split(/\s+/).filter(Boolean).sort().join(' ');
}

export function sameName(a: string | null, b: string | null): boolean {
  const x = nameKey(a);
  return x.replace(/\s/g, '').length > 8 && x === nameKey(b);
}

const ABBREVIATIONS: Record<string, string> = {
  road: 'rd',
  street: 'st',
  avenue: 'ave',
  boulevard: 'blvd',
  drive: 'dr',
  lane: 'ln',
  court: 'ct',
  place: 'pl',
  square: 'sq',
  apartment: 'apt',
  suite: 'ste',
  floor: 'fl',
  north: 'n',
  south: 's',
  east: 'e',
  west: 'w',
  straße: 'str',
  strasse: 'str',
};

function addressTokens(address: string | null): Set<string> {
  const words = (address ?? '')
    .toLowerCase()
    .normalize('NFKC')
    .replace(/[.,#/\\-]+/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  return new Set(words.map((word) => ABBREVIATIONS[word] ?? word));
}

/** "12 Abbey Road" ~ "12 Abbey Rd": the same words once abbreviations agree, or the same postal code and number. */
export function similarAddress(a: Contact, b: Contact): boolean {
  if (a.country && b.country && a.country !== b.country) return false;
  const x = addressTokens(a.address1);
  const y = addressTokens(b.address1);
  if (!x.size || !y.size) return false;
  const shared = [...x].filter((token) => y.has(token)).length;
  const jaccard = shared / (x.size + y.size - shared);
  const samePostal = Boolean(
    a.postalCode &&
    b.postalCode &&
    a.postalCode.replace(/\s/g, '').toUpperCase() === b.postalCode.replace(/\s/g, '').toUpperCase(),
  );
  return jaccard >= 0.6 || (samePostal && jaccard >= 0.3);
}

/** Why `order` may duplicate `other`: 'phone' | 'email' | 'name', or null when it does not. */
export function duplicateReason(order: Contact, other: Contact): 'phone' | 'email' | 'name' | null {
  if (!similarAddress(order, other)) return null;
  if (samePhone(order.phone, other.phone)) return 'phone';
  if (sameEmail(order.email, other.email)) return 'email';
  if (sameName(order.name, other.name)) return 'name';
  return null;
}

/**
 * Candidates indexed by phone (last 9 digits), email and name key, so each new order is compared only
 * with the orders sharing one of them (a 10,000-order import must not compare every pair).
 */
export class DuplicateIndex<C extends Contact> {
  private readonly byKey = new Map<string, C[]>();
  /** The keys last worked out: an import asks for an order's near candidates, then adds the order itself. */
  private last: { phone: string | null; email: string | null; name: string | null; keys: string[] } | null = null;

  add(candidate: C): void {
    for (const key of this.keysOf(candidate)) {
      const list = this.byKey.get(key);
      if (list) list.push(candidate);
      else this.byKey.set(key, [candidate]);
    }
  }

  /** Candidates sharing a phone, email or name with `contact`, each once, in the order they were added. */
  near(contact: Contact): C[] {
    const seen = new Set<C>();
    for (const key of this.keysOf(contact)) for (const candidate of this.byKey.get(key) ?? []) seen.add(candidate);
    return [...seen];
  }

  private keysOf(contact: Contact): string[] {
    const last = this.last;
    if (last && last.phone === contact.phone && last.email === contact.email && last.name === contact.name)
      return last.keys;
    const keys = contactKeys(contact);
    this.last = { phone: contact.phone, email: contact.email, name: contact.name, keys };
    return keys;
  }
}

function contactKeys(contact: Contact): string[] {
  const keys: string[] = [];
  const digits = phoneDigits(contact.phone);
  if (digits.length > 6) keys.push(`p:${digits.slice(-Math.min(digits.length, 9))}`);
  if (contact.email?.trim()) keys.push(`e:${contact.email.trim().toLowerCase()}`);
  const name = nameKey(contact.name);
  if (name.replace(/\s/g, '').length > 8) keys.push(`n:${name}`);
  return keys;
}
