// Small DOM helpers. Text always goes in through textContent, never as markup, so nothing a PDU
// or a host message holds can become HTML. Inline styles are set through CSSOM (`el.style.x`),
// which the page's content security policy allows without 'unsafe-inline'.

export interface Props {
  class?: string;
  text?: string;
  title?: string;
  testid?: string;
  attrs?: Record<string, string>;
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props.class) el.className = props.class;
  if (props.text !== undefined) el.textContent = props.text;
  if (props.title !== undefined) el.title = props.title;
  if (props.testid !== undefined) el.dataset.testid = props.testid;
  if (props.attrs) for (const [k, v] of Object.entries(props.attrs)) el.setAttribute(k, v);
  for (const c of children) el.append(c);
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}, text?: string): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

/** Options for a vscode-single-select, replacing what it held; keeps `value` when it is still offered. */
export function setOptions(select: HTMLElement & { value: string }, options: readonly { value: string; label: string }[], value: string): void {
  const current = [...select.querySelectorAll('vscode-option')].map((o) => `${o.getAttribute('value')}\u0000${o.textContent}`).join('\u0001');
  const wanted = options.map((o) => `${o.value}\u0000${o.label}`).join('\u0001');
  if (current !== wanted) {
    select.replaceChildren(
      ...options.map((o) => {
        const opt = document.createElement('vscode-option');
        opt.setAttribute('value', o.value);
        opt.textContent = o.label;
        return opt;
      }),
    );
  }
  if (select.value !== value) select.value = value;
}

/** Runs `fn` once, `ms` after the last call. */
export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number): ((...args: A) => void) & { flush(): void; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last: A | undefined;
  const run = (...args: A): void => {
    last = args;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      fn(...args);
    }, ms);
  };
  run.flush = (): void => {
    if (timer === undefined || last === undefined) return;
    clearTimeout(timer);
    timer = undefined;
    fn(...last);
  };
  run.cancel = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  return run;
}
