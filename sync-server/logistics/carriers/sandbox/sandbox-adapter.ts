import { z } from 'zod';
import {
  CarrierError,
  DEFAULT_CARRIER_TIMEOUT_MS,
  type BookedLabel,
  type CarrierAdapter,
  type CarrierQuote,
  type ParcelForCarrier,
} from '../carrier-adapter';

/** The sandbox carrier (sandbox-server.ts, `npx crossdock carrier-sandbox`) as a carrier adapter. */
export type SandboxAdapterOptions = {
  baseUrl: string;
  apiKey?: string;
  timeoutMs?: number;
  /** Stands in for the global fetch (tests). */
  fetch?: typeof fetch;
};

const CARRIER = 'sandbox';

// The documented replies: anything else is a carrier we do not understand (unavailable, not refused).
const labelReply = z.object({ trackingNumber: z.string().regex(/^SBX\d{10}$/), labelUrl: z.string() });
const quoteReply = z.object({ amount: z.string().regex(/^\d+(\.\d+)?$/), currency: z.string().regex(/^[A-Z]{3}$/) });
const errorReply = z.object({ error: z.object({ code: z.string(), message: z.string().min(1) }) });

function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
}

export function sandboxAdapter(options: SandboxAdapterOptions): CarrierAdapter {
  // Parsed once: a bad URL is a setup mistake, and `origin` keeps any user:password out of messages.
  const base = new URL(options.baseUrl);
  const root = `${base.origin}${base.pathname.replace(/\/+$/, '')}`;
  const timeoutMs = options.timeoutMs ?? DEFAULT_CARRIER_TIMEOUT_MS;
  const send = options.fetch ?? ((input, init) => fetch(input, init));
  // The carrier's text is passed on as is; it must never carry our key onwards (logs, the Shipments sheet).
  const clean = (text: string) => (options.apiKey ? text.split(options.apiKey).join('***') : text);

  /** One request: the reply's bytes on 2xx, else the CarrierError the status calls for. */
  async function call(method: string, path: string, ifNoAnswer: string, json?: unknown): Promise<Buffer> {
    let response: Response;
    let bytes: Buffer;
    try {
      response = await send(`${root}${path}`, {
        method,
        headers: {
          accept: 'application/json, application/pdf',
          ...(json === undefined ? {} : { 'content-type': 'application/json' }),
          ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
        },
        body: json === undefined ? undefined : JSON.stringify(json),
        // The key goes to the configured carrier only, never on to wherever a redirect points.
        redirect: 'error',
        signal: AbortSignal.timeout(timeoutMs),
      });
      bytes = Buffer.from(await response.arrayBuffer());
    } catch (error) {
      const name = (error as Error | null)?.name;
      if (name === 'TimeoutError' || name === 'AbortError') {
        throw new CarrierError(
          'timeout',
          CARRIER,
          `No answer from the sandbox carrier within ${timeoutMs} ms: ${ifNoAnswer}`,
        );
      }
      const cause = (error as { cause?: { code?: string } } | null)?.cause?.code ?? (error as Error | null)?.message;
      throw new CarrierError(
        'unavailable',
        CARRIER,
        clean(`Cannot reach the sandbox carrier at ${base.origin} (${cause}).`),
      );
    }
    if (response.status >= 400) {
      const refusal = errorReply.safeParse(parseJson(bytes));
      const message = refusal.success
        ? refusal.data.error.message
        : `The sandbox carrier answered HTTP ${response.status}.`;
      const kind = response.status >= 500 ? 'unavailable' : 'refused';
      throw new CarrierError(kind, CARRIER, clean(message), response.status);
    }
    return bytes;
  }

  function expect<T>(schema: z.ZodType<T>, bytes: Buffer, what: string): T {
    const parsed = schema.safeParse(parseJson(bytes));
    if (parsed.success) return parsed.data;
    throw new CarrierError(
      'unavailable',
      CARRIER,
      `The sandbox carrier's ${what} reply is not in the documented shape.`,
    );
  }

  return {
    name: CARRIER,

    async quote(parcel: ParcelForCarrier): Promise<CarrierQuote> {
      const bytes = await call('POST', '/v1/quote', 'no quote was given; asking again is safe.', parcel);
      return expect(quoteReply, bytes, 'quote');
    },

    async book(parcel: ParcelForCarrier): Promise<BookedLabel> {
      const ifNoAnswer = `shipment ${parcel.reference} may have been booked; booking it again is safe (the same reference returns the same label).`;
      const booked = expect(labelReply, await call('POST', '/v1/labels', ifNoAnswer, parcel), 'booking');
      // Built from baseUrl rather than the reply's labelUrl, so the key is only ever sent to the configured host.
      const pdfPath = `/v1/labels/${encodeURIComponent(booked.trackingNumber)}.pdf`;
      const labelPdf = await call('GET', pdfPath, ifNoAnswer);
      if (labelPdf.subarray(0, 5).toString('latin1') !== '%PDF-') {
        throw new CarrierError(
          'unavailable',
          CARRIER,
          `The sandbox carrier's label for ${booked.trackingNumber} is not a PDF.`,
        );
      }
      return { trackingNumber: booked.trackingNumber, carrierReference: null, labelPdf };
    },

    async cancel(booked): Promise<void> {
      const ifNoAnswer = `label ${booked.trackingNumber} may have been cancelled; asking again answers "already cancelled" if so.`;
      await call('DELETE', `/v1/labels/${encodeURIComponent(booked.trackingNumber)}`, ifNoAnswer);
    },
  };
}
