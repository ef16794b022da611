import { REVIEW_SETTINGS_BLOCK } from '../../domain/orders/review-settings-form';
import { PURCHASING_SETTINGS_BLOCK, storedPurchasingSettings } from '../../domain/purchasing/purchasing-settings';
import type { Database } from '../db/database';
import { loadSettings, saveSettings } from '../settings/settings-service';
import { route, type Route } from './route';
import { PurchasingSettingsBody, ReportSettingsBody, ReviewSettingsBody } from '../../domain/contracts/settings';
import { REPORT_SETTINGS_BLOCK } from '../../domain/reports/report-settings';

/** Workspace settings over HTTP (the Settings sheet sends the same through the sync). Anyone reads them. */
export function settingsRoutes(db: Database, now: () => Date): Route[] {
  return [
    route({
      method: 'get',
      path: '/v1/settings/review',
      summary: 'Auto-review settings: duplicate window, high-value limit, blocklists, auto-approve',
      access: 'member',
      response: ReviewSettingsBody,
      handler: ({ principal }) => loadSettings(db.pool, principal.workspaceId, REVIEW_SETTINGS_BLOCK),
    }),
    route({
      method: 'post',
      path: '/v1/settings/review',
      summary: 'Replace the auto-review settings (the Settings sheet sends them when they change)',
      access: ['cs'],
      body: ReviewSettingsBody,
      response: ReviewSettingsBody,
      handler: async ({ principal, body }) => {
        // A script written before a setting existed leaves it out: it keeps the workspace's value.
        const current = await loadSettings(db.pool, principal.workspaceId, REVIEW_SETTINGS_BLOCK);
        const settings = { ...body, importClosedOrders: body.importClosedOrders ?? current.importClosedOrders };
        return saveSettings(db, principal, REVIEW_SETTINGS_BLOCK, settings, now());
      },
    }),
    route({
      method: 'get',
      path: '/v1/settings/purchasing',
      summary:
        'Purchasing settings: velocity weights of the 7/14/30-day windows, whether days out of stock are left out',
      access: 'member',
      response: PurchasingSettingsBody,
      handler: ({ principal }) => loadSettings(db.pool, principal.workspaceId, PURCHASING_SETTINGS_BLOCK),
    }),
    route({
      method: 'post',
      path: '/v1/settings/purchasing',
      summary: 'Replace the purchasing settings (the Settings sheet sends them when they change)',
      access: ['purchasing'],
      body: PurchasingSettingsBody,
      response: PurchasingSettingsBody,
      handler: ({ principal, body }) =>
        saveSettings(db, principal, PURCHASING_SETTINGS_BLOCK, storedPurchasingSettings(body), now()),
    }),
    route({
      method: 'get',
      path: '/v1/settings/reports',
      summary: 'Report settings: the base currency every report amount is converted to',
      access: 'member',
      response: ReportSettingsBody,
      handler: ({ principal }) => loadSettings(db.pool, principal.workspaceId, REPORT_SETTINGS_BLOCK),
    }),
    route({
      method: 'post',
      path: '/v1/settings/reports',
      summary: 'Replace the report settings (the Settings sheet sends them when they change)',
      access: ['boss'],
      body: ReportSettingsBody,
      response: ReportSettingsBody,
      handler: ({ principal, body }) => saveSettings(db, principal, REPORT_SETTINGS_BLOCK, body, now()),
    }),
  ];
}
