import type { OrderChannel } from './order-draft';

/**
 * Our order number for a channel's order: short, readable in a sheet, and unique per workspace because
 * each channel gets its own prefix ("#1001" from Shopify → "SH-1001"; Amazon "114-39…" → "AMZ-114-39…").
 * Template orders keep the number the person gave; orders typed into the sheet get "M-".
 */
export function orderNoFor(channel: OrderChannel, externalId: string): string {
  const id = externalId.trim();
  switch (channel) {
    case 'shopify':
      return `SH-${id.replace(/^#/, '')}`;
    case 'amazon':
      return `AMZ-${id}`;
    case 'manual':
      // Typed into the sheet: its own prefix, so it never takes the number of an imported order.
      return `M-${id}`;
    default:
      return id;
  }
}

/** Channel SKU → product SKU, where a mapping exists; the channel's SKU is kept for the record. */
export function mapSku(mappings: ReadonlyMap<string, string>, channelSku: string): string {
  return mappings.get(channelSku) ?? channelSku;
}
