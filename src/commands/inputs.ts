// The input box the commands ask with: it stays open when focus moves, checks as the user types,
// and resolves undefined on Escape.
import * as vscode from 'vscode';

export interface AskOptions {
  title: string;
  /** The text the box opens with, selected; none: an empty box. */
  value?: string;
  placeholder: string;
  /** The text under the box, for the value typed so far. */
  prompt: (value: string) => string;
  /** A message for people when the value cannot be taken (Enter does nothing then). */
  check: (value: string) => string | undefined;
  /** A warning shown under the box; the value can still be taken. */
  warn?: (value: string) => string | undefined;
  /** An empty value cannot be taken either, and shows no message: the box waits for one. */
  required?: boolean;
}

/** Resolves with the value taken, or undefined when the box is closed without one. */
export function ask(options: AskOptions): Promise<string | undefined> {
  const waiting = (value: string): boolean => options.required === true && value === '';
  return new Promise((resolve) => {
    const box = vscode.window.createInputBox();
    box.title = options.title;
    box.placeholder = options.placeholder;
    box.value = options.value ?? '';
    if (options.value !== undefined) box.valueSelection = [0, options.value.length];
    box.ignoreFocusOut = true;
    const update = (): void => {
      box.prompt = options.prompt(box.value);
      const error = waiting(box.value) ? undefined : options.check(box.value);
      const warning = error === undefined ? options.warn?.(box.value) : undefined;
      box.validationMessage =
        error !== undefined ? error : warning !== undefined ? { message: warning, severity: vscode.InputBoxValidationSeverity.Warning } : undefined;
    };
    update();
    let done = false;
    box.onDidChangeValue(update);
    box.onDidAccept(() => {
      if (options.check(box.value) !== undefined || waiting(box.value)) return;
      done = true;
      resolve(box.value);
      box.hide();
    });
    box.onDidHide(() => {
      if (!done) resolve(undefined);
      box.dispose();
    });
    box.show();
  });
}
