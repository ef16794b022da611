// The YunExpress adapter against a fake of its OMS API v1 (test/fakes/yunexpress-fake.ts). The samples in
// test/fakes/yunexpress-samples/ are adapted from replies captured from the live API (laradocs/php-yunexpress-sdk
// tests/*.json) and the published field tables; the schemas must read them.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { z } from 'zod';
import { CarrierError, type ParcelForCarrier } from '../../sync-server/logistics/carriers/carrier-adapter';
import {
  yunExpressAdapter,
  type YunExpressConfig,
} from '../../sync-server/logistics/carriers/yunexpress/yunexpress-adapter';
import {
  createOrderReplySchema,
  deleteReplySchema,
  getOrderReplySchema,
  labelPrintReplySchema,
  priceTrialReplySchema,
} from '../../sync-server/logistics/carriers/yunexpress/yunexpress-payloads';
import { FAKE_LABEL_PDF, startYunExpressFake, type YunExpressFake } from '../fakes/yunexpress-fake';

const ACCOUNT = { customerCode: 'C88001', apiSecret: 'Sx9+secret/Abc==' };

function parcel(overrides: Partial<ParcelForCarrier> = {}): ParcelForCarrier {
  return {
    reference: 'SH-2024-000117',
    product: 'THZXR',
    recipient: {
      name: 'Jane Doe',
      phone: '+1 555 0100',
      email: 'jane@example.com',
      address1: '1 Main St',
      address2: 'Apt 4',
      city: 'Springfield',
      province: 'IL',
      postalCode: '62701',
      country: 'US',
    },
    weightG: 457,
    dimensionsCm: { length: 20.5, width: 15, height: 4 },
    items: [
      {
        sku: 'MUG-01',
        qty: 2,
        declaredNameEn: 'Ceramic mug',
        declaredNameZh: '陶瓷杯',
        hsCode: '691200',
        declaredValue: '12.50',
        currency: 'USD',
        weightG: 123,
      },
    ],
    ...overrides,
  };
}

let fake: YunExpressFake;
beforeEach(async () => {
  fake = await startYunExpressFake(ACCOUNT);
});
afterEach(async () => {
  await fake.close();
});

function adapter(extra: Partial<YunExpressConfig> = {}) {
  return yunExpressAdapter({ baseUrl: fake.baseUrl, ...ACCOUNT, ...extra });
}

