import type { ChoiceNote } from './carrier-choice';

export type DeclaredProduct = {
  sku: string;
  declaredNameEn: string | null;
  hsCode: string | null;
  declaredValue: string | null;
  declaredCurrency: string | null;
};

const FIELD_NAMES = {
  declaredNameEn: { en: 'declared name (English)', zh: '申报英文名' },
  hsCode: { en: 'HS code', zh: '海关编码' },
  declaredValue: { en: 'declared value', zh: '申报价值' },
} as const;

/**
 * What a carrier label needs of each product for the customs declaration, named per SKU (never a silent
 * default: a guessed HS code or value is a false declaration). A manual carrier needs none of it here.
 */
export function declarationGaps(products: readonly DeclaredProduct[], lang: 'en' | 'zh'): ChoiceNote[] {
  const notes: ChoiceNote[] = [];
  for (const p of [...products].sort((a, b) => a.sku.localeCompare(b.sku))) {
    const gaps = (['declaredNameEn', 'hsCode', 'declaredValue'] as const).filter((field) =>
      field === 'declaredValue' ? p.declaredValue === null || p.declaredCurrency === null : !p[field],
    );
    if (gaps.length)
      notes.push({
        key: 'missing_declaration',
        params: { sku: p.sku, fields: gaps.map((g) => FIELD_NAMES[g][lang]).join(lang === 'zh' ? '、' : ', ') },
      });
  }
  return notes;
}
