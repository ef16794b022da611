/**
 * A stock line is one SKU in one warehouse. Its key in the Stock sheet is "SKU@WAREHOUSE": the add-on
 * composes it from the two cells a person types, the server splits it back (warehouse codes hold no "@").
 */
export type StockKey = string;

export function stockKey(sku: string, warehouse: string): StockKey {
  return `${sku.trim()}@${warehouse.trim()}`;
}

export function splitStockKey(key: string): { sku: string; warehouse: string } | null {
  const at = key.lastIndexOf('@');
  if (at <= 0 || at === key.length - 1) return null;
  return { sku: key.slice(0, at).trim(), warehouse: key.slice(at + 1).trim() };
}
