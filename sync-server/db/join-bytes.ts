/**
 * Buffers joined into one, with a one-byte `separator` between them when given. Each part goes by Buffer#copy:
 * Node 20's Buffer.concat copies each part by a slower path, which a pull's 10,000 rows of a few hundred bytes
 * make count (the rows joined with commas: 9 ms by concat, 0.5 by copy; BENCHMARKS.md, issue 18, fourteenth
 * session).
 */
export function joinBytes(parts: readonly Buffer[], separator?: number): Buffer {
  const between = separator === undefined ? 0 : 1;
  let total = parts.length ? (parts.length - 1) * between : 0;
  for (const part of parts) total += part.length;
  const out = Buffer.allocUnsafe(total);
  let at = 0;
  parts.forEach((part, i) => {
    if (i && between) out[at++] = separator!;
    at += part.copy(out, at);
  });
  return out;
}
