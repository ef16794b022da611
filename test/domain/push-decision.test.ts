import fc from 'fast-check';
import { ROLES, type Role } from '../../domain/access/roles';
import { PRODUCT_TABLE } from '../../domain/catalog/product';
import { WAREHOUSE_TABLE } from '../../domain/catalog/warehouse';
import { editableColumns, type TableSpec, type WireRow } from '../../domain/sheets/column-spec';
import { validateRow } from '../../domain/sheets/row-validation';
import {
  canEdit,
  decideRowPush,
  roleRefusal,
  sameEditableValues,
  type StoredRow,
} from '../../domain/sync/push-decision';
import { validProductInput } from './domain-arbitraries';

function stored(spec: TableSpec, input: Record<string, unknown>, version: number): StoredRow {
  const result = validateRow(spec, input, 'en');
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return {
    version,
    values: { ...result.values, updated_at: '2024-05-01T10:00:00.000Z', updated_by: 'ann@example.com' },
  };
}

const bag = { name_en: 'Tote bag', unit_cost: '12.50', cost_currency: 'usd', attributes: 'liquid, battery' };
const current = stored(PRODUCT_TABLE, { sku: 'BAG-1', ...bag }, 3);

describe('decideRowPush', () => {
  test('create when the server has no such row, with normalized values', () => {
    const decision = decideRowPush(PRODUCT_TABLE, { key: ' BAG-1 ', baseVersion: null, values: bag }, null, 'en');
    expect(decision.kind).toBe('create');
    if (decision.kind !== 'create') return;
    expect(decision.values).toMatchObject({
      sku: 'BAG-1',
      unit_cost: '12.5',
      cost_currency: 'USD',
      attributes: ['battery', 'liquid'],
      active: true,
    });
  });

  test('the pushed key wins over a key field inside the values', () => {
    const decision = decideRowPush(
      PRODUCT_TABLE,
      { key: 'BAG-2', baseVersion: null, values: { ...bag, sku: 'OTHER' } },
      null,
      'en',
    );
    expect(decision.kind === 'create' && decision.values.sku).toBe('BAG-2');
  });

  test('unchanged when the values are equal, whatever the base version (a retried push)', () => {
    // Spelled differently from what is stored, equal once normalized.
    const same = {
      name_en: ' Tote bag ',
      unit_cost: 12.5,
      cost_currency: 'USD',
      attributes: ['battery', 'liquid', 'battery'],
    };
    for (const baseVersion of [3, 2, 1, null, 99]) {
      const decision = decideRowPush(PRODUCT_TABLE, { key: 'BAG-1', baseVersion, values: same }, current, 'en');
      expect(decision).toEqual({ kind: 'unchanged', current });
    }
  });

  test('conflict when the base version is stale and the values differ', () => {
    for (const baseVersion of [2, null, 4]) {
      const decision = decideRowPush(
        PRODUCT_TABLE,
        { key: 'BAG-1', baseVersion, values: { ...bag, name_en: 'Tote bag XL' } },
        current,
        'en',
      );
      expect(decision).toEqual({ kind: 'conflict', current, fields: ['name_en'] });
    }
  });

  test('update when the base version matches, keeping the row it replaces', () => {
    const decision = decideRowPush(
      PRODUCT_TABLE,
      { key: 'BAG-1', baseVersion: 3, values: { ...bag, unit_cost: '13' } },
      current,
      'en',
    );
    expect(decision.kind).toBe('update');
    if (decision.kind !== 'update') return;
    expect(decision.before).toBe(current);
    expect(decision.values.unit_cost).toBe('13');
    expect(decision.values).not.toHaveProperty('updated_at');
  });

  test('a cell emptied on purpose is a change (FALSE and empty are not the same)', () => {
    const decision = decideRowPush(
      PRODUCT_TABLE,
      { key: 'BAG-1', baseVersion: 3, values: { ...bag, active: false } },
      current,
      'en',
    );
    expect(decision.kind === 'update' && decision.values.active).toBe(false);
    const cleared = decideRowPush(
      PRODUCT_TABLE,
      { key: 'BAG-1', baseVersion: 3, values: { ...bag, unit_cost: '', cost_currency: '' } },
      current,
      'en',
    );
    expect(cleared.kind === 'update' && [cleared.values.unit_cost, cleared.values.cost_currency]).toEqual([null, null]);
  });

  test('rejected with every error, in the requested language; fields left out keep the stored values', () => {
    const expected = new Map([
      [
        null,
        [
          ['sku', 'bad_key'],
          ['name_en', 'required'],
          ['weight_g', 'not_integer'],
          ['cost_currency', 'needs_currency'],
        ],
      ],
      // An existing row supplies the fields the push leaves out (name, currency): only the pushed ones can fail.
      [
        current,
        [
          ['sku', 'bad_key'],
          ['weight_g', 'not_integer'],
        ],
      ],
    ]);
    for (const [row, errors] of expected) {
      const decision = decideRowPush(
        PRODUCT_TABLE,
        { key: 'bad key', baseVersion: 3, values: { weight_g: 'heavy', unit_cost: '1' } },
        row,
        'zh',
      );
      expect(decision.kind).toBe('rejected');
      if (decision.kind !== 'rejected') return;
      expect(decision.errors.map((e) => [e.field, e.code])).toEqual(errors);
      expect(decision.errors[0]?.message).toContain('只能包含字母');
    }
  });

  test('a push that leaves fields out changes only the fields it names', () => {
    const decision = decideRowPush(
      PRODUCT_TABLE,
      { key: 'BAG-1', baseVersion: 3, values: { supplier: 'New supplier' } },
      current,
      'en',
    );
    expect(decision.kind).toBe('update');
    if (decision.kind !== 'update') return;
    expect(editablePart(decision.values)).toEqual({ ...editablePart(current.values), supplier: 'New supplier' });
  });

  test('property: never update unless baseVersion matches, never conflict when values are equal', () => {
    const version = fc.integer({ min: 1, max: 4 });
    const currentRow = fc.option(fc.record({ version, input: fc.oneof(fc.constant(null), validProductInput) }));
    fc.assert(
      fc.property(validProductInput, fc.option(version), currentRow, (input, baseVersion, serverSide) => {
        const { sku, ...values } = input;
        // null input: the server row holds exactly what is pushed (possibly under another spelling).
        const now = serverSide && stored(PRODUCT_TABLE, serverSide.input ?? input, serverSide.version);
        // Fields the push leaves out keep the stored values.
        const mine = validateRow(PRODUCT_TABLE, { ...(now ? editablePart(now.values) : {}), ...input }, 'en');
        if (!mine.ok) throw new Error(JSON.stringify(mine.errors));
        const decision = decideRowPush(PRODUCT_TABLE, { key: String(sku), baseVersion, values }, now, 'en');
        expect(decision.kind).not.toBe('rejected');
        if (!now) return expect(decision).toEqual({ kind: 'create', values: mine.values });
        const equal = sameEditableValues(PRODUCT_TABLE, mine.values, now.values);
        if (decision.kind === 'update') {
          expect(baseVersion).toBe(now.version);
          expect(decision.values).toEqual(mine.values);
        }
        if (equal) expect(decision.kind).toBe('unchanged');
        else expect(decision.kind).toBe(baseVersion === now.version ? 'update' : 'conflict');
        if (serverSide?.input === null) expect(decision.kind).toBe('unchanged');
      }),
      { numRuns: 300 },
    );
  });
});

