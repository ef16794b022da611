import { ROLES } from '../../domain/access/roles';
import { PRODUCT_TABLE } from '../../domain/catalog/product';
import { SYNCED_TABLES, tableFor } from '../../domain/catalog/synced-tables';
import { WAREHOUSE_TABLE } from '../../domain/catalog/warehouse';
import { columnOf, computedColumns, editableColumns } from '../../domain/sheets/column-spec';
import { validateRow } from '../../domain/sheets/row-validation';

describe('column-spec helpers', () => {
  test('columnOf finds a column by field, or nothing', () => {
    expect(columnOf(PRODUCT_TABLE, 'unit_cost')?.header).toEqual({ en: 'Unit cost', zh: '单位成本' });
    expect(columnOf(PRODUCT_TABLE, 'code')).toBeUndefined();
    expect(columnOf(WAREHOUSE_TABLE, 'code')?.required).toBe(true);
  });

  test('editable and computed columns split the columns in order', () => {
    for (const spec of SYNCED_TABLES) {
      const editable = editableColumns(spec);
      const computed = computedColumns(spec);
      expect([...editable, ...computed].map((c) => c.field).sort()).toEqual(spec.columns.map((c) => c.field).sort());
      // A read-only table (orders) is the server's in every column; Stock owns its levels; the others only the audit columns.
      if (spec.readOnly) expect(editable).toEqual([]);
      else if (spec.entity === 'stock')
        expect(editable.map((c) => c.field)).toEqual(['stock_key', 'on_hand', 'count_note']);
      else expect(computed.map((c) => c.field)).toEqual(['updated_at', 'updated_by']);
      expect(editable.map((c) => c.field)).toEqual(spec.columns.filter((c) => !c.computed).map((c) => c.field));
    }
    expect(editableColumns(WAREHOUSE_TABLE).map((c) => c.field)).toEqual([
      'code',
      'name',
      'countries',
      'rank',
      'active',
    ]);
  });

  test('tableFor finds the synced tables by entity', () => {
    expect(tableFor('products')).toBe(PRODUCT_TABLE);
    expect(tableFor('warehouses')).toBe(WAREHOUSE_TABLE);
    expect(tableFor('orders')).toBeUndefined();
    expect(tableFor('order_rows')?.readOnly).toBe(true);
    expect(SYNCED_TABLES.map((t) => t.entity)).toEqual([
      'products',
      'warehouses',
      'stock',
      'suppliers',
      'sku_mappings',
      'order_rows',
      'po_rows',
      'transfer_rows',
      'carriers',
      'rates',
      'shipment_rows',
      'after_sale_rows',
      'fx_rates',
      'channel_fees',
    ]);
  });
});

describe.each(SYNCED_TABLES.map((spec) => [spec.entity, spec] as const))(
  'table spec %s is coherent',
  (_entity, spec) => {
    test('fields are unique, headers are non-empty and unique per language', () => {
      const fields = spec.columns.map((c) => c.field);
      expect(new Set(fields).size).toBe(fields.length);
      for (const lang of ['en', 'zh'] as const) {
        const headers = spec.columns.map((c) => c.header[lang]);
        expect(headers.every((h) => h.trim() === h && h.length > 0)).toBe(true);
        expect(new Set(headers).size).toBe(headers.length);
        expect(spec.label[lang].length).toBeGreaterThan(0);
        expect(spec.sheetName[lang].length).toBeGreaterThan(0);
      }
    });

    test('the key column is editable, required and of kind key; edit roles are real roles', () => {
      const key = columnOf(spec, spec.keyField);
      expect(key?.kind.type).toBe('key');
      if (spec.readOnly) expect(key?.computed).toBe(true);
      else {
        // A key made from other cells (Stock: SKU@WAREHOUSE) is checked by its parts on the server.
        if (!spec.keyFrom) expect(key).toMatchObject({ required: true });
        // Typed on a new row even where the server owns them afterwards (Stock's SKU), or plain editable (Rates).
        else
          expect(spec.keyFrom.every((field) => columnOf(spec, field)?.entry || !columnOf(spec, field)?.computed)).toBe(
            true,
          );
        expect(key?.computed).toBeFalsy();
      }
      expect(spec.editRoles.every((role) => (ROLES as readonly string[]).includes(role))).toBe(true);
      expect(spec.editRoles).not.toContain('admin');
    });

    test('required columns have no empty value; each empty value is itself valid and stable', () => {
      const sample = (c: (typeof spec.columns)[number]) =>
        c.kind.type === 'key'
          ? 'K-1'
          : c.kind.type === 'integer'
            ? 1
            : c.kind.type === 'country-list'
              ? ['FR']
              : c.kind.type === 'currency'
                ? 'EUR'
                : c.kind.type === 'decimal'
                  ? '1'
                  : 'x';
      // A rate band needs a real zone and a band that goes up.
      const fixed: Record<string, Record<string, unknown>> = {
        rates: { zone: 'FR', from_g: 0, to_g: 500 },
        fx_rates: { fx_key: 'EUR@2026-11', month: '2026-11' },
      };
      const minimal = {
        ...Object.fromEntries(spec.columns.filter((c) => c.required).map((c) => [c.field, sample(c)])),
        ...fixed[spec.entity],
      };
      const base = validateRow(spec, minimal, 'en');
      if (!base.ok) throw new Error(JSON.stringify(base.errors));
      for (const column of spec.columns) {
        if (column.required) expect(column.empty).toBeUndefined();
        if (column.empty === undefined) continue;
        expect(base.values[column.field]).toEqual(column.empty);
        const explicit = validateRow(spec, { ...minimal, [column.field]: column.empty }, 'en');
        expect(explicit.ok && explicit.values[column.field]).toEqual(column.empty);
      }
    });
  },
);
