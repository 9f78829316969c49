// The capture tab: every PDU the sessions sent or received, newest at the bottom, with time,
// connection, direction, command, seq, status and round trip. Responses show the round trip;
// a request still waiting for its response is marked "no response" in the warning colour. A
// filter (connection, command, status, seq, addresses, text) and a connection selector narrow it.
// The list is virtual: fixed-height rows, and only those in view (plus a few) are in the DOM,
// so 10 000 rows scroll as smoothly as 10. Clicking a row decodes it in the decoder tab.
// An analyser proxy's rows name their leg in the direction cell ('app → proxy', 'SMSC → proxy'…,
// the column widens while such rows are listed) and the application's address after the
// connection name; `data-leg` marks them. A row's tooltip is its one-line summary, ending with
// its vendor TLVs by name when its connection file declares them (the filter matches those too).
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { VscodeSingleSelect } from '@vscode-elements/elements/dist/vscode-single-select/vscode-single-select.js';
import type { VscodeTextfield } from '@vscode-elements/elements/dist/vscode-textfield/vscode-textfield.js';
import type { CaptureRow, DecoderState, ExportOutcome, WebviewToHost } from '../src/shared/decoderMessages';
import { statusName } from '../src/smpp/tables/values';
import { CaptureModel, directionText, formatRtt, formatTime, isResponse, scrollToReveal, virtualWindow } from './captureModel';
import { debounce, h, setOptions } from './dom';

export interface CaptureContext {
  state(): DecoderState;
  update(patch: Partial<DecoderState>): void;
  post(message: WebviewToHost): void;
  /** Opens a row in the decoder tab. */
  decodeRow(row: CaptureRow): void;
  /** The names of the workspace's connections (the host's list), besides those in the capture. */
  knownConnections(): readonly string[];
}

export const ROW_HEIGHT = 22;
const OVERSCAN = 10;

export class CaptureView {
  readonly element: HTMLElement;
  private readonly filterBox: VscodeTextfield;
  private readonly connectionSelect: VscodeSingleSelect;
  private readonly countLabel: HTMLElement;
  private readonly exportButton: HTMLElement & { disabled: boolean };
  private readonly exportStatus: HTMLElement;
  private readonly scroller: HTMLElement;
  private readonly spacer: HTMLElement;
  private readonly window: HTMLElement;
  private readonly statusLine: HTMLElement;
  private readonly dirHead: HTMLElement;
  private pool: HTMLElement[] = [];
  /** The rows passing the filter; undefined when nothing filters (then every row shows). */
  private filtered: CaptureRow[] | undefined;
  /** Whether `filtered` holds a proxy row (one with a leg). */
  private filteredLegs = false;
  private selectedId: number | undefined;
  private frame = 0;
  private viewport = 0;
  private follow = true;
  private exportId = 0;
  private pendingExport: number | undefined;
  private readonly refilterSoon = debounce(() => this.refilter(), 120);

  constructor(
    private readonly ctx: CaptureContext,
    private readonly model: CaptureModel,
  ) {
    this.filterBox = h('vscode-textfield', { testid: 'capture-filter', attrs: { 'aria-label': 'Filter the capture' } });
    this.filterBox.placeholder = 'Filter: connection, command, status, seq, address, text…';
    this.filterBox.value = ctx.state().filter;
    this.connectionSelect = h('vscode-single-select', { testid: 'capture-connection', attrs: { 'aria-label': 'Connection' } });
    this.countLabel = h('span', { class: 'muted', testid: 'capture-count' });
    this.exportButton = h('vscode-button', { text: 'Export pcap', testid: 'export-pcap', title: 'Save the capture (or the selected connection’s) as a pcap file for Wireshark / tshark' });
    const clear = h('vscode-button', { text: 'Clear', testid: 'clear-capture', attrs: { secondary: '' }, title: 'Empty the capture' });
    this.exportStatus = h('span', { class: 'muted', testid: 'export-status' });
    const toolbar = h(
      'div',
      { class: 'toolbar' },
      this.filterBox,
      h('label', { text: 'Connection' }, this.connectionSelect),
      this.countLabel,
      h('span', { class: 'grow' }),
      this.exportStatus,
      this.exportButton,
      clear,
    );
    const heads = ['Time', 'Connection', '', 'Command', 'Seq', 'Status', 'Round trip'].map((t, i) => h('span', { class: i === 4 ? 'num' : '', text: t, attrs: { role: 'columnheader' } }));
    this.dirHead = heads[2]!;
    const head = h('div', { class: 'crow head', attrs: { role: 'row' } }, ...heads);
    this.window = h('div', { class: 'window' });
    this.spacer = h('div', { class: 'spacer' }, this.window);
    this.scroller = h('div', { class: 'scroller', testid: 'capture-list', attrs: { role: 'grid', tabindex: '0', 'aria-label': 'Captured PDUs' } }, this.spacer);
    this.statusLine = h('div', { class: 'status-line', testid: 'capture-status' });
    this.element = h('div', { class: 'capture' }, toolbar, head, this.scroller, this.statusLine);

    this.filterBox.addEventListener('input', () => {
      this.ctx.update({ filter: this.filterBox.value });
      this.refilterSoon();
    });
    this.connectionSelect.addEventListener('change', () => {
      if (this.connectionSelect.value === this.ctx.state().connection) return;
      this.ctx.update({ connection: this.connectionSelect.value });
      this.refilter();
    });
    this.exportButton.addEventListener('click', () => this.requestExport());
    clear.addEventListener('click', () => this.ctx.post({ type: 'clearCapture' }));
    this.scroller.addEventListener('scroll', () => {
      this.follow = this.scroller.scrollTop + this.scroller.clientHeight >= this.scroller.scrollHeight - ROW_HEIGHT;
      this.schedule();
    });
    this.scroller.addEventListener('click', (e) => {
      const row = this.rowOf(e.target);
      if (row === undefined) return;
      this.selectedId = row.id;
      this.schedule();
      this.ctx.decodeRow(row);
    });
    this.scroller.addEventListener('keydown', (e) => this.onKey(e));
    new ResizeObserver(() => {
      this.viewport = this.scroller.clientHeight;
      this.schedule();
    }).observe(this.scroller);
  }

