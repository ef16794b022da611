import type { Lang } from '../i18n/lang';
import { messageCatalog } from '../i18n/message-catalog';

/** What a person reads about carriers and shipments, in both languages. */
const MESSAGES = {
  // Why a service was left out of a parcel's carrier choice (one per rule of DESIGN 3.4, in its order).
  excluded_inactive: { en: '{service}: not active', zh: '{service}：未启用' },
  excluded_country: { en: '{service}: does not serve {country}', zh: '{service}：不服务 {country}' },
  excluded_attribute: { en: '{service}: does not carry {attributes}', zh: '{service}：不能运输 {attributes}' },
  excluded_weight: {
    en: '{service}: {grams} g chargeable is over its {max} g',
    zh: '{service}：计费重 {grams} 克超过限重 {max} 克',
  },
  excluded_size: {
    en: '{service}: a {side} cm side is over its {max} cm',
    zh: '{service}：边长 {side} 厘米超过 {max} 厘米',
  },
  excluded_no_rate: {
    en: '{service}: no rate to {country} for {grams} g',
    zh: '{service}：没有到 {country} {grams} 克的价格',
  },
  excluded_capacity: {
    en: '{service}: full today ({capacity} parcels a day)',
    zh: '{service}：今日运力已满（每日 {capacity} 件）',
  },
  ranked_priority: {
    en: '{service}: priority {priority} after {chosen} ({chosenPriority})',
    zh: '{service}：优先级 {priority}，低于 {chosen}（{chosenPriority}）',
  },
  ranked_price: {
    en: '{service}: {price} dearer than {chosen} ({chosenPrice})',
    zh: '{service}：{price}，比 {chosen}（{chosenPrice}）贵',
  },
  ranked_tie: {
    en: '{service}: same priority and price as {chosen} (the first code in order was taken)',
    zh: '{service}：与 {chosen} 优先级和价格相同（按代码顺序取第一个）',
  },
  ranked_currency: {
    en: '{service}: same priority, priced in {currency} (not compared with {chosenCurrency})',
    zh: '{service}：优先级相同，以 {currency} 计价（不与 {chosenCurrency} 比较）',
  },
  chosen: {
    en: '{service}: priority {priority}, {price} for {grams} g chargeable',
    zh: '{service}：优先级 {priority}，计费重 {grams} 克，运费 {price}',
  },
  none_fits: { en: 'No carrier service fits: {reasons}', zh: '没有合适的物流渠道：{reasons}' },
  // Data a parcel cannot do without (never replaced by a silent default).
  missing_product: { en: '{sku}: not in Products', zh: '{sku}：不在产品表中' },
  missing_weight: { en: '{sku}: no weight', zh: '{sku}：未填写重量' },
  missing_size: { en: '{sku}: no length, width and height', zh: '{sku}：未填写长宽高' },
  missing_declaration: {
    en: '{sku}: no {fields} for the customs declaration',
    zh: '{sku}：报关缺少{fields}',
  },
  // Per shipment, in the answers of book, tracking numbers, cancel and ship.
  shipment_not_found: { en: 'There is no shipment {shipment}', zh: '没有发货单 {shipment}' },
  needs_label: {
    en: '{shipment} is a draft: book its label (or type its tracking number) first',
    zh: '{shipment} 还是草稿：请先下单取面单（或填写运单号）',
  },
  wrong_status: { en: '{shipment} is {status}: {need}', zh: '{shipment} 当前为{status}：{need}' },
  need_draft: { en: 'only a draft can change', zh: '只有草稿可以修改' },
  need_bookable: { en: 'only a draft can be booked', zh: '只有草稿可以下单' },
  need_cancellable: {
    en: 'only a draft or a label not yet shipped can be cancelled',
    zh: '只能取消草稿或尚未发货的面单',
  },
  blocked: { en: '{shipment} cannot be booked: {reasons}', zh: '{shipment} 无法下单：{reasons}' },
  manual_needs_number: {
    en: "{shipment} goes by {service} (manual): type its tracking number under Crossdock > Shipments… > Tracking numbers, or import the carrier's CSV",
    zh: '{shipment} 走 {service}（手工渠道）：请在 Crossdock > 发货… > 运单号 中填写运单号，或导入承运商的 CSV',
  },
  all_full: {
    en: '{shipment}: no service that fits has room today ({reasons})',
    zh: '{shipment}：今日没有合适且有运力的渠道（{reasons}）',
  },
  adapter_not_set_up: {
    en: '{shipment}: the {adapter} adapter is not set up on this server ({settings})',
    zh: '{shipment}：服务器未配置 {adapter} 对接（{settings}）',
  },
  carrier_refused: { en: '{shipment}: {carrier} refused: {message}', zh: '{shipment}：{carrier} 拒绝：{message}' },
  carrier_unavailable: {
    en: '{shipment}: {carrier} could not be reached ({message}); book again later',
    zh: '{shipment}：无法连接 {carrier}（{message}）；请稍后重新下单',
  },
  being_booked: {
    en: '{shipment} is being booked by another request; try again in a minute',
    zh: '{shipment} 正由另一请求下单；请一分钟后再试',
  },
  not_manual: {
    en: '{shipment} goes by {service} ({adapter}): its tracking number comes from booking its label',
    zh: '{shipment} 走 {service}（{adapter}）：运单号由下单取面单获得',
  },
  tracking_taken: { en: 'Tracking number {tracking} is already on {other}', zh: '运单号 {tracking} 已用于 {other}' },
  no_such_tracking: { en: 'No shipment has tracking number {tracking}', zh: '没有运单号为 {tracking} 的发货单' },
  order_not_shippable: {
    en: '{shipment}: order {order} is {status}, not pending shipment',
    zh: '{shipment}：订单 {order} 当前为{status}，不是待发货',
  },
  stock_not_held: {
    en: '{shipment}: order {order} line {line} holds {held} of {sku} in {warehouse}; the parcel takes {qty}',
    zh: '{shipment}：订单 {order} 第 {line} 行在 {warehouse} 锁定 {sku} {held} 件，包裹需要 {qty} 件',
  },
  already_done: { en: '{shipment} is already {status}', zh: '{shipment} 已经是{status}' },
  split_too_much: {
    en: '{shipment}: order {order} line {line} has {present} in this parcel; {qty} cannot move',
    zh: '{shipment}：订单 {order} 第 {line} 行在此包裹中只有 {present} 件，不能移出 {qty} 件',
  },
  split_everything: {
    en: '{shipment}: that is the whole parcel; leave something in it',
    zh: '{shipment}：这是整个包裹；请至少留下一件',
  },
  unmerge_single: { en: '{shipment} holds one order only', zh: '{shipment} 只含一个订单' },
  order_not_in: { en: '{shipment} holds no order {order}', zh: '{shipment} 不含订单 {order}' },
  nothing_to_plan: {
    en: '{order}: every unit is already in a parcel',
    zh: '{order}：所有商品都已安排包裹',
  },
  not_pending_shipment: {
    en: '{order} is {status}: only orders pending shipment are planned',
    zh: '{order} 当前为{status}：只安排待发货订单',
  },
  no_such_order: { en: 'There is no order {order}', zh: '没有订单 {order}' },
  csv_columns: {
    en: 'The file needs a shipment (or reference) column and a tracking number column; found: {headers}',
    zh: '文件需要发货单号（或参考号）列和运单号列；实际列：{headers}',
  },
  csv_row_empty: { en: 'Row {row}: no shipment or no tracking number', zh: '第 {row} 行：缺少发货单号或运单号' },
  shipped_progress: { en: '{shipped}/{total} shipped', zh: '已发 {shipped}/{total}' },
  in_shipments: { en: '{count} parcels planned', zh: '已安排 {count} 个包裹' },
} as const satisfies Record<string, Record<Lang, string>>;

export type LogisticsMessageKey = keyof typeof MESSAGES;
export const logisticsMessage = messageCatalog<LogisticsMessageKey>(MESSAGES);
