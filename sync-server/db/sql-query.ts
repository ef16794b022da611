/** A statement and its parameters, built by small pure functions and run by the caller. */
export type SqlQuery = { text: string; values: unknown[] };

export function sql(text: string, values: unknown[] = []): SqlQuery {
  return { text, values };
}

/** Quotes an identifier that comes from our own table specs (never from a request). */
export function ident(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe SQL identifier: ${name}`);
  return `"${name}"`;
}
