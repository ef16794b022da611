import { currencyDigits } from '../../domain/money/money';
import { DEFAULT_REPORT_SETTINGS, REPORT_SETTINGS_BLOCK } from '../../domain/reports/report-settings';
import type { Queryable } from '../db/database';
import { loadSettings } from '../settings/settings-service';

/** The workspace's base currency (Settings › Reports) and its decimals: every report amount is in it. */
export async function reportBase(client: Queryable, workspaceId: string): Promise<{ base: string; scale: number }> {
  const settings = await loadSettings(client, workspaceId, REPORT_SETTINGS_BLOCK);
  const base = settings.baseCurrency || DEFAULT_REPORT_SETTINGS.baseCurrency;
  return { base, scale: currencyDigits(base) ?? 2 };
}