async function carrierError(promise: Promise<unknown>): Promise<CarrierError> {
  const error = await promise.then(
    () => new Error('expected a CarrierError'),
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(CarrierError);
  return error as CarrierError;
}

const calls = () => fake.requests.map((r) => `${r.method} ${r.path}`);

test('book sends the documented CreateOrder, prints the label and downloads its PDF', async () => {
  const booked = await adapter().book(parcel());

  expect(calls()).toEqual([
    'POST /api/WayBill/CreateOrder',
    'POST /api/Label/Print',
    expect.stringMatching(/^GET \/PDF\/\w+\.pdf$/),
  ]);
  const [create, label, pdf] = fake.requests;
  expect(create!.headers.authorization).toBe(`Basic ${Buffer.from('C88001&Sx9+secret/Abc==').toString('base64')}`);
  expect(create!.headers.accept).toBe('application/json');
  expect(create!.headers['content-type']).toBe('application/json;charset=utf-8');
  expect(create!.body).toEqual([
    {
      CustomerOrderNumber: 'SH-2024-000117',
      ShippingMethodCode: 'THZXR',
      PackageCount: 1,
      Weight: 0.457,
      Length: 21,
      Width: 15,
      Height: 4,
      Receiver: {
        CountryCode: 'US',
        FirstName: 'Jane Doe',
        Street: '1 Main St',
        StreetAddress1: 'Apt 4',
        City: 'Springfield',
        State: 'IL',
        Zip: '62701',
        Phone: '+1 555 0100',
        Email: 'jane@example.com',
      },
      Parcels: [
        {
          EName: 'Ceramic mug',
          CName: '陶瓷杯',
          HSCode: '691200',
          Quantity: 2,
          UnitPrice: 12.5,
          UnitWeight: 0.123,
          CurrencyCode: 'USD',
          SKU: 'MUG-01',
        },
      ],
    },
  ]);
  const [order] = [...fake.orders.values()];
  expect(label!.body).toEqual([order!.waybillNumber]);
  // The credentials stay with the API; the PDF host gets none.
  expect(pdf!.headers.authorization).toBeUndefined();

  expect(booked.carrierReference).toBe(order!.waybillNumber);
  expect(booked.trackingNumber).toBe(order!.trackingNumber);
  expect(booked.trackingNumber).toMatch(/^LX\d+CN$/);
  expect(booked.labelPdf.equals(FAKE_LABEL_PDF)).toBe(true);
  expect(booked.labelPdf.subarray(0, 5).toString()).toBe('%PDF-');
});

test('a product whose tracking number comes later is tracked by its waybill number', async () => {
  const booked = await adapter().book(parcel({ product: 'BKPHR' }));
  expect(booked.trackingNumber).toMatch(/^YT\d{16}$/);
  expect(booked.trackingNumber).toBe(booked.carrierReference);
});

test('a refusal of the order inside a 200 answer is refused with YunExpress’s own remark', async () => {
  const unknownProduct = await carrierError(adapter().book(parcel({ product: 'NOPE' })));
  expect(unknownProduct.kind).toBe('refused');
  expect(unknownProduct.carrier).toBe('yunexpress');
  expect(unknownProduct.message).toBe('运输方式[NOPE]不存在或未开通');

  const noCity = await carrierError(adapter().book(parcel({ recipient: { ...parcel().recipient, city: null } })));
  expect(noCity.kind).toBe('refused');
  expect(noCity.message).toContain('Receiver.City');

  expect(calls()).toEqual(['POST /api/WayBill/CreateOrder', 'POST /api/WayBill/CreateOrder']);
  expect(fake.orders.size).toBe(0);
});

test('booking the same reference again reuses the existing waybill instead of booking twice', async () => {
  const first = await adapter().book(parcel());
  fake.requests.length = 0;
  const again = await adapter().book(parcel());

  expect(fake.orders.size).toBe(1);
  expect(again.carrierReference).toBe(first.carrierReference);
  expect(again.trackingNumber).toBe(first.trackingNumber);
  expect(again.labelPdf.equals(FAKE_LABEL_PDF)).toBe(true);
  expect(calls().slice(0, 3)).toEqual([
    'POST /api/WayBill/CreateOrder',
    'GET /api/WayBill/GetOrder',
    'POST /api/Label/Print',
  ]);
  expect(fake.requests[1]!.query.get('OrderNumber')).toBe('SH-2024-000117');
  expect(fake.requests[2]!.body).toEqual([first.carrierReference]);
});

test('a reference already booked with another product, or deleted, is refused rather than reused', async () => {
  const first = await adapter().book(parcel());
  const otherProduct = await carrierError(adapter().book(parcel({ product: 'BKPHR' })));
  expect(otherProduct.kind).toBe('refused');
  expect(otherProduct.message).toContain('already booked with product THZXR');

  await adapter().cancel({
    reference: 'SH-2024-000117',
    trackingNumber: first.trackingNumber,
    carrierReference: first.carrierReference,
  });
  const deleted = await carrierError(adapter().book(parcel()));
  expect(deleted.kind).toBe('refused');
  expect(deleted.message).toContain('was deleted');
  expect(fake.orders.size).toBe(1);
});

test('a secret YunExpress does not accept is refused, and the message never carries the secret', async () => {
  const secret = 'Wr0ng+Secret/Value==';
  const error = await carrierError(adapter({ apiSecret: secret }).book(parcel()));
  expect(error.kind).toBe('refused');
  expect(error.status).toBe(401);
  expect(error.message).toContain('C88001');
  expect(error.message).not.toContain(secret);
  expect(error.message).not.toContain(Buffer.from(`C88001&${secret}`).toString('base64'));
  expect(fake.orders.size).toBe(0);
});

test('a 500, a page that is not JSON, and a refused connection are unavailable', async () => {
  fake.inject('http500', '/api/WayBill/CreateOrder');
  const serverError = await carrierError(adapter().book(parcel()));
  expect(serverError.kind).toBe('unavailable');
  expect(serverError.status).toBe(500);

  fake.inject('malformed', '/api/Label/Print');
  const notJson = await carrierError(adapter().book(parcel({ reference: 'SH-2024-000118' })));
  expect(notJson.kind).toBe('unavailable');
  expect(notJson.message).toContain('not the documented shape');

  await fake.close();
  const closed = await carrierError(adapter().book(parcel({ reference: 'SH-2024-000119' })));
  expect(closed.kind).toBe('unavailable');
});

test('no answer within timeoutMs is a timeout', async () => {
  fake.inject('hang', '/api/WayBill/CreateOrder');
  const error = await carrierError(adapter({ timeoutMs: 200 }).book(parcel()));
  expect(error.kind).toBe('timeout');
  expect(error.message).toContain('200 ms');
});

test('cancel deletes the order by its waybill number, or by our reference when that is all we have', async () => {
  const booked = await adapter().book(parcel());
  await adapter().cancel({ reference: 'SH-2024-000117', ...booked });
  expect(fake.requests.at(-1)!.body).toEqual({ OrderType: 1, OrderNumber: booked.carrierReference });
  expect(fake.orders.get(booked.carrierReference!)!.status).toBe(6);

  const other = await adapter().book(parcel({ reference: 'SH-2024-000118' }));
  await adapter().cancel({ reference: 'SH-2024-000118', trackingNumber: other.trackingNumber, carrierReference: null });
  expect(fake.requests.at(-1)!.body).toEqual({ OrderType: 2, OrderNumber: 'SH-2024-000118' });
  expect(fake.orders.get(other.carrierReference!)!.status).toBe(6);
});

test('cancel of a parcel YunExpress has already received is refused with its remark', async () => {
  const booked = await adapter().book(parcel());
  fake.orders.get(booked.carrierReference!)!.status = 4;
  const error = await carrierError(adapter().cancel({ reference: 'SH-2024-000117', ...booked }));
  expect(error.kind).toBe('refused');
  expect(error.message).toBe('订单已收货,不允许删除');
});

test('quote asks the price trial for the parcel and picks the product’s line', async () => {
  const quote = await adapter().quote!(parcel());
  // THZXR in the fake: 62 per kg + 18 registration; 0.457 kg.
  expect(quote).toEqual({ amount: '46.33', currency: 'CNY' });
  const [trial] = fake.requests;
  expect(`${trial!.method} ${trial!.path}`).toBe('GET /api/Freight/GetPriceTrial');
  expect(Object.fromEntries(trial!.query)).toEqual({
    CountryCode: 'US',
    Weight: '0.457',
    Length: '21',
    Width: '15',
    Height: '4',
    PackageType: '1',
  });

  const error = await carrierError(adapter().quote!(parcel({ product: 'NOPE' })));
  expect(error.kind).toBe('refused');
});

test.each<[string, z.ZodType]>([
  ['create-order-reply.json', createOrderReplySchema],
  ['get-order-reply.json', getOrderReplySchema],
  ['label-print-reply.json', labelPrintReplySchema],
  ['delete-reply.json', deleteReplySchema],
  ['price-trial-reply.json', priceTrialReplySchema],
])('the schemas read the published reply %s', (file, schema) => {
  const sample: unknown = JSON.parse(readFileSync(path.join(__dirname, '../fakes/yunexpress-samples', file), 'utf8'));
  expect(schema.safeParse(sample).error).toBeUndefined();
});
