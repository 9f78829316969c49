// The sequence diagram tab: the last N PDUs of one connection as arrows between the ESME and SMSC
// lifelines (App, Proxy and SMSC for an analyser proxy's connection), drawn as plain SVG. Requests are solid, responses dashed; a bracket in the pair's
// colour joins each request to its response; failed responses are red, unanswered requests in the
// warning colour. Hovering an arrow lights its partner; clicking decodes it.
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import type { VscodeSingleSelect } from '@vscode-elements/elements/dist/vscode-single-select/vscode-single-select.js';
import type { CaptureRow, DecoderState } from '../src/shared/decoderMessages';
import type { CaptureModel } from './captureModel';
import { h, setOptions, svg } from './dom';
import { layoutLadder, TIME_COLUMN, type LadderLayout } from './ladderLayout';

export interface LadderContext {
  state(): DecoderState;
  update(patch: Partial<DecoderState>): void;
  decodeRow(row: CaptureRow): void;
  knownConnections(): readonly string[];
}

export const LADDER_COUNTS = [20, 50, 100, 200, 500] as const;
const ROW = 30;

export class LadderView {
  readonly element: HTMLElement;
  private readonly connectionSelect: VscodeSingleSelect;
  private readonly countSelect: VscodeSingleSelect;
  private readonly caption: HTMLElement;
  private readonly wrap: HTMLElement;
  private visible = false;
  private dirty = true;
  private frame = 0;
  private layout: LadderLayout | undefined;
  private lit: number[] = [];

  constructor(
    private readonly ctx: LadderContext,
    private readonly model: CaptureModel,
  ) {
    this.connectionSelect = h('vscode-single-select', { testid: 'ladder-connection', attrs: { 'aria-label': 'Connection' } });
    this.countSelect = h('vscode-single-select', { testid: 'ladder-count', attrs: { 'aria-label': 'How many PDUs' } });
    this.caption = h('span', { class: 'muted', testid: 'ladder-caption' });
    this.wrap = h('div', { class: 'ladder-wrap', testid: 'ladder' });
    this.element = h(
      'div',
      { class: 'ladder-view' },
      h('div', { class: 'toolbar' }, h('label', { text: 'Connection' }, this.connectionSelect), h('label', { text: 'Last' }, this.countSelect), this.caption),
      this.wrap,
    );
    this.connectionSelect.addEventListener('change', () => {
      if (this.connectionSelect.value === this.effectiveConnection()) return;
      this.ctx.update({ connection: this.connectionSelect.value });
      this.invalidate();
    });
    this.countSelect.addEventListener('change', () => {
      const n = Number(this.countSelect.value);
      if (!Number.isInteger(n) || n === this.ctx.state().ladderCount) return;
      this.ctx.update({ ladderCount: n });
      this.invalidate();
    });
    this.wrap.addEventListener('mouseover', (e) => this.light(this.arrowOf(e.target)));
    this.wrap.addEventListener('mouseleave', () => this.light(undefined));
    this.wrap.addEventListener('click', (e) => {
      const i = this.arrowOf(e.target);
      const row = i === undefined ? undefined : this.layout?.arrows[i]?.row;
      if (row !== undefined) this.ctx.decodeRow(row);
    });
    new ResizeObserver(() => this.invalidate()).observe(this.wrap);
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    if (visible) this.invalidate();
  }

  /** Something changed (capture, state): redraw when visible. */
  invalidate(): void {
    this.dirty = true;
    if (!this.visible || this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      if (this.dirty) this.render();
    });
  }

  private effectiveConnection(): string {
    return this.ctx.state().connection || this.model.newestConnection();
  }

  private render(): void {
    this.dirty = false;
    const s = this.ctx.state();
    const connection = this.effectiveConnection();
    const names = new Set([...this.ctx.knownConnections(), ...this.model.connections()]);
    if (connection) names.add(connection);
    setOptions(
      this.connectionSelect,
      [...names].sort((a, b) => a.localeCompare(b)).map((n) => ({ value: n, label: n })),
      connection,
    );
    const counts = new Set<number>([...LADDER_COUNTS, s.ladderCount]);
    setOptions(
      this.countSelect,
      [...counts].sort((a, b) => a - b).map((n) => ({ value: String(n), label: `${n} PDUs` })),
      String(s.ladderCount),
    );
    const rows = connection ? this.model.lastOf(connection, s.ladderCount) : [];
    this.caption.textContent = connection === '' ? '' : s.connection === '' ? `${connection} (the connection with the newest traffic)` : '';
    const atBottom = this.wrap.scrollTop + this.wrap.clientHeight >= this.wrap.scrollHeight - ROW;
    if (rows.length === 0) {
      this.layout = undefined;
      this.wrap.replaceChildren(h('div', { class: 'empty', text: connection ? `No PDUs of ${connection} in the capture yet.` : 'No PDUs captured yet. Bind a connection in the SMPP view.' }));
      return;
    }
    const layout = layoutLadder(rows, { width: Math.max(720, this.wrap.clientWidth - 4), rowHeight: ROW, palette: 4 });
    this.layout = layout;
    this.lit = [];
    this.wrap.replaceChildren(draw(layout, connection));
    if (atBottom) this.wrap.scrollTop = this.wrap.scrollHeight;
  }

  private arrowOf(target: EventTarget | null): number | undefined {
    if (!(target instanceof Element)) return undefined;
    const g = target.closest('[data-arrow]');
    const i = Number(g?.getAttribute('data-arrow'));
    return Number.isInteger(i) ? i : undefined;
  }

  private light(i: number | undefined): void {
    for (const k of this.lit) this.wrap.querySelectorAll(`[data-arrow="${k}"], [data-link~="${k}"]`).forEach((el) => el.classList.remove('lit'));
    this.lit = [];
    const a = i === undefined ? undefined : this.layout?.arrows[i];
    if (a === undefined || i === undefined) return;
    this.lit = a.partner === undefined ? [i] : [i, a.partner];
    for (const k of this.lit) this.wrap.querySelectorAll(`[data-arrow="${k}"], [data-link~="${k}"]`).forEach((el) => el.classList.add('lit'));
  }
}

