/**
 * YunExpress (云途物流) adapter on its OMS API v1: Basic auth `base64(CustomerCode&ApiSecret)`, JSON under
 * `<host>/api/`, every reply an envelope `{Code: "0000" | …, Message, Item | Items, RequestId, TimeStamp}`.
 *
 * Contract read from (no official page was reachable; these agree unless noted):
 * - github laradocs/php-yunexpress-sdk src/Client.php and tests/*.json (replies captured from the live API:
 *   create_order, get_order, label_print, delete, get_price_trial): endpoints, envelopes, `Label/Print` body as
 *   a bare array of numbers, `WayBill/Delete` body `{OrderType, OrderNumber}`, kg with 3 decimals.
 * - github zengweigg/yunexpress model/yun.order.go, model/yun.base.go, token.go (field tables with lengths,
 *   numbered like the official "云途物流API接口开发规范" sections 2.4–2.13; UAT host).
 * - YunTu.SDK C# models (CreateOrderRequest, GetOrderRequest, BaseRequest; found by content, repository not
 *   named by the index): per-order `Success` 1/0 and `Remark`, GetOrder status codes.
 * - github NexaMerchant/delivery_yunexpress models/yunexpress_request.py: a duplicate CustomerOrderNumber is
 *   answered per order with a Remark containing "重复", recovered through WayBill/GetOrder; hosts.
 * Disagreements: zengweigg and a Java SDK model Label/Print as `{OrderNumbers: [...]}`; the captured reply and
 * three clients send a bare array, which is followed here. The Delete reply's `Status` is documented as
 * "Success"/"Failure" but was "5012" in a captured reply: see deleteItemSchema. The older LMS API
 * (api.yunexpress.com/LMS.API, ResultCode/Feedback) and the newer openapi.yunexpress.cn (OAuth + HMAC) are
 * different products and not used.
 */
import { z } from 'zod';
import {
  CarrierError,
  DEFAULT_CARRIER_TIMEOUT_MS,
  type BookedLabel,
  type CarrierAdapter,
  type CarrierQuote,
  type ParcelForCarrier,
} from '../carrier-adapter';
import {
  createOrderReplySchema,
  deleteReplySchema,
  getOrderReplySchema,
  labelPrintReplySchema,
  LABEL_OK,
  ORDER_STATUS_DELETED,
  ORDER_TYPE,
  priceTrialReplySchema,
  SUCCESS_CODE,
  type CreateOrder,
} from './yunexpress-payloads';

export const YUNEXPRESS_PRODUCTION_URL = 'http://oms.api.yunexpress.com';
export const YUNEXPRESS_SANDBOX_URL = 'http://omsapi.uat.yunexpress.com';

export type YunExpressConfig = {
  /** Host root, without `/api` (YUNEXPRESS_PRODUCTION_URL or YUNEXPRESS_SANDBOX_URL). */
  baseUrl: string;
  customerCode: string;
  apiSecret: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
};

const CARRIER = 'yunexpress';
/** The wording of a duplicate CustomerOrderNumber is not published; "重复" is what a live client matches. */
const DUPLICATE_ORDER = /重复|已存在|already exist|duplicate/i;

type Waybill = { waybillNumber: string; trackingNumber: string | null };
type Call = { method: 'GET' | 'POST'; path: string; query?: Record<string, string>; body?: unknown };

