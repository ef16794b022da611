import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from './config-error';
import type { CarrierSettings } from './logistics/carriers/carrier-registry';
import type { TrackingSettings } from './tracking/providers/provider-registry';

const postgresUrl = z.string().regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://');

/** Every setting the server reads, validated once at start; a bad one is named in the error. */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: postgresUrl.optional(),
  CROSSDOCK_DATA_DIR: z.string().min(1).optional(),
  CROSSDOCK_PUBLIC_URL: z.url().optional(),
  CROSSDOCK_GOOGLE_CLIENT_ID: z.string().min(1).optional(),
  CROSSDOCK_ID_TOKEN_CERTS_FILE: z.string().min(1).optional(),
  CROSSDOCK_BODY_LIMIT: z
    .string()
    .regex(/^\d+(kb|mb)$/i, 'must look like 512kb or 20mb')
    .default('20mb'),
  CROSSDOCK_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  CROSSDOCK_PGLITE_SHARED_BUFFERS: z
    .string()
    .regex(/^\d+(kB|MB|GB)$/, 'must be a PostgreSQL size like 32MB or 1GB')
    .refine((size) => parseInt(size, 10) * { kB: 1, MB: 1024, GB: 1048576 }[size.slice(-2)]! >= 128, {
      message: 'must be at least 128kB (PostgreSQL refuses less)',
    })
    .optional(),
  CROSSDOCK_REPLAY_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  CROSSDOCK_SANDBOX_CARRIER_URL: z.url().default('http://127.0.0.1:4010'),
  CROSSDOCK_SANDBOX_CARRIER_KEY: z.string().min(1).optional(),
  CROSSDOCK_YUNEXPRESS_URL: z.url().default('http://oms.api.yunexpress.com'),
  CROSSDOCK_YUNEXPRESS_CUSTOMER_CODE: z.string().min(1).optional(),
  CROSSDOCK_YUNEXPRESS_API_SECRET: z.string().min(1).optional(),
  CROSSDOCK_CARRIER_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(20_000),
  CROSSDOCK_17TRACK_URL: z.url().default('https://api.17track.net'),
  CROSSDOCK_17TRACK_TOKEN: z.string().min(1).optional(),
  CROSSDOCK_17TRACK_WEBHOOK_KEY: z.string().min(1).optional(),
  CROSSDOCK_AFTERSHIP_URL: z.url().default('https://api.aftership.com'),
  CROSSDOCK_AFTERSHIP_API_KEY: z.string().min(1).optional(),
  CROSSDOCK_AFTERSHIP_WEBHOOK_SECRET: z.string().min(1).optional(),
  CROSSDOCK_DHL_URL: z.url().default('https://api-eu.dhl.com'),
  CROSSDOCK_DHL_API_KEY: z.string().min(1).optional(),
  // Calls a day each provider allows this account (DHL's app limit is per day): the health check counts
  // today's calls against it (docs/dispatch.md). Left out: not counted.
  CROSSDOCK_17TRACK_DAILY_CALLS: z.coerce.number().int().min(1).optional(),
  CROSSDOCK_AFTERSHIP_DAILY_CALLS: z.coerce.number().int().min(1).optional(),
  CROSSDOCK_DHL_DAILY_CALLS: z.coerce.number().int().min(1).optional(),
  CROSSDOCK_TRACKING_IDLE_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  // How long a claimed poll batch is held: a process killed mid-batch leaves it to the others after this.
  CROSSDOCK_TRACKING_LEASE_MS: z.coerce.number().int().min(1000).max(3_600_000).default(600_000),
  // The reports publisher (docs/reports.md): on when the key file and the spreadsheet are both set.
  CROSSDOCK_REPORTS_KEY_FILE: z.string().min(1).optional(),
  CROSSDOCK_REPORTS_SPREADSHEET_ID: z
    .string()
    .regex(/^[A-Za-z0-9_-]{10,}$/, "must be the id from the spreadsheet's address (/spreadsheets/d/ID/edit)")
    .optional(),
  CROSSDOCK_REPORTS_WORKSPACE: z.string().min(1).optional(),
  CROSSDOCK_REPORTS_LANG: z.enum(['en', 'zh']).default('en'),
  CROSSDOCK_REPORTS_AT: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day HH:MM (UTC), like 02:00')
    .default('02:00'),
  CROSSDOCK_SHEETS_API_URL: z.url().default('https://sheets.googleapis.com/'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type ServerConfig = {
  port: number;
  host: string;
  database:
    | { kind: 'postgres'; url: string }
    /** `template`: the folder a new data folder is copied from (dist/pglite-template, made by the build). */
    | { kind: 'pglite'; dataDir: string; template?: string; sharedBuffers?: string };
  /** The local folder for the embedded database and for files the server leaves for its operator. */
  dataDir: string;
  publicUrl?: string;
  googleClientId?: string;
  idTokenCertsFile?: string;
  bodyLimit: string;
  rateLimitPerMinute: number;
  /** How long a push's or command's first answer is kept for its retries. */
  replayDays: number;
  logLevel: string;
  /** How the carrier adapters reach their carriers (docs/logistics.md). */
  carriers: CarrierSettings;
  /** Tracking providers (docs/tracking.md) and how often the poller looks for due parcels when idle. */
  tracking: TrackingSettings & { idleMs: number; leaseMs: number };
  /** The reports publisher; absent when it is off. */
  reports?: ReportsPublisherConfig;
};

export type ReportsPublisherConfig = {
  keyFile: string;
  spreadsheetId: string;
  workspaceId: string;
  lang: 'en' | 'zh';
  /** Time of day (UTC) of the nightly refresh, HH:MM. */
  at: string;
  /** The Sheets API's root (Google's; a local fake in tests). */
  apiUrl: string;
};

// Its own small module: the CLI names a configuration error without loading zod.
export { ConfigError };

/**
 * `cwd` resolves a relative CROSSDOCK_DATA_DIR (what the person typed); the default folder sits in
 * `projectRoot`, so the server and `npx crossdock` run from any subfolder find the same database.
 */
export function loadConfig(env: NodeJS.ProcessEnv, cwd: string, projectRoot: string = cwd): ServerConfig {
  const parsed = EnvSchema.safeParse(emptyAsUnset(env));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const reports = reportsConfig(e, cwd);
  const dataDir = e.CROSSDOCK_DATA_DIR ? path.resolve(cwd, e.CROSSDOCK_DATA_DIR) : path.join(projectRoot, '.crossdock');
  return {
    dataDir,
    port: e.PORT,
    host: e.HOST,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : {
          kind: 'pglite',
          dataDir,
          template: path.join(projectRoot, 'dist', 'pglite-template'),
          ...(e.CROSSDOCK_PGLITE_SHARED_BUFFERS ? { sharedBuffers: e.CROSSDOCK_PGLITE_SHARED_BUFFERS } : {}),
        },
    publicUrl: e.CROSSDOCK_PUBLIC_URL,
    googleClientId: e.CROSSDOCK_GOOGLE_CLIENT_ID,
    idTokenCertsFile: e.CROSSDOCK_ID_TOKEN_CERTS_FILE,
    bodyLimit: e.CROSSDOCK_BODY_LIMIT,
    rateLimitPerMinute: e.CROSSDOCK_RATE_LIMIT_PER_MINUTE,
    replayDays: e.CROSSDOCK_REPLAY_DAYS,
    logLevel: e.LOG_LEVEL,
    carriers: {
      sandbox: { url: e.CROSSDOCK_SANDBOX_CARRIER_URL, apiKey: e.CROSSDOCK_SANDBOX_CARRIER_KEY },
      ...(e.CROSSDOCK_YUNEXPRESS_CUSTOMER_CODE && e.CROSSDOCK_YUNEXPRESS_API_SECRET
        ? {
            yunexpress: {
              url: e.CROSSDOCK_YUNEXPRESS_URL,
              customerCode: e.CROSSDOCK_YUNEXPRESS_CUSTOMER_CODE,
              apiSecret: e.CROSSDOCK_YUNEXPRESS_API_SECRET,
            },
          }
        : {}),
      timeoutMs: e.CROSSDOCK_CARRIER_TIMEOUT_MS,
    },
    tracking: {
      ...(e.CROSSDOCK_17TRACK_TOKEN
        ? {
            seventeenTrack: {
              url: e.CROSSDOCK_17TRACK_URL,
              token: e.CROSSDOCK_17TRACK_TOKEN,
              webhookKey: e.CROSSDOCK_17TRACK_WEBHOOK_KEY,
            },
          }
        : {}),
      ...(e.CROSSDOCK_AFTERSHIP_API_KEY
        ? {
            aftership: {
              url: e.CROSSDOCK_AFTERSHIP_URL,
              apiKey: e.CROSSDOCK_AFTERSHIP_API_KEY,
              webhookSecret: e.CROSSDOCK_AFTERSHIP_WEBHOOK_SECRET,
            },
          }
        : {}),
      ...(e.CROSSDOCK_DHL_API_KEY ? { dhl: { url: e.CROSSDOCK_DHL_URL, apiKey: e.CROSSDOCK_DHL_API_KEY } } : {}),
      timeoutMs: e.CROSSDOCK_CARRIER_TIMEOUT_MS,
      dailyCalls: {
        ...(e.CROSSDOCK_17TRACK_DAILY_CALLS ? { '17track': e.CROSSDOCK_17TRACK_DAILY_CALLS } : {}),
        ...(e.CROSSDOCK_AFTERSHIP_DAILY_CALLS ? { aftership: e.CROSSDOCK_AFTERSHIP_DAILY_CALLS } : {}),
        ...(e.CROSSDOCK_DHL_DAILY_CALLS ? { dhl: e.CROSSDOCK_DHL_DAILY_CALLS } : {}),
      },
      idleMs: e.CROSSDOCK_TRACKING_IDLE_MS,
      leaseMs: e.CROSSDOCK_TRACKING_LEASE_MS,
    },
    ...(reports ? { reports } : {}),
  };
}

/** Off when none of the three is set; half set is an error naming what is missing. */
function reportsConfig(e: z.infer<typeof EnvSchema>, cwd: string): ReportsPublisherConfig | undefined {
  const needed = {
    CROSSDOCK_REPORTS_KEY_FILE: e.CROSSDOCK_REPORTS_KEY_FILE,
    CROSSDOCK_REPORTS_SPREADSHEET_ID: e.CROSSDOCK_REPORTS_SPREADSHEET_ID,
    CROSSDOCK_REPORTS_WORKSPACE: e.CROSSDOCK_REPORTS_WORKSPACE,
  };
  const missing = Object.entries(needed).filter(([, value]) => !value);
  if (missing.length === 3) return undefined;
  if (missing.length)
    throw new ConfigError(
      `Invalid configuration:\n${missing.map(([name]) => `  ${name}: the reports publisher needs it too`).join('\n')}`,
    );
  return {
    keyFile: path.resolve(cwd, e.CROSSDOCK_REPORTS_KEY_FILE!),
    spreadsheetId: e.CROSSDOCK_REPORTS_SPREADSHEET_ID!,
    workspaceId: e.CROSSDOCK_REPORTS_WORKSPACE!,
    lang: e.CROSSDOCK_REPORTS_LANG,
    at: e.CROSSDOCK_REPORTS_AT,
    apiUrl: e.CROSSDOCK_SHEETS_API_URL,
  };
}

function emptyAsUnset(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined && value !== '') out[key] = value;
  return out;
}

/** Where logs and messages may name the database: never the password. */
export function describeDatabase(config: ServerConfig): string {
  if (config.database.kind === 'pglite') return `PGlite at ${config.database.dataDir}`;
  const url = new URL(config.database.url);
  return `PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname}`;
}
