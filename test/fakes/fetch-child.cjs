// Performs the HTTP requests of one UrlFetchApp.fetch/fetchAll call for the fake, which runs us
// with spawnSync so that its fetch is synchronous like Apps Script's. Reads
// {requests:[{url, method, headers, body, redirect, timeoutMs}]} on stdin and prints
// {results:[{status, headers, setCookies, body} | {error: 'dns'|'refused'|'timeout'|'other', detail}]}.
'use strict';

function classify(error) {
  if (error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return 'timeout';
  const cause = error && error.cause;
  // Happy-eyeballs failures (e.g. "localhost") carry the codes in an AggregateError.
  const code = cause && (cause.code || (Array.isArray(cause.errors) && cause.errors[0] && cause.errors[0].code));
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'dns';
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT')
    return 'timeout';
  if (code === 'ECONNREFUSED' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'ECONNRESET')
    return 'refused';
  return 'other';
}

async function perform(request) {
  try {
    const response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body === null ? undefined : request.body,
      redirect: request.redirect,
      signal: AbortSignal.timeout(request.timeoutMs),
    });
    const body = await response.text();
    const headers = [];
    response.headers.forEach((value, name) => {
      if (name !== 'set-cookie') headers.push([name, value]);
    });
    return { status: response.status, headers, setCookies: response.headers.getSetCookie(), body };
  } catch (error) {
    return { error: classify(error), detail: String((error && error.cause && error.cause.message) || error) };
  }
}

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => (input += chunk));
process.stdin.on('end', async () => {
  const { requests } = JSON.parse(input);
  const results = await Promise.all(requests.map(perform));
  process.stdout.write(JSON.stringify({ results }));
});
