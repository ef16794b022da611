import type { Lang } from '../i18n/lang';

/** Roles from docs/architecture.md (the roles). A person may hold several. */
export const ROLES = ['cs', 'purchasing', 'logistics', 'warehouse', 'sales', 'boss', 'admin'] as const;
export type Role = (typeof ROLES)[number];

const ROLE_LABELS: Record<Role, Record<Lang, string>> = {
  cs: { en: 'Customer service', zh: '客服' },
  purchasing: { en: 'Purchasing', zh: '采购' },
  logistics: { en: 'Logistics', zh: '物流' },
  warehouse: { en: 'Warehouse', zh: '仓储' },
  sales: { en: 'Sales', zh: '业务' },
  boss: { en: 'Boss', zh: '老板' },
  admin: { en: 'Admin', zh: '管理员' },
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function roleLabel(role: Role, lang: Lang): string {
  return ROLE_LABELS[role][lang];
}

export function hasAnyRole(held: readonly Role[], needed: readonly Role[]): boolean {
  return needed.some((role) => held.includes(role));
}

/** Parses "cs, sales" into roles; unknown names are returned separately so callers can report them. */
export function parseRoleList(text: string): { roles: Role[]; unknown: string[] } {
  const roles: Role[] = [];
  const unknown: string[] = [];
  for (const part of text.split(/[,\s]+/).filter(Boolean)) {
    const name = part.toLowerCase();
    if (isRole(name)) {
      if (!roles.includes(name)) roles.push(name);
    } else unknown.push(part);
  }
  return { roles, unknown };
}
