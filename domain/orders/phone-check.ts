import { isValidPhoneNumber, type CountryCode } from 'libphonenumber-js/max';

/** Whether a phone number is valid for a country (libphonenumber's full metadata). */
export type PhoneCheck = (phone: string, country: CountryCode) => boolean;

/** Digits with spaces, dashes, dots and brackets between them, a leading + at most: read by its digits alone. */
const PLAIN = /^\+?[\d\s\-.()]{1,60}$/;

/**
 * A phone check that remembers its answers for one import: the library compiles its patterns on every call
 * (~30-90 µs a number), and an export repeats numbers (a customer's orders, the rows of one order). A number
 * written only with digits and separators is keyed by its digits (and its leading +), which is all the library
 * reads of it; anything else (letters, an extension) is keyed as written.
 */
export function cachedPhoneCheck(check: PhoneCheck = isValidPhoneNumber): PhoneCheck {
  const known = new Map<string, boolean>();
  return (phone, country) => {
    const trimmed = phone.trim();
    const key = PLAIN.test(trimmed)
      ? `${country}:${trimmed.startsWith('+') ? '+' : ''}${trimmed.replace(/\D/g, '')}`
      : `${country}=${phone}`;
    let valid = known.get(key);
    if (valid === undefined) known.set(key, (valid = check(phone, country)));
    return valid;
  };
}