function editablePart(values: WireRow): WireRow {
  return Object.fromEntries(editableColumns(PRODUCT_TABLE).map((c) => [c.field, values[c.field] ?? null]));
}

describe('sameEditableValues', () => {
  const a: WireRow = { code: 'LAX', name: 'LA', countries: ['US', 'MX'], rank: 1, active: true };

  test('ignores computed columns and treats a missing field as null', () => {
    expect(sameEditableValues(WAREHOUSE_TABLE, a, { ...a, updated_at: 'x', updated_by: 'y' })).toBe(true);
    expect(
      sameEditableValues(
        WAREHOUSE_TABLE,
        { ...a, rank: null },
        { code: 'LAX', name: 'LA', countries: ['US', 'MX'], active: true },
      ),
    ).toBe(true);
  });

  test('sees every editable difference, including list order and type', () => {
    expect(sameEditableValues(WAREHOUSE_TABLE, a, { ...a, countries: ['MX', 'US'] })).toBe(false);
    expect(sameEditableValues(WAREHOUSE_TABLE, a, { ...a, rank: '1' })).toBe(false);
    expect(sameEditableValues(WAREHOUSE_TABLE, a, { ...a, active: false })).toBe(false);
    expect(sameEditableValues(WAREHOUSE_TABLE, a, { ...a, name: 'LA ' })).toBe(false);
  });
});

describe('canEdit and roleRefusal', () => {
  const subsets = fc.subarray([...ROLES]);

  test('admin always; products by sales/purchasing; warehouses by logistics/warehouse', () => {
    expect(canEdit(PRODUCT_TABLE, ['admin'])).toBe(true);
    expect(canEdit(WAREHOUSE_TABLE, ['admin'])).toBe(true);
    expect(canEdit(PRODUCT_TABLE, ['sales'])).toBe(true);
    expect(canEdit(PRODUCT_TABLE, ['purchasing'])).toBe(true);
    expect(canEdit(PRODUCT_TABLE, ['logistics', 'warehouse', 'cs', 'boss'])).toBe(false);
    expect(canEdit(WAREHOUSE_TABLE, ['logistics'])).toBe(true);
    expect(canEdit(WAREHOUSE_TABLE, ['warehouse'])).toBe(true);
    expect(canEdit(WAREHOUSE_TABLE, ['sales', 'purchasing', 'cs', 'boss'])).toBe(false);
    expect(canEdit(PRODUCT_TABLE, [])).toBe(false);
  });

  test('property: any set of roles may edit exactly when it holds admin or an edit role', () => {
    fc.assert(
      fc.property(subsets, (roles: Role[]) => {
        expect(canEdit(PRODUCT_TABLE, roles)).toBe(
          roles.some((r) => r === 'admin' || r === 'sales' || r === 'purchasing'),
        );
        expect(canEdit(WAREHOUSE_TABLE, roles)).toBe(
          roles.some((r) => r === 'admin' || r === 'logistics' || r === 'warehouse'),
        );
      }),
    );
  });

  test('the refusal names the held roles, the table and the roles needed, in both languages', () => {
    const en = roleRefusal(PRODUCT_TABLE, ['cs', 'boss'], 'en');
    expect(en).toEqual({
      field: 'sku',
      code: 'not_allowed_role',
      message: 'Your roles (cs, boss) cannot edit products; ask an admin for one of: admin, sales, purchasing',
    });
    const zh = roleRefusal(WAREHOUSE_TABLE, ['sales'], 'zh');
    expect(zh.field).toBe('code');
    expect(zh.code).toBe('not_allowed_role');
    expect(zh.message).toBe('你的角色（sales）不能编辑仓库；请管理员授予以下角色之一：admin, logistics, warehouse');
    expect(roleRefusal(PRODUCT_TABLE, [], 'en').message).toContain('Your roles (-)');
  });
});