/** The lifeline heads (kept in view while the arrows scroll) and the arrows. */
function draw(l: LadderLayout, connection: string): DocumentFragment {
  const headSvg = svg('svg', { class: 'ladder', width: l.width, height: l.top, viewBox: `0 0 ${l.width} ${l.top}`, 'aria-hidden': 'true' });
  const heads = svg('g', { class: 'head' });
  for (const line of l.lifelines) {
    heads.append(
      svg('rect', { x: line.x - line.headWidth / 2, y: l.headY, width: line.headWidth, height: 24, rx: 3, 'data-lifeline': line.key, 'data-testid': 'ladder-head' }),
      svg('text', { x: line.x, y: l.headY + 16 }, line.name),
    );
  }
  headSvg.append(heads, svg('text', { class: 'time', x: 8, y: l.headY + 16 }, 'time'));
  const headDiv = h('div', { class: 'ladder-heads' });
  headDiv.append(headSvg);

  const height = l.height - l.top;
  const root = svg('svg', { class: 'ladder', width: l.width, height, viewBox: `0 ${l.top} ${l.width} ${height}`, role: 'img', 'aria-label': `Sequence diagram of ${connection}` });
  root.append(svg('title', {}, `Sequence diagram of ${connection}`));
  // The proxy's band between its two faces (the one its applications see, the one toward the SMSC).
  if (l.proxy) root.append(svg('rect', { class: 'proxy-band', x: l.proxy.appSideX, y: l.top, width: l.proxy.smscSideX - l.proxy.appSideX, height: l.bottom - l.top }));
  for (const line of l.lifelines) for (const x of line.lines) root.append(svg('line', { class: 'lifeline', x1: x, y1: l.top, x2: x, y2: l.bottom, 'data-lifeline': line.key }));

  l.links.forEach((k) => {
    root.append(svg('path', { class: `link c${k.color}`, d: `M ${k.edge} ${k.y1} H ${k.x} V ${k.y2} H ${k.edge}`, 'data-link': `${k.request} ${k.response}` }));
  });

  l.arrows.forEach((a, i) => {
    const cls = ['arrow', a.response ? 'response' : 'request', a.failed ? 'failed' : '', a.unanswered ? 'unanswered' : ''].filter(Boolean).join(' ');
    const g = svg('g', { class: cls, 'data-arrow': i, 'data-testid': 'ladder-arrow', 'data-command': a.row.command, ...(a.row.leg ? { 'data-leg': a.row.leg, 'data-direction': a.row.direction } : {}) });
    if (a.title !== undefined) g.append(svg('title', {}, a.title));
    const dir = a.toX > a.fromX ? 1 : -1;
    const tipX = a.toX - dir * 2;
    g.append(
      svg('rect', { class: 'band', x: 0, y: a.y - ROW + 8, width: l.width, height: ROW }),
      svg('text', { class: 'time', x: 8, y: a.y + 4 }, a.time),
      svg('line', { x1: a.fromX, y1: a.y, x2: tipX - dir * 8, y2: a.y }),
      svg('path', { class: 'tip', d: `M ${tipX} ${a.y} l ${-dir * 9} -4.5 v 9 z` }),
      svg('text', { x: (a.fromX + a.toX) / 2, y: a.y - 6, 'text-anchor': 'middle' }, a.label),
    );
    if (a.color !== undefined) g.append(svg('circle', { class: `link c${a.color}`, cx: a.fromX, cy: a.y, r: 2.5 }));
    root.append(g);
  });
  // The time column's edge.
  root.append(svg('line', { class: 'lifeline', x1: TIME_COLUMN - 8, y1: l.top, x2: TIME_COLUMN - 8, y2: l.bottom }));
  const frag = document.createDocumentFragment();
  frag.append(headDiv, root);
  return frag;
}
