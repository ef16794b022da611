/** A money amount as people and partners send it: up to 12 digits, a dot, up to 4 decimals ("12.50"). */
export const MONEY_AMOUNT = /^\d{1,12}(\.\d{1,4})?$/;
/** An ISO 4217 code's shape ("EUR"); whether it exists is `currencyDigits`'s answer. */
export const CURRENCY_CODE = /^[A-Z]{3}$/;
