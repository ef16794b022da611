/** The order file formats Crossdock reads (the parsers live in channel-formats.ts). */
export const IMPORT_FORMATS = ['shopify', 'amazon', 'template'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