  /** After the model was reset or cleared. */
  reload(): void {
    this.refilter();
  }

  /** After rows were added to the model. */
  appended(added: readonly CaptureRow[]): void {
    const s = this.ctx.state();
    if (this.filtered !== undefined) {
      let gone = 0;
      while (gone < this.filtered.length && !this.model.holds(this.filtered[gone]!)) gone++;
      if (gone) this.filtered.splice(0, gone);
      for (const r of this.model.filter({ connection: s.connection, text: s.filter }, added)) {
        this.filtered.push(r);
        if (r.leg !== undefined) this.filteredLegs = true;
      }
    }
    this.updateConnections();
    this.schedule();
  }

  /** The state changed from outside (restore, Show Traffic). */
  restore(): void {
    const s = this.ctx.state();
    if (this.filterBox.value !== s.filter) this.filterBox.value = s.filter;
    this.refilter();
  }

  exportResult(requestId: number, outcome: ExportOutcome, message: string): void {
    if (requestId !== this.pendingExport) return;
    this.pendingExport = undefined;
    this.exportButton.disabled = false;
    this.exportStatus.textContent = outcome === 'cancelled' ? '' : message;
  }

  /** Called when the tab becomes visible: sizes are only known then. */
  shown(): void {
    this.viewport = this.scroller.clientHeight;
    this.schedule();
  }

  private rows(): readonly CaptureRow[] {
    return this.filtered ?? this.model.all();
  }

  private refilter(): void {
    const s = this.ctx.state();
    this.filtered = s.connection === '' && s.filter.trim() === '' ? undefined : this.model.filter({ connection: s.connection, text: s.filter });
    this.filteredLegs = this.filtered?.some((r) => r.leg !== undefined) ?? false;
    this.updateConnections();
    this.follow = true;
    this.schedule();
  }

