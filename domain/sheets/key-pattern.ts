/** What a row key (a SKU, a warehouse or supplier code) may look like: no spaces, no leading punctuation. */
export const KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;
