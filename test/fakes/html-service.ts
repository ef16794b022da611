/// <reference types="google-apps-script" />
// HtmlService: outputs from files in `htmlDir` (NAME.html) or strings, and templates with
// <? code ?>, <?= escaped ?> and <?!= raw ?> scriptlets evaluated against the template's fields
// and the script's globals.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { enumOf, ScriptRealm } from './script-realm';

type HtmlOutput = GoogleAppsScript.HTML.HtmlOutput;
type HtmlTemplate = GoogleAppsScript.HTML.HtmlTemplate;
type OutputMethod =
  | 'append'
  | 'appendUntrusted'
  | 'clear'
  | 'getContent'
  | 'getHeight'
  | 'getTitle'
  | 'getWidth'
  | 'setContent'
  | 'setHeight'
  | 'setSandboxMode'
  | 'setTitle'
  | 'setWidth'
  | 'setXFrameOptionsMode';

export const SandboxMode = enumOf(['EMULATED', 'IFRAME', 'NATIVE'] as const);
export const XFrameOptionsMode = enumOf(['ALLOWALL', 'DEFAULT'] as const);

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

export class FakeHtmlOutput implements Pick<HtmlOutput, OutputMethod> {
  title = '';
  width = 0;
  height = 0;
  sandboxMode: string = SandboxMode.IFRAME;
  xFrameOptionsMode: string = XFrameOptionsMode.DEFAULT;

  constructor(private content = '') {}

  asOutput(): HtmlOutput {
    return this as unknown as HtmlOutput;
  }
  getContent(): string {
    return this.content;
  }
  setContent(content: string): HtmlOutput {
    this.content = String(content);
    return this.asOutput();
  }
  append(addedContent: string): HtmlOutput {
    this.content += String(addedContent);
    return this.asOutput();
  }
  appendUntrusted(addedContent: string): HtmlOutput {
    this.content += escapeHtml(String(addedContent));
    return this.asOutput();
  }
  clear(): HtmlOutput {
    this.content = '';
    return this.asOutput();
  }
  getTitle(): string {
    return this.title;
  }
  setTitle(title: string): HtmlOutput {
    this.title = String(title);
    return this.asOutput();
  }
  getWidth(): number {
    return this.width;
  }
  setWidth(width: number): HtmlOutput {
    this.width = width;
    return this.asOutput();
  }
  getHeight(): number {
    return this.height;
  }
  setHeight(height: number): HtmlOutput {
    this.height = height;
    return this.asOutput();
  }
  setSandboxMode(mode: GoogleAppsScript.HTML.SandboxMode): HtmlOutput {
    this.sandboxMode = String(mode);
    return this.asOutput();
  }
  setXFrameOptionsMode(mode: GoogleAppsScript.HTML.XFrameOptionsMode): HtmlOutput {
    this.xFrameOptionsMode = String(mode);
    return this.asOutput();
  }
}

/** Compiles a template to the body of a function of (__out, __esc, __raw). */
function compile(source: string): string {
  const code: string[] = [];
  const pattern = /<\?(!=|=)?([\s\S]*?)\?>/g;
  let last = 0;
  for (let match = pattern.exec(source); match; match = pattern.exec(source)) {
    code.push(`__out.push(${JSON.stringify(source.slice(last, match.index))});`);
    const body = match[2]!;
    if (match[1] === '=') code.push(`__out.push(__esc(${body}));`);
    else if (match[1] === '!=') code.push(`__out.push(__raw(${body}));`);
    else code.push(body);
    last = pattern.lastIndex;
  }
  code.push(`__out.push(${JSON.stringify(source.slice(last))});`);
  return code.join('\n');
}

export class FakeHtmlTemplate implements Pick<HtmlTemplate, 'evaluate' | 'getCode' | 'getRawContent'> {
  // Fields of the template are its own enumerable properties, so the internals stay private (#).
  [field: string]: unknown;
  readonly #source: string;
  readonly #service: FakeHtmlService;

  constructor(source: string, service: FakeHtmlService) {
    this.#source = source;
    this.#service = service;
  }

  getRawContent(): string {
    return this.#source;
  }
  getCode(): string {
    return compile(this.#source);
  }
  evaluate(): HtmlOutput {
    const fields: Record<string, unknown> = { ...this };
    const out: string[] = [];
    const raw = (v: unknown) => (v === null || v === undefined ? '' : String(v));
    // Sloppy-mode Function so `with` can expose the template's fields and the script's globals.
    const run = new Function(
      '__scope',
      '__fields',
      '__out',
      '__esc',
      '__raw',
      `with (__scope) { with (__fields) {\n${this.getCode()}\n} }`,
    );
    try {
      run(this.#service.scriptGlobals, fields, out, (v: unknown) => escapeHtml(raw(v)), raw);
    } catch (error) {
      throw this.#service.realm.error(
        `Error evaluating template: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    return new FakeHtmlOutput(out.join('')).asOutput();
  }
}

export class FakeHtmlService implements Pick<
  GoogleAppsScript.HTML.HtmlService,
  | 'SandboxMode'
  | 'XFrameOptionsMode'
  | 'createHtmlOutput'
  | 'createHtmlOutputFromFile'
  | 'createTemplate'
  | 'createTemplateFromFile'
  | 'getUserAgent'
> {
  readonly SandboxMode = SandboxMode as unknown as typeof GoogleAppsScript.HTML.SandboxMode;
  readonly XFrameOptionsMode = XFrameOptionsMode as unknown as typeof GoogleAppsScript.HTML.XFrameOptionsMode;
  /** Names templates can reach (the vm context's global object, once the bundle is loaded). */
  scriptGlobals: object = {};

  constructor(
    readonly htmlDir: string | null,
    readonly realm: ScriptRealm = new ScriptRealm(),
  ) {}

  private readFile(filename: string): string {
    const name = String(filename).replace(/\.html$/, '');
    const file = this.htmlDir === null ? null : path.join(this.htmlDir, `${name}.html`);
    if (!file || !fs.existsSync(file)) throw this.realm.error(`No HTML file named ${name} was found.`);
    return fs.readFileSync(file, 'utf8');
  }
  createHtmlOutput(html?: string | GoogleAppsScript.Base.BlobSource): HtmlOutput {
    const content = html === undefined ? '' : typeof html === 'string' ? html : html.getBlob().getDataAsString();
    return new FakeHtmlOutput(content).asOutput();
  }
  createHtmlOutputFromFile(filename: string): HtmlOutput {
    return new FakeHtmlOutput(this.readFile(filename)).asOutput();
  }
  createTemplate(html: string | GoogleAppsScript.Base.BlobSource): HtmlTemplate {
    const source = typeof html === 'string' ? html : html.getBlob().getDataAsString();
    return new FakeHtmlTemplate(source, this) as unknown as HtmlTemplate;
  }
  createTemplateFromFile(filename: string): HtmlTemplate {
    return new FakeHtmlTemplate(this.readFile(filename), this) as unknown as HtmlTemplate;
  }
  getUserAgent(): string {
    return 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36';
  }
}
