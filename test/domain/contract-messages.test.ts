import { MoveBody } from '../../domain/contracts/orders';
import { contractText, translateContractText, type ContractMessageKey } from '../../domain/contracts/contract-messages';

describe("the contracts' own messages", () => {
  const keys: ContractMessageKey[] = [
    'no_control',
    'client_id',
    'date_shape',
    'real_date',
    'text_or_data',
    'action_or_status',
    'mutation_needed',
    'member_or_roles',
    'amount',
    'currency_code',
    'weights_sum',
    'tables_among',
  ];

  test('each has a Chinese text a zh answer swaps in, placeholders filled from the English one', () => {
    for (const key of keys) {
      const en = contractText(key, { tables: 'products, stock' });
      const zh = translateContractText(en, 'zh');
      expect(zh).not.toBe(en);
      expect(zh).toMatch(/[\u4e00-\u9fff]/);
      expect(translateContractText(en, 'en')).toBe(en);
    }
    expect(translateContractText(contractText('tables_among', { tables: 'a, b' }), 'zh')).toBe('只能列出以下表：a, b');
    expect(translateContractText('Invalid input', 'zh')).toBe('Invalid input');
  });

  test('a schema refusal carries the English text that translates', () => {
    const result = MoveBody.safeParse({ idempotencyKey: 'key-00001', orderNos: ['A'] });
    expect(result.success).toBe(false);
    const message = result.error!.issues.find((i) => i.path[0] === 'action')!.message;
    expect(translateContractText(message, 'zh')).toBe('请提供 action 或 toStatus 之一');
  });
});