export function yunExpressAdapter(config: YunExpressConfig): CarrierAdapter {
  const timeoutMs = config.timeoutMs ?? DEFAULT_CARRIER_TIMEOUT_MS;
  const fetchImpl = config.fetch ?? fetch;
  const root = config.baseUrl.replace(/\/+$/, '');
  const authorization = `Basic ${Buffer.from(`${config.customerCode}&${config.apiSecret}`).toString('base64')}`;

  /** One HTTP exchange under the time limit; the body is read inside it so a stalled body also times out. */
  async function exchange(url: string, init: RequestInit, what: string): Promise<{ status: number; body: Buffer }> {
    const signal = AbortSignal.timeout(timeoutMs);
    try {
      const response = await fetchImpl(url, { ...init, signal });
      return { status: response.status, body: Buffer.from(await response.arrayBuffer()) };
    } catch (error) {
      if (signal.aborted) {
        throw new CarrierError('timeout', CARRIER, `YunExpress did not answer ${what} within ${timeoutMs} ms`);
      }
      throw unavailable(`YunExpress could not be reached for ${what}: ${describe(error)}`);
    }
  }

  async function api<S extends z.ZodType>(schema: S, call: Call): Promise<z.infer<S>> {
    const query = call.query ? `?${new URLSearchParams(call.query)}` : '';
    const headers = {
      Authorization: authorization,
      Accept: 'application/json',
      'Content-Type': 'application/json;charset=utf-8',
    };
    const init = {
      method: call.method,
      headers,
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
    };
    const { status, body } = await exchange(`${root}/api/${call.path}${query}`, init, call.path);
    if (status === 401 || status === 403) throw credentialsRefused(status);
    if (status >= 500 || status === 408 || status === 429) {
      throw unavailable(`YunExpress answered HTTP ${status} to ${call.path}`, status);
    }
    const json = parseJson(body);
    if (status >= 400) {
      const said = z.object({ Message: z.string() }).safeParse(json);
      const reason = said.success ? `: ${said.data.Message}` : '';
      throw new CarrierError('refused', CARRIER, `YunExpress refused ${call.path} (HTTP ${status})${reason}`, status);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue ? `${issue.path.join('.') || 'reply'}: ${issue.message}` : 'not JSON';
      throw unavailable(`YunExpress's reply to ${call.path} is not the documented shape (${where})`);
    }
    // The envelope, not only the HTTP status, can say the token was not accepted.
    if ((parsed.data as { Code: string }).Code === '401') throw credentialsRefused(status);
    return parsed.data;
  }

  function credentialsRefused(status: number): CarrierError {
    // Never the secret: only which account was refused.
    const message = `YunExpress did not accept customer code ${config.customerCode} or its API secret (HTTP ${status})`;
    return new CarrierError('refused', CARRIER, message, status);
  }

  /** After a duplicate CustomerOrderNumber: the order already exists, so its waybill is reused, never re-booked. */
  async function existingWaybill(parcel: ParcelForCarrier, duplicateRemark: string): Promise<Waybill> {
    const query = { OrderNumber: parcel.reference };
    const reply = await api(getOrderReplySchema, { method: 'GET', path: 'WayBill/GetOrder', query });
    const order = reply.Code === SUCCESS_CODE ? reply.Item : null;
    if (!order || (order.OrderNumber && order.OrderNumber !== parcel.reference)) {
      throw refused(`${duplicateRemark} (and WayBill/GetOrder found no order ${parcel.reference})`);
    }
    if (order.Status === ORDER_STATUS_DELETED) {
      throw refused(
        `YunExpress order ${parcel.reference} (${order.WayBillNumber}) was deleted; book under a new reference`,
      );
    }
    if (order.ShippingMethodCode && order.ShippingMethodCode !== parcel.product) {
      throw refused(
        `YunExpress order ${parcel.reference} is already booked with product ${order.ShippingMethodCode}, not ${parcel.product}`,
      );
    }
    return { waybillNumber: order.WayBillNumber, trackingNumber: order.TrackingNumber ?? null };
  }

  async function createOrder(parcel: ParcelForCarrier): Promise<Waybill> {
    const reply = await api(createOrderReplySchema, {
      method: 'POST',
      path: 'WayBill/CreateOrder',
      body: [toOrder(parcel)],
    });
    const results = reply.Item ?? [];
    const result =
      results.find((r) => r.CustomerOrderNumber === parcel.reference) ??
      (results.length === 1 ? results[0] : undefined);
    if (result && (result.Success === 1 || result.Success === true)) {
      if (!result.WayBillNumber) throw unavailable('YunExpress booked the order but gave no WayBillNumber');
      return { waybillNumber: result.WayBillNumber, trackingNumber: result.TrackingNumber ?? null };
    }
    if (!result && reply.Code === SUCCESS_CODE) {
      throw unavailable(`YunExpress's CreateOrder reply has no result for ${parcel.reference}`);
    }
    const remark = result?.Remark || reply.Message || `YunExpress refused the order (code ${reply.Code})`;
    if (DUPLICATE_ORDER.test(remark)) return existingWaybill(parcel, remark);
    throw refused(remark);
  }

  async function printLabel(waybillNumber: string): Promise<Buffer> {
    const reply = await api(labelPrintReplySchema, { method: 'POST', path: 'Label/Print', body: [waybillNumber] });
    if (reply.Code !== SUCCESS_CODE) {
      throw refused(reply.Message || `YunExpress refused Label/Print (code ${reply.Code})`);
    }
    const item = reply.Item?.[0];
    const info = item?.OrderInfos?.find((o) => o.CustomerOrderNumber === waybillNumber) ?? item?.OrderInfos?.[0];
    if (info && Number(info.Code) !== LABEL_OK) {
      throw refused(info.Error || `YunExpress could not print ${waybillNumber} (code ${info.Code})`);
    }
    if (!item?.Url) throw unavailable(`YunExpress's Label/Print gave no URL for ${waybillNumber}`);
    // The PDF sits on YunExpress's file host: no Authorization header goes there.
    const url = new URL(item.Url, `${root}/`).toString();
    const { status, body } = await exchange(url, { headers: { Accept: 'application/pdf' } }, 'the label PDF');
    if (status !== 200 || body.subarray(0, 5).toString('latin1') !== '%PDF-') {
      throw unavailable(`YunExpress's label URL did not give a PDF (HTTP ${status})`, status);
    }
    return body;
  }

  return {
    name: CARRIER,

    async quote(parcel: ParcelForCarrier): Promise<CarrierQuote> {
      const query = {
        CountryCode: parcel.recipient.country,
        Weight: String(kilograms(parcel.weightG)),
        ...sides(parcel.dimensionsCm, String),
        // 1 ("with battery") is the documented default; we do not track batteries, so it is the safe price.
        PackageType: '1',
      };
      const reply = await api(priceTrialReplySchema, { method: 'GET', path: 'Freight/GetPriceTrial', query });
      if (reply.Code !== SUCCESS_CODE) {
        throw refused(reply.Message || `YunExpress refused the price trial (code ${reply.Code})`);
      }
      const line = (reply.Items ?? []).find((item) => item.Code === parcel.product);
      if (!line) {
        throw refused(`YunExpress gives no price for product ${parcel.product} to ${parcel.recipient.country}`);
      }
      // Fees are in RMB unless the line names its currency.
      return { amount: line.TotalFee.toFixed(2), currency: line.Currency || 'CNY' };
    },

    async book(parcel: ParcelForCarrier): Promise<BookedLabel> {
      const waybill = await createOrder(parcel);
      const labelPdf = await printLabel(waybill.waybillNumber);
      // TrackType 2 issues the last-mile number later; the YT waybill number tracks on YunExpress meanwhile.
      return {
        trackingNumber: waybill.trackingNumber || waybill.waybillNumber,
        carrierReference: waybill.waybillNumber,
        labelPdf,
      };
    },

    async cancel(booked): Promise<void> {
      const body = booked.carrierReference
        ? { OrderType: ORDER_TYPE.waybill, OrderNumber: booked.carrierReference }
        : { OrderType: ORDER_TYPE.customerOrder, OrderNumber: booked.reference };
      const reply = await api(deleteReplySchema, { method: 'POST', path: 'WayBill/Delete', body });
      const failed = reply.Code !== SUCCESS_CODE || /^failure$/i.test(String(reply.Item?.Status ?? ''));
      if (failed) {
        throw refused(reply.Item?.Remark || reply.Message || `YunExpress refused to delete ${body.OrderNumber}`);
      }
      if (!reply.Item) throw unavailable(`YunExpress's Delete reply has no result for ${body.OrderNumber}`);
    },
  };
}

