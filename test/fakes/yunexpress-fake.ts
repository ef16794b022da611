/**
 * A YunExpress OMS API v1 server on 127.0.0.1 for the adapter's tests: the endpoints the adapter uses, with the
 * published envelopes (see the sources in sync-server/logistics/carriers/yunexpress/yunexpress-adapter.ts and
 * the samples beside this file). It checks Basic auth, refuses a bad order inside a 200 answer (`Success` 0
 * with a `Remark`), refuses a repeated CustomerOrderNumber, serves a real PDF at the label URL, and can be
 * told to fail the next request (500, no answer, a non-JSON page).
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createOrderSchema,
  deleteRequestSchema,
  labelPrintRequestSchema,
  type CreateOrder,
} from '../../sync-server/logistics/carriers/yunexpress/yunexpress-payloads';

export type RecordedRequest = {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: unknown;
};

/** `hang` accepts the request and never answers; `malformed` answers 200 with an HTML page. */
export type Fault = 'http500' | 'hang' | 'malformed';

/** GetOrder statuses used here: 3 submitted, 4 received at the warehouse, 6 deleted. */
export type FakeOrder = {
  waybillNumber: string;
  trackingNumber: string | null;
  status: 3 | 4 | 6;
  order: CreateOrder;
};

export type YunExpressFake = {
  /** Host root, as the adapter's `baseUrl`. */
  baseUrl: string;
  requests: RecordedRequest[];
  /** By waybill number. */
  orders: Map<string, FakeOrder>;
  /** The next request to `path` (e.g. "/api/Label/Print"; any path when omitted) fails this way. */
  inject(fault: Fault, path?: string): void;
  close(): Promise<void>;
};

/** Shipping methods this account may use; `trackType` 1 issues a tracking number at once, 2 later. */
export const FAKE_SHIPPING_METHODS: Record<string, { trackType: '1' | '2'; perKg: number; registration: number }> = {
  THZXR: { trackType: '1', perKg: 62, registration: 18 },
  BKPHR: { trackType: '2', perKg: 45.5, registration: 0 },
};

export const FAKE_LABEL_PDF = onePagePdf();

