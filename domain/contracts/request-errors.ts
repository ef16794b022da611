import { errorCatalog } from '../errors/error-catalog';

/** Refusals of the request itself, before or around any area's rules (the HTTP edge answers these). */
export const requestErrors = errorCatalog({
  invalid_request: { status: 400, en: 'The request is not valid: {problems}', zh: '请求无效：{problems}' },
  malformed_json: { status: 400, en: 'The body is not valid JSON.', zh: '请求正文不是有效的 JSON。' },
  bad_request: {
    status: 400,
    en: 'The request could not be read (its address or headers are not valid); check how it is encoded.',
    zh: '无法读取请求（地址或请求头无效）；请检查其编码。',
  },
  body_too_large: {
    status: 413,
    en: 'The body is larger than this server accepts; sync in smaller batches.',
    zh: '请求正文超过服务器允许的大小；请分批同步。',
  },
  unsupported_media_type: {
    status: 415,
    en: 'Send the body as UTF-8 JSON with Content-Type: application/json.',
    zh: '请以 UTF-8 JSON 发送请求正文，并设置 Content-Type: application/json。',
  },
  rate_limited: {
    status: 429,
    en: 'Too many requests; wait a minute and try again.',
    zh: '请求过多；请等一分钟再试。',
  },
  not_found: {
    status: 404,
    en: 'No route {method} {path}. The API is described at /v1/openapi.json.',
    zh: '没有接口 {method} {path}。API 说明见 /v1/openapi.json。',
  },
  not_ready: { status: 503, en: 'The database is not reachable.', zh: '无法连接数据库。' },
  internal: {
    status: 500,
    en: 'Something went wrong on the server; nothing was half-applied. Try again, and tell your admin if it repeats.',
    zh: '服务器出错；没有任何改动只做了一半。请重试，如果反复出现，请告诉管理员。',
  },
});
