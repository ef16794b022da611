/// <reference types="google-apps-script" />
// The spreadsheet UI: menus, alerts, prompts, sidebars and dialogs, recorded for assertions.
// Alert and prompt answers are scripted by tests (queueAlert / queuePrompt).
import { enumOf, ScriptRealm } from './script-realm';

type Ui = GoogleAppsScript.Base.Ui;
type Menu = GoogleAppsScript.Base.Menu;
type HtmlOutput = GoogleAppsScript.HTML.HtmlOutput;
type ButtonValue = GoogleAppsScript.Base.Button;
type ButtonSetValue = GoogleAppsScript.Base.ButtonSet;

export const Button = enumOf(['CLOSE', 'OK', 'CANCEL', 'YES', 'NO'] as const);
export const ButtonSet = enumOf(['OK', 'OK_CANCEL', 'YES_NO', 'YES_NO_CANCEL'] as const);
type ButtonName = keyof typeof Button;

export type MenuEntry =
  | { type: 'item'; caption: string; functionName: string }
  | { type: 'separator' }
  | { type: 'submenu'; caption: string; items: MenuEntry[] };

export interface RecordedMenu {
  name: string;
  addon: boolean;
  items: MenuEntry[];
}

export interface ShownHtml {
  kind: 'sidebar' | 'modal' | 'modeless';
  title: string;
  html: string;
  output: HtmlOutput;
}

export interface AlertRecord {
  title: string;
  prompt: string;
  buttons: string;
  answer: ButtonName;
}

export class FakeMenu implements Menu {
  readonly items: MenuEntry[] = [];

  constructor(
    readonly name: string,
    private readonly ui: FakeUi,
    private readonly addon: boolean,
  ) {}

  addItem(caption: string, functionName: string): Menu {
    this.items.push({ type: 'item', caption, functionName });
    return this;
  }
  addSeparator(): Menu {
    this.items.push({ type: 'separator' });
    return this;
  }
  addSubMenu(menu: Menu): Menu {
    if (!(menu instanceof FakeMenu)) throw new Error('Invalid argument: menu');
    this.items.push({ type: 'submenu', caption: menu.name, items: menu.items });
    return this;
  }
  addToUi(): void {
    this.ui.menus = this.ui.menus.filter((m) => m.name !== this.name);
    this.ui.menus.push({ name: this.name, addon: this.addon, items: this.items });
  }
}

function splitArgs(args: Array<string | ButtonSetValue | undefined>): {
  title: string;
  prompt: string;
  buttons: string;
} {
  if (args.length >= 3) return { title: String(args[0]), prompt: String(args[1]), buttons: String(args[2]) };
  return { title: '', prompt: String(args[0]), buttons: args[1] === undefined ? 'OK' : String(args[1]) };
}

const DEFAULT_ANSWER: Record<string, ButtonName> = { OK: 'OK', OK_CANCEL: 'OK', YES_NO: 'YES', YES_NO_CANCEL: 'YES' };

export class FakeUi implements Omit<Ui, 'showDialog'> {
  readonly Button = Button as unknown as typeof GoogleAppsScript.Base.Button;
  readonly ButtonSet = ButtonSet as unknown as typeof GoogleAppsScript.Base.ButtonSet;
  menus: RecordedMenu[] = [];
  readonly shown: ShownHtml[] = [];
  readonly alerts: AlertRecord[] = [];
  readonly prompts: Array<AlertRecord & { text: string }> = [];
  private alertAnswers: ButtonName[] = [];
  private promptAnswers: Array<{ button: ButtonName; text: string }> = [];

  constructor(
    readonly addonName = 'Add-on',
    private readonly realm: ScriptRealm = new ScriptRealm(),
  ) {}

  /** Answers for the next alerts; without one, an alert answers its first button (OK or YES). */
  queueAlert(...answers: ButtonName[]): void {
    this.alertAnswers.push(...answers);
  }
  /** Answers for the next prompts; without one, a prompt answers its first button with ''. */
  queuePrompt(...answers: Array<{ button?: ButtonName; text: string }>): void {
    this.promptAnswers.push(...answers.map((a) => ({ button: a.button ?? 'OK', text: a.text })));
  }
  /** Every menu item, submenus flattened. */
  menuItems(): Array<{ menu: string; caption: string; functionName: string }> {
    const walk = (menu: string, items: MenuEntry[]): Array<{ menu: string; caption: string; functionName: string }> =>
      items.flatMap((item) =>
        item.type === 'item'
          ? [{ menu, caption: item.caption, functionName: item.functionName }]
          : item.type === 'submenu'
            ? walk(item.caption, item.items)
            : [],
      );
    return this.menus.flatMap((m) => walk(m.name, m.items));
  }
  lastShown(): ShownHtml | undefined {
    return this.shown[this.shown.length - 1];
  }

  createMenu(caption: string): Menu {
    return new FakeMenu(caption, this, false);
  }
  createAddonMenu(): Menu {
    return new FakeMenu(this.addonName, this, true);
  }
  alert(...args: Array<string | ButtonSetValue>): ButtonValue {
    const call = splitArgs(args);
    const answer = this.alertAnswers.shift() ?? DEFAULT_ANSWER[call.buttons] ?? 'OK';
    this.alerts.push({ ...call, answer });
    return Button[answer] as unknown as ButtonValue;
  }
  prompt(...args: Array<string | ButtonSetValue>): GoogleAppsScript.Base.PromptResponse {
    const call = splitArgs(args);
    const scripted = this.promptAnswers.shift();
    const answer = scripted ?? { button: DEFAULT_ANSWER[call.buttons] ?? 'OK', text: '' };
    this.prompts.push({ ...call, answer: answer.button, text: answer.text });
    return {
      getResponseText: () => answer.text,
      getSelectedButton: () => Button[answer.button] as unknown as ButtonValue,
    };
  }
  private show(kind: ShownHtml['kind'], output: HtmlOutput, title?: string): void {
    if (!output || typeof output.getContent !== 'function') throw this.realm.error('Invalid argument: userInterface');
    this.shown.push({ kind, title: title ?? output.getTitle(), html: output.getContent(), output });
  }
  showSidebar(userInterface: HtmlOutput): void {
    this.show('sidebar', userInterface);
  }
  showModalDialog(userInterface: HtmlOutput, title: string): void {
    this.show('modal', userInterface, title);
  }
  showModelessDialog(userInterface: HtmlOutput, title: string): void {
    this.show('modeless', userInterface, title);
  }
}