export async function startYunExpressFake(account: {
  customerCode: string;
  apiSecret: string;
}): Promise<YunExpressFake> {
  const token = `Basic ${Buffer.from(`${account.customerCode}&${account.apiSecret}`).toString('base64')}`;
  const requests: RecordedRequest[] = [];
  const orders = new Map<string, FakeOrder>();
  const faults: { fault: Fault; path: string | undefined }[] = [];
  let sequence = 0;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', baseUrl);
      const raw = Buffer.concat(chunks).toString('utf8');
      const body = raw === '' ? undefined : tryJson(raw);
      requests.push({
        method: req.method ?? '',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body,
      });
      const faultAt = faults.findIndex((f) => f.path === undefined || f.path === url.pathname);
      const fault = faultAt >= 0 ? faults.splice(faultAt, 1)[0]?.fault : undefined;
      if (fault) {
        if (fault === 'hang') return;
        if (fault === 'http500') return send(res, 500, 'Internal Server Error', 'text/plain');
        return send(res, 200, '<html><body>502 Bad Gateway</body></html>', 'text/html');
      }
      if (req.method === 'GET' && url.pathname.startsWith('/PDF/'))
        return send(res, 200, FAKE_LABEL_PDF, 'application/pdf');
      if (!url.pathname.startsWith('/api/')) return send(res, 404, '', 'text/plain');
      // ASP.NET answers a missing or wrong token with a bare 401.
      if (req.headers.authorization !== token) return send(res, 401, '', 'text/plain');
      if (req.method === 'POST' && !String(req.headers['content-type']).startsWith('application/json')) {
        return send(res, 415, '', 'text/plain');
      }
      const route = `${req.method} ${url.pathname}`;
      if (route === 'POST /api/WayBill/CreateOrder') return reply(res, createOrders(body));
      if (route === 'GET /api/WayBill/GetOrder') return reply(res, getOrder(url.searchParams.get('OrderNumber') ?? ''));
      if (route === 'POST /api/Label/Print') return reply(res, printLabels(body));
      if (route === 'POST /api/WayBill/Delete') return reply(res, deleteOrder(body));
      if (route === 'GET /api/Freight/GetPriceTrial') return reply(res, priceTrial(url.searchParams));
      return send(res, 404, '', 'text/plain');
    });
  });

  function createOrders(body: unknown): Envelope {
    if (!Array.isArray(body) || body.length < 1 || body.length > 10) return failure('请提交1-10个订单');
    const results = body.map((raw: unknown) => {
      const customerOrderNumber = (raw as { CustomerOrderNumber?: unknown } | null)?.CustomerOrderNumber;
      const refuse = (remark: string) => ({ ...orderResult(customerOrderNumber), Success: 0, Remark: remark });
      const parsed = createOrderSchema.safeParse(raw);
      if (!parsed.success) {
        return refuse(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
      }
      const order = parsed.data;
      const method = FAKE_SHIPPING_METHODS[order.ShippingMethodCode];
      if (!method) return refuse(`运输方式[${order.ShippingMethodCode}]不存在或未开通`);
      if (findOrder(order.CustomerOrderNumber, 2)) return refuse(`客户订单号[${order.CustomerOrderNumber}]重复`);
      sequence += 1;
      const waybillNumber = `YT${String(2_300_000_000_000_000 + sequence)}`;
      const trackingNumber = method.trackType === '1' ? `LX${String(100_000_000 + sequence)}CN` : null;
      orders.set(waybillNumber, { waybillNumber, trackingNumber, status: 3, order });
      return {
        ...orderResult(customerOrderNumber),
        TrackType: method.trackType,
        WayBillNumber: waybillNumber,
        TrackingNumber: trackingNumber,
      };
    });
    const allBooked = results.every((r) => r.Success === 1);
    return { Code: allBooked ? '0000' : '1001', Message: allBooked ? '提交成功!' : '提交失败!', Item: results };
  }

  function getOrder(number: string): Envelope {
    const found = findOrder(number);
    if (!found) return failure('订单不存在');
    const { order } = found;
    return success({
      WayBillNumber: found.waybillNumber,
      OrderNumber: order.CustomerOrderNumber,
      ShippingMethodCode: order.ShippingMethodCode,
      TrackingNumber: found.trackingNumber,
      TransactionNumber: null,
      Length: order.Length ?? 1,
      Width: order.Width ?? 1,
      Height: order.Height ?? 1,
      PackageNumber: order.PackageCount,
      Weight: order.Weight,
      WeightUnits: 'KG',
      Status: found.status,
      Receiver: order.Receiver,
      Parcels: order.Parcels,
      ChargeWeight: null,
    });
  }

  function printLabels(body: unknown): Envelope {
    const parsed = labelPrintRequestSchema.safeParse(body);
    if (!parsed.success) return failure('单号不能为空');
    const infos = parsed.data.map((number) => {
      const found = findOrder(number);
      const error = !found ? '订单不存在' : found.status === 6 ? '订单已删除' : '';
      return { CustomerOrderNumber: number, Error: error, Code: error ? 200 : 100 };
    });
    sequence += 1;
    return success([{ Url: `${baseUrl}/PDF/${String(sequence).padStart(40, '0')}.pdf`, OrderInfos: infos }]);
  }

  function deleteOrder(body: unknown): Envelope {
    const parsed = deleteRequestSchema.safeParse(body);
    if (!parsed.success) return failure('单号类型或单号不正确');
    const { OrderType, OrderNumber } = parsed.data;
    const found = findOrder(OrderNumber, OrderType);
    const result = (status: string, remark: string) =>
      success({ OrderNumber, Status: status, Type: OrderType, Remark: remark });
    if (!found) return result('Failure', '订单不存在');
    if (found.status === 6) return result('Failure', '订单已删除');
    if (found.status !== 3) return result('Failure', '订单已收货,不允许删除');
    found.status = 6;
    // Status as in a captured live reply; the documented value is "Success".
    return result('5012', '删除成功!');
  }

  function priceTrial(query: URLSearchParams): Envelope {
    const weight = Number(query.get('Weight'));
    if (!query.get('CountryCode') || !(weight > 0)) return failure('国家简码和重量不能为空');
    const lines = Object.entries(FAKE_SHIPPING_METHODS).map(([code, method]) => {
      const shipping = Math.round(weight * method.perKg * 100) / 100;
      const total = Math.round((shipping + method.registration) * 100) / 100;
      return {
        Code: code,
        CName: code,
        EName: code,
        ShippingFee: shipping,
        RegistrationFee: method.registration,
        FuelFee: 0,
        SundryFee: 0,
        TariffPrepayFee: 0,
        TotalFee: total,
        DeliveryDays: '7-12',
        Remark: '',
      };
    });
    return { Code: '0000', Message: '提交成功!', Items: lines };
  }

  /** By waybill, customer order or tracking number (OrderType 1, 2, 3; any of them when omitted). */
  function findOrder(number: string, type?: 1 | 2 | 3): FakeOrder | undefined {
    return [...orders.values()].find((o) => {
      const numbers = [o.waybillNumber, o.order.CustomerOrderNumber, o.trackingNumber];
      return type ? numbers[type - 1] === number : numbers.includes(number);
    });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl,
    requests,
    orders,
    inject: (fault, path) => void faults.push({ fault, path }),
    close: async () => {
      // Hanging requests keep their sockets: end them, or close() would wait forever.
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

type Envelope = { Code: string; Message: string; Item?: unknown; Items?: unknown };

function success(item: unknown): Envelope {
  return { Code: '0000', Message: '提交成功!', Item: item };
}

function failure(message: string): Envelope {
  return { Code: '1001', Message: message, Item: null };
}

function orderResult(customerOrderNumber: unknown) {
  return {
    CustomerOrderNumber: typeof customerOrderNumber === 'string' ? customerOrderNumber : null,
    Success: 1,
    TrackType: null as string | null,
    Remark: '',
    AgentNumber: null,
    WayBillNumber: null as string | null,
    RequireSenderAddress: 0,
    TrackingNumber: null as string | null,
    ShipperBoxs: null,
  };
}

function reply(res: http.ServerResponse, envelope: Envelope): void {
  const stamped = {
    ...envelope,
    RequestId: `0HFAKE${Date.now().toString(36)}:00000002`,
    TimeStamp: new Date().toISOString(),
  };
  send(res, 200, JSON.stringify(stamped), 'application/json; charset=utf-8');
}

function send(res: http.ServerResponse, status: number, body: string | Buffer, contentType: string): void {
  res.writeHead(status, { 'Content-Type': contentType });
  res.end(body);
}

function tryJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/** A valid one-page 100 × 150 mm PDF with a correct xref table. */
function onePagePdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 283 425] >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets = objects.map((object, i) => {
    const offset = Buffer.byteLength(pdf, 'latin1');
    pdf += `${i + 1} 0 obj\n${object}\nendobj\n`;
    return offset;
  });
  const xref = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  pdf += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}
