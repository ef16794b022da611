import http from 'node:http';

/**
 * One HTTP request on a connection of its own. Tests that run the add-on block this process's event loop
 * (the fake UrlFetchApp is synchronous), so a pooled keep-alive socket may have been closed by the server
 * meanwhile; reusing it would fail with ECONNRESET. A fresh connection per call cannot.
 */
export function freshRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; text: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      { method: options.method ?? 'GET', agent: false, headers: options.headers },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text, headers: response.headers }));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}
