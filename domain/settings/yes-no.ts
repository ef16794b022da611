import type { Lang } from '../i18n/lang';

const YES = ['yes', 'y', 'true', '1', 'on', '是', '开'];
const NO = ['no', 'n', 'false', '0', 'off', '否', '关', ''];

/** "yes", "是", "TRUE", a ticked box's "true"… → true; "no", "否", empty → false; anything else → null. */
export function parseYesNo(text: string): boolean | null {
  const value = text.trim().toLowerCase();
  if (YES.includes(value)) return true;
  return NO.includes(value) ? false : null;
}

export function yesNoText(value: boolean, lang: Lang): string {
  if (lang === 'zh') return value ? '是' : '否';
  return value ? 'yes' : 'no';
}
