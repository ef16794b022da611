import { ADDRESS_RULES } from './address-rules-data';

/** Which address parts a country needs; name, street and country are always needed and not listed. */
export type AddressRequirements = {
  city: boolean;
  /** State, province, prefecture or emirate (Google's "S"). */
  province: boolean;
  postalCode: boolean;
  /** The country has postal codes at all; one may be given even where it is not required. */
  usesPostalCode: boolean;
};

// Unknown countries keep the old check for every order: asking for a part too many is safer than shipping without one.
const STRICT: AddressRequirements = { city: true, province: false, postalCode: true, usesPostalCode: true };

/** What an address in `country` (ISO 3166-1 alpha-2, any case) must have, from Google's address metadata. */
export function addressRequirements(country: string | null): AddressRequirements {
  const code = (country ?? '').trim().toUpperCase();
  // Own keys only: a plain object must not answer for whatever a caller passes through inherited keys.
  const rule = Object.prototype.hasOwnProperty.call(ADDRESS_RULES, code) ? ADDRESS_RULES[code] : undefined;
  if (rule === undefined) return { ...STRICT };
  return {
    city: rule.includes('C'),
    province: rule.includes('S'),
    postalCode: rule.includes('Z'),
    usesPostalCode: rule.includes('Z') || rule.includes('z'),
  };
}
