import { errorCatalog } from '../errors/error-catalog';

/** `npx crossdock ...` refusals. The CLI prints English (its throw sites pass finished text); zh is for completeness. */
export const cliErrors = errorCatalog({
  usage: { status: 400, en: 'Wrong use of the command line: {problem}', zh: '命令行用法有误：{problem}' },
});