  private updateConnections(): void {
    const names = new Set([...this.ctx.knownConnections(), ...this.model.connections()]);
    const current = this.ctx.state().connection;
    if (current !== '') names.add(current);
    const options = [{ value: '', label: 'All connections' }, ...[...names].sort((a, b) => a.localeCompare(b)).map((n) => ({ value: n, label: n }))];
    setOptions(this.connectionSelect, options, current);
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  private render(): void {
    const rows = this.rows();
    const total = rows.length;
    // Proxy rows need room for 'SMSC → proxy'; an ESME-only list keeps its narrow arrow column.
    const legs = this.filtered === undefined ? this.model.hasLegs() : this.filteredLegs;
    if (this.element.classList.contains('legs') !== legs) {
      this.element.classList.toggle('legs', legs);
      this.dirHead.textContent = legs ? 'Direction' : '';
    }
    this.spacer.style.height = `${total * ROW_HEIGHT}px`;
    if (this.follow && this.viewport > 0) this.scroller.scrollTop = Math.max(0, total * ROW_HEIGHT - this.viewport);
    const win = virtualWindow(this.scroller.scrollTop, this.viewport || this.scroller.clientHeight, ROW_HEIGHT, total, OVERSCAN);
    this.window.style.transform = `translateY(${win.offset}px)`;
    const need = win.end - win.start;
    while (this.pool.length < need) {
      const el = h('div', { class: 'crow body', testid: 'capture-row', attrs: { role: 'row' } });
      for (let i = 0; i < 7; i++) el.append(h('span', { attrs: { role: 'gridcell' } }));
      this.pool.push(el);
      this.window.append(el);
    }
    const selected = this.selectedId === undefined ? undefined : this.model.get(this.selectedId);
    const partner = selected === undefined ? undefined : isResponse(selected) ? selected.request?.id : selected.responseId;
    for (let k = 0; k < this.pool.length; k++) {
      const el = this.pool[k]!;
      const row = k < need ? rows[win.start + k] : undefined;
      if (row === undefined) {
        el.hidden = true;
        continue;
      }
      el.hidden = false;
      this.fill(el, row, row.id === this.selectedId, row.id === partner);
    }
    const all = this.model.size;
    this.countLabel.textContent = this.filtered === undefined ? `${all.toLocaleString()} PDUs` : `${total.toLocaleString()} of ${all.toLocaleString()} PDUs`;
    this.statusLine.textContent =
      all === 0
        ? 'No PDUs captured yet. Bind a connection in the SMPP view; every PDU it sends or receives shows here.'
        : `The capture keeps the last ${this.model.capacity.toLocaleString()} PDUs. Click a row to decode it.`;
  }

  private fill(el: HTMLElement, row: CaptureRow, selected: boolean, partner: boolean): void {
    const cells = el.children as HTMLCollectionOf<HTMLElement>;
    const response = isResponse(row);
    const unanswered = this.model.unanswered(row);
    el.dataset.id = String(row.id);
    el.dataset.command = row.command;
    el.dataset.direction = row.direction;
    if (row.leg !== undefined) el.dataset.leg = row.leg;
    else delete el.dataset.leg;
    el.classList.toggle('selected', selected);
    el.classList.toggle('partner', partner);
    el.classList.toggle('unanswered', unanswered);
    el.setAttribute('aria-selected', String(selected));
    const summary = this.model.summaryLine(row);
    if (el.title !== summary) el.title = summary;
    set(cells[0]!, formatTime(row.timestamp), 'time');
    set(cells[1]!, row.client === undefined ? row.connection : `${row.connection} · ${row.client}`, '');
    if (row.client === undefined) cells[1]!.removeAttribute('title');
    else cells[1]!.title = `${row.connection}: the application at ${row.client}`;
    const dir = directionText(row);
    set(cells[2]!, dir.text, row.leg === undefined ? `dir ${row.direction}` : `dir ${row.direction} leg`);
    cells[2]!.title = dir.title;
    set(cells[3]!, row.command, '');
    set(cells[4]!, String(row.seq), 'num');
    if (response) {
      const name = statusName(row.status);
      set(cells[5]!, name, row.status === 0 ? '' : 'fail');
      set(cells[6]!, row.request ? formatRtt(row.request.rtt) : '—', row.request ? 'rtt' : 'rtt muted');
      cells[6]!.title = row.request ? 'round trip from its request' : 'its request is not in the capture';
    } else {
      set(cells[5]!, '', '');
      if (unanswered) {
        set(cells[6]!, '⚠ no response', 'warn');
        cells[6]!.title = 'no response to this request (yet)';
      } else {
        set(cells[6]!, row.responseId === undefined ? '' : '✓ answered', 'rtt muted');
        cells[6]!.title = '';
      }
    }
  }

  private onKey(e: KeyboardEvent): void {
    const rows = this.rows();
    if (rows.length === 0) return;
    let i = this.selectedId === undefined ? -1 : rows.findIndex((r) => r.id === this.selectedId);
    switch (e.key) {
      case 'ArrowDown':
        i = Math.min(rows.length - 1, i + 1);
        break;
      case 'ArrowUp':
        i = Math.max(0, i < 0 ? rows.length - 1 : i - 1);
        break;
      case 'Home':
        i = 0;
        break;
      case 'End':
        i = rows.length - 1;
        break;
      case 'Enter':
        if (i >= 0) this.ctx.decodeRow(rows[i]!);
        e.preventDefault();
        return;
      default:
        return;
    }
    e.preventDefault();
    this.selectedId = rows[i]!.id;
    const top = scrollToReveal(i, this.scroller.scrollTop, this.scroller.clientHeight, ROW_HEIGHT);
    if (top !== undefined) this.scroller.scrollTop = top;
    this.follow = i === rows.length - 1;
    this.schedule();
  }

  private rowOf(target: EventTarget | null): CaptureRow | undefined {
    if (!(target instanceof Element)) return undefined;
    const el = target.closest<HTMLElement>('[data-id]');
    const id = Number(el?.dataset.id);
    return Number.isInteger(id) ? this.model.get(id) : undefined;
  }

  private requestExport(): void {
    const connection = this.ctx.state().connection;
    this.pendingExport = ++this.exportId;
    this.exportButton.disabled = true;
    this.exportStatus.textContent = 'Exporting…';
    this.ctx.post({ type: 'exportPcap', requestId: this.pendingExport, ...(connection ? { connection } : {}) });
  }
}

function set(el: HTMLElement, text: string, cls: string): void {
  if (el.textContent !== text) el.textContent = text;
  if (el.className !== cls) el.className = cls;
}