function toOrder(parcel: ParcelForCarrier): CreateOrder {
  const to = parcel.recipient;
  return {
    CustomerOrderNumber: parcel.reference,
    ShippingMethodCode: parcel.product,
    PackageCount: 1,
    Weight: kilograms(parcel.weightG),
    ...sides(parcel.dimensionsCm, (cm) => cm),
    Receiver: {
      CountryCode: to.country,
      FirstName: to.name,
      Street: to.address1,
      StreetAddress1: to.address2 ?? undefined,
      City: to.city ?? '',
      State: to.province ?? undefined,
      Zip: to.postalCode ?? undefined,
      Phone: to.phone ?? undefined,
      Email: to.email ?? undefined,
    },
    Parcels: parcel.items.map((item) => ({
      EName: item.declaredNameEn,
      CName: item.declaredNameZh ?? undefined,
      HSCode: item.hsCode,
      Quantity: item.qty,
      // decimal(18,2) in the API.
      UnitPrice: Number(Number(item.declaredValue).toFixed(2)),
      UnitWeight: kilograms(item.weightG),
      CurrencyCode: item.currency,
      SKU: item.sku,
    })),
  };
}

/** Grams to the API's kg with at most 3 decimals. */
function kilograms(grams: number): number {
  return Math.round(grams) / 1000;
}

/** Whole centimetres; 1 is the API's documented value for an unknown side. */
function sides<T>(cm: ParcelForCarrier['dimensionsCm'], as: (cm: number) => T): { Length: T; Width: T; Height: T } {
  const side = (value: number | undefined) => as(Math.max(1, Math.ceil(value ?? 1)));
  return { Length: side(cm?.length), Width: side(cm?.width), Height: side(cm?.height) };
}

function refused(message: string): CarrierError {
  return new CarrierError('refused', CARRIER, message);
}

function unavailable(message: string, status: number | null = null): CarrierError {
  return new CarrierError('unavailable', CARRIER, message, status);
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause instanceof Error ? error.cause.message : error.message;
}
