import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { hasAnyRole, isRole, parseRoleList, roleLabel, ROLES, type Role } from '../../domain/access/roles';
import { langFromLocale, LANGS } from '../../domain/i18n/lang';
import { translate, type MessageKey, type MessageParams } from '../../domain/i18n/messages';
import { FIELD_ERROR_CODES } from './domain-arbitraries';

describe('parseRoleList', () => {
  test('comma or space separated, any case, duplicates dropped, order kept', () => {
    expect(parseRoleList('cs, sales')).toEqual({ roles: ['cs', 'sales'], unknown: [] });
    expect(parseRoleList('  Admin   SALES,,sales\tlogistics\n')).toEqual({
      roles: ['admin', 'sales', 'logistics'],
      unknown: [],
    });
    expect(parseRoleList('')).toEqual({ roles: [], unknown: [] });
    expect(parseRoleList(' , ')).toEqual({ roles: [], unknown: [] });
  });

  test('unknown names are returned as typed, so they can be reported', () => {
    expect(parseRoleList('cs, Manager, boss, sale')).toEqual({ roles: ['cs', 'boss'], unknown: ['Manager', 'sale'] });
    expect(parseRoleList('administrator')).toEqual({ roles: [], unknown: ['administrator'] });
  });

  test('property: any roles, in any case and separators, parse back (first occurrence order)', () => {
    const separator = fc.constantFrom(',', ' ', ', ', ' ,\t', '\n');
    const spelled = fc
      .constantFrom(...ROLES)
      .chain((role) => fc.constantFrom(role, role.toUpperCase(), role[0]!.toUpperCase() + role.slice(1)));
    fc.assert(
      fc.property(fc.array(fc.tuple(spelled, separator), { maxLength: 10 }), (parts) => {
        const text = parts.map(([role, sep]) => `${role}${sep}`).join('');
        const expected = [...new Set(parts.map(([role]) => role.toLowerCase()))];
        expect(parseRoleList(text)).toEqual({ roles: expected, unknown: [] });
      }),
    );
  });

  test('property: every word lands in roles or unknown; roles are valid and unique', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const { roles, unknown } = parseRoleList(text);
        expect(roles.every(isRole)).toBe(true);
        expect(new Set(roles).size).toBe(roles.length);
        expect(unknown.every((word) => !isRole(word.toLowerCase()) && word.trim() === word && word !== '')).toBe(true);
        const words = text.split(/[,\s]+/).filter(Boolean);
        expect(words.length).toBeGreaterThanOrEqual(roles.length + unknown.length);
        for (const word of words)
          expect(roles.includes(word.toLowerCase() as Role) || unknown.includes(word)).toBe(true);
      }),
    );
  });
});

describe('hasAnyRole, isRole, roleLabel', () => {
  test('hasAnyRole is true exactly when one needed role is held', () => {
    expect(hasAnyRole(['cs', 'sales'], ['sales', 'admin'])).toBe(true);
    expect(hasAnyRole(['cs'], ['sales', 'admin'])).toBe(false);
    expect(hasAnyRole([], ['admin'])).toBe(false);
    expect(hasAnyRole(['admin'], [])).toBe(false);
  });

  test('isRole knows the seven roles and nothing else (case matters)', () => {
    expect(ROLES).toEqual(['cs', 'purchasing', 'logistics', 'warehouse', 'sales', 'boss', 'admin']);
    for (const role of ROLES) expect(isRole(role)).toBe(true);
    for (const other of ['Admin', 'root', '', 'toString', 'constructor']) expect(isRole(other)).toBe(false);
  });

  test('every role has a distinct label in each language', () => {
    for (const lang of LANGS) {
      const labels = ROLES.map((role) => roleLabel(role, lang));
      expect(labels.every((label) => label.trim().length > 0)).toBe(true);
      expect(new Set(labels).size).toBe(ROLES.length);
    }
    expect(roleLabel('warehouse', 'zh')).toBe('仓储');
    expect(roleLabel('cs', 'en')).toBe('Customer service');
  });
});

describe('langFromLocale', () => {
  test.each(['zh_CN', 'zh_TW', 'zh-Hans', 'zh-Hant-TW', 'zh', 'ZH_cn', 'zh-CN,zh;q=0.9,en;q=0.8'])(
    '%s → zh',
    (locale) => {
      expect(langFromLocale(locale)).toBe('zh');
    },
  );

  test.each(['en_US', 'en_GB', 'de_DE', 'ja_JP', 'en-US,zh;q=0.9', 'zhx', ' zh_CN', '', null, undefined])(
    '%p → en',
    (locale) => {
      expect(langFromLocale(locale)).toBe('en');
    },
  );

  test('property: zh_* and zh-* are zh; anything not starting with "zh" is en', () => {
    fc.assert(
      fc.property(fc.constantFrom('zh_', 'zh-', 'Zh-', 'ZH_'), fc.string(), (prefix, rest) => {
        expect(langFromLocale(prefix + rest)).toBe('zh');
      }),
    );
    fc.assert(
      fc.property(fc.string(), (text) => {
        fc.pre(!/^zh/i.test(text));
        expect(langFromLocale(text)).toBe('en');
      }),
    );
  });
});

describe('translate', () => {
  const source = fs.readFileSync(path.join(__dirname, '../../domain/i18n/messages.ts'), 'utf8');
  const keys = [...source.matchAll(/^\s+(\w+): \{\s*en: /gm)].map((m) => m[1] as MessageKey);
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  /** Claims to hold every parameter, answering ⟦name⟧. */
  const sentinel = new Proxy({}, { has: () => true, get: (_target, name) => `⟦${String(name)}⟧` }) as MessageParams;

  test('the catalogue was found, and covers every field error code', () => {
    expect(keys.length).toBeGreaterThanOrEqual(20);
    expect(new Set(keys).size).toBe(keys.length);
    for (const code of [...FIELD_ERROR_CODES, 'not_allowed_role', 'conflict']) expect(keys).toContain(code);
  });

  test.each(LANGS)('every key has a %s text that differs from the other language', (lang) => {
    for (const key of keys) {
      const text = translate(lang, key);
      expect(text.trim().length).toBeGreaterThan(0);
      expect(text).not.toBe(translate(lang === 'en' ? 'zh' : 'en', key));
    }
  });

  test('en and zh use the same placeholders, and every placeholder is filled', () => {
    for (const key of keys) {
      const en = placeholders(translate('en', key));
      expect({ key, names: placeholders(translate('zh', key)) }).toEqual({ key, names: en });
      for (const lang of LANGS) {
        const filled = translate(lang, key, sentinel);
        expect(filled).not.toMatch(/\{\w+\}/);
        for (const name of en) expect(filled).toContain(`⟦${name}⟧`);
      }
    }
  });

  test('parameters are inserted literally, numbers as digits; a missing one stays visible', () => {
    expect(translate('en', 'too_long', { column: 'Name', max: 200 })).toBe('Name is longer than 200 characters');
    expect(translate('zh', 'out_of_range', { column: '优先级', min: 1, max: 999 })).toBe('优先级必须在 1 到 999 之间');
    expect(translate('en', 'unknown_field', { field: '$& {column} $1' })).toBe('Unknown column "$& {column} $1"');
    expect(translate('en', 'required')).toBe('{column} is required');
    expect(translate('en', 'required', { column: 'SKU', extra: 'x' })).toBe('SKU is required');
  });
});
