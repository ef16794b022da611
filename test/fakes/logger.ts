/// <reference types="google-apps-script" />
// Logger: keeps what the script logs (Logger.log('a %s', x) formats like Apps Script).
import { formatString } from './utilities';

export class FakeLogger implements GoogleAppsScript.Base.Logger {
  readonly lines: string[] = [];

  constructor(private readonly echo = false) {}

  log(data: unknown, ...values: unknown[]): GoogleAppsScript.Base.Logger {
    const line =
      values.length > 0
        ? formatString(String(data), ...values)
        : typeof data === 'string'
          ? data
          : (JSON.stringify(data) ?? String(data));
    this.lines.push(line);
    if (this.echo) console.log(`[Logger] ${line}`);
    return this;
  }
  getLog(): string {
    return this.lines.join('\n');
  }
  clear(): void {
    this.lines.length = 0;
  }
}
