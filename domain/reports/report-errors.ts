import { errorCatalog } from '../errors/error-catalog';

/** Reports and what feeds them (docs/reports.md). */
export const reportErrors = errorCatalog({
  report_owner_forbidden: {
    status: 403,
    en: 'Sales reads its own products only ({owner} is someone else).',
    zh: '业务只能查看自己的产品（{owner} 是其他人）。',
  },
  invalid_freight_bill: {
    status: 422,
    en: 'The freight bill has rows that cannot be used; nothing was applied.',
    zh: '运费账单中有无法使用的行；没有应用任何内容。',
  },
  freight_bill_unreadable: {
    status: 400,
    en: 'The freight bill cannot be read: {message}',
    zh: '无法读取运费账单：{message}',
  },
});
