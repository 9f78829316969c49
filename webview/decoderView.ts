// The decoder tab: a hex box that takes anything parseHexInput reads and decodes as you type
// (150 ms after the last key, at once on paste), a PDU selector when the input holds several, the
// DCS 0 alphabet, a one-line summary, the field table and the bytes pane. Hovering or picking a
// field highlights its bytes; hovering or picking a byte highlights the innermost field holding it
// (and picking scrolls it into view), as in Wireshark's bytes pane. Decoding runs here, in the
// page: the codec and the hex parser are browser-safe, so there is no round trip to the host.
// When the input holds several PDUs that are parts of one message (a concatenation UDH, SAR TLVs),
// the message is shown reassembled above the fields, with its missing, duplicate and out-of-order
// parts named, each part a link to its PDU (the Messages tab's reassembly, src/smpp/messages/).
// Vendor TLVs are read by name with a dictionary: the connection file's for an input opened from
// a capture row (or a Messages tab link), every connection file's merged for anything else; a
// label in the toolbar names the files, its tooltip how a clash is settled. "Copy as code" (for a
// request that decodes cleanly) asks the host for a client library snippet that sends the PDU.
// The field table reads at laptop width: the Field column shows the friendly name (the spec name
// on hover, and the field filter finds either), values and meanings wrap rather than being cut,
// Field and Value are resized by dragging their header's edge (or with the arrow keys on it; a
// double click gives the fitted widths back), the widths kept in the state, and Offset and Length
// are narrow fixed columns. The bytes pane narrows to 8 bytes a line, then moves under the fields,
// when the tab is too narrow for both (columns.ts).
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textarea/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { VscodeSingleSelect } from '@vscode-elements/elements/dist/vscode-single-select/vscode-single-select.js';
import type { VscodeTextarea } from '@vscode-elements/elements/dist/vscode-textarea/vscode-textarea.js';
import type { VscodeTextfield } from '@vscode-elements/elements/dist/vscode-textfield/vscode-textfield.js';
import { MAX_HEX_INPUT, MAX_ROW_HEX, type Dcs0, type DecoderState, type WebviewToHost } from '../src/shared/decoderMessages';
import type { DictionaryChoice } from './connectionProfiles';
import { decode, toJsonPdu, type DecodeResult } from '../src/smpp/codec';
import { toHex } from '../src/smpp/bytes';
import { parseHexInput, type HexInputResult } from '../src/smpp/hexInput';
import { correlateMessages, type SmsMessage } from '../src/smpp/messages/index';
import { summarizeDecoded } from '../src/smpp/summary';
import { isResponseId } from '../src/smpp/tables/commands';
import { fitWidths, gridTemplate, KEY_STEP, paneLayout, resizeColumn, type ColumnWidths, type ResizableColumn } from './columns';
import { debounce, h, setOptions } from './dom';
import { ancestors, buildRows, defaultClosed, filterFields, formatValue, indexFields, innermostAt, meaning, problemBytes, visiblePath, type IndexedNode, type TableRow } from './fieldRows';
import { HexView } from './hexView';
import { listNumbers, methodText } from './messagesModel';

export interface DecoderContext {
  state(): DecoderState;
  update(patch: Partial<DecoderState>): void;
  post(message: WebviewToHost): void;
  /** The vendor TLV dictionary for a decode of a connection's PDU ('' = not a connection's: every file's merged). */
  dictionary(connection: string): DictionaryChoice;
}

const DCS0_OPTIONS: readonly { value: Dcs0; label: string }[] = [
  { value: 'gsm7', label: 'GSM 7-bit' },
  { value: 'latin1', label: 'Latin-1' },
  { value: 'ascii', label: 'ASCII' },
];

const INDENT = 14;

interface Decoded {
  bytes: Uint8Array;
  result: DecodeResult;
  index: IndexedNode[];
  byPath: Map<string, IndexedNode>;
}

export class DecoderView {
  readonly element: HTMLElement;
  private readonly input: VscodeTextarea;
  private readonly sourceLabel: HTMLElement;
  private readonly formatLabel: HTMLElement;
  private readonly tlvLabel: HTMLElement;
  private readonly pduSelect: VscodeSingleSelect;
  private readonly pduLabel: HTMLElement;
  private readonly dcs0Select: VscodeSingleSelect;
  private readonly jsonButton: HTMLElement;
  private readonly codeButton: HTMLElement & { disabled: boolean };
  private readonly messages: HTMLElement;
  private readonly summary: HTMLElement;
  private readonly reassembly: HTMLElement;
  private reassembled: { text: string; dcs0: Dcs0; messages: SmsMessage[] } | undefined;
  private readonly fields: HTMLElement;
  private readonly panes: HTMLElement;
  private readonly hex: HexView;
  private readonly fieldFilter: VscodeTextfield;
  private readonly filterCount: HTMLElement;
  /** The column widths shown now (the state's, fitted to the table). */
  private widths: ColumnWidths | undefined;
  private dragging = false;

  private parsed: { text: string; result: HexInputResult } | undefined;
  private decoded: Decoded | undefined;
  private closed = new Set<string>();
  private rowEls = new Map<string, HTMLElement>();
  private order: string[] = [];
  private selected: string | undefined;
  private hovered: string | undefined;
  private pasted = false;
  private readonly decodeSoon = debounce(() => this.run(), 150);

  constructor(private readonly ctx: DecoderContext) {
    this.sourceLabel = h('span', { class: 'source', testid: 'decoder-source' });
    this.formatLabel = h('span', { class: 'muted', testid: 'decoder-format' });
    this.tlvLabel = h('span', { class: 'tlvs', testid: 'decoder-tlvs' });
    this.pduSelect = h('vscode-single-select', { testid: 'pdu-select', attrs: { 'aria-label': 'PDU' } });
    this.pduLabel = h('label', { text: 'PDU' }, this.pduSelect);
    this.dcs0Select = h('vscode-single-select', { testid: 'dcs0-select', attrs: { 'aria-label': 'Alphabet of data_coding 0' } });
    setOptions(this.dcs0Select, DCS0_OPTIONS, ctx.state().dcs0);
    this.jsonButton = h('vscode-button', { text: 'Open as JSON', testid: 'open-json', attrs: { secondary: '' } });
    this.codeButton = h('vscode-button', { text: 'Copy as code', testid: 'copy-as-code', attrs: { secondary: '' } });
    const clear = h('vscode-button', { text: 'Clear', testid: 'clear-input', attrs: { secondary: '' } });
    this.fieldFilter = h('vscode-textfield', { testid: 'field-filter', title: 'Shows the fields whose name (as people say it or as the spec spells it), value or meaning holds this text', attrs: { 'aria-label': 'Filter the fields' } });
    this.fieldFilter.placeholder = 'Filter fields…';
    this.filterCount = h('span', { class: 'muted', testid: 'field-filter-count' });
    const toolbar = h(
      'div',
      { class: 'toolbar' },
      this.pduLabel,
      h('label', { text: 'DCS 0 alphabet', title: 'How data_coding 0 (the SMSC default alphabet) is read' }, this.dcs0Select),
      this.fieldFilter,
      this.filterCount,
      h('span', { class: 'grow' }),
      this.formatLabel,
      this.tlvLabel,
      this.sourceLabel,
      this.jsonButton,
      this.codeButton,
      clear,
    );

    this.input = h('vscode-textarea', { testid: 'hex-input', attrs: { 'aria-label': 'PDU hex' } });
    this.input.monospace = true;
    this.input.rows = 4;
    this.input.resize = 'vertical';
    this.input.spellcheck = false;
    this.input.placeholder = 'Paste a PDU: hex (any spacing), 0x… / \\x…, a C or JS array, a Wireshark, tshark -x, xxd or hexdump -C dump, a Node <Buffer …>, or base64. Several PDUs back to back are split.';

    this.messages = h('div', { class: 'messages', testid: 'decoder-messages', attrs: { role: 'status' } });
    this.summary = h('div', { class: 'summary', testid: 'pdu-summary' });
    this.reassembly = h('div', { class: 'reassembly', testid: 'decoder-reassembly' });
    this.fields = h('div', { class: 'fields', testid: 'field-table', attrs: { role: 'treegrid', tabindex: '0', 'aria-label': 'PDU fields' } });
    this.hex = new HexView(
      (o) => this.hoverByte(o),
      (o) => this.pickByte(o),
    );
    this.panes = h('div', { class: 'panes', testid: 'decoder-panes' }, this.fields, this.hex.element);
    this.element = h('div', { class: 'decoder' }, toolbar, h('div', { class: 'input-area' }, this.input), this.messages, this.reassembly, this.summary, this.panes);
    // A hidden tab measures 0 wide: it is laid out again when it shows.
    const resized = new ResizeObserver(() => this.layout());
    resized.observe(this.panes);
    resized.observe(this.fields);

    this.input.addEventListener('input', () => this.onInput());
    this.input.addEventListener('paste', () => {
      this.pasted = true;
    });
    this.dcs0Select.addEventListener('change', () => {
      const v = this.dcs0Select.value as Dcs0;
      if (v === this.ctx.state().dcs0) return;
      this.ctx.update({ dcs0: v });
      this.run();
    });
    this.pduSelect.addEventListener('change', () => {
      const i = Number(this.pduSelect.value);
      if (!Number.isInteger(i) || i === this.ctx.state().pduIndex) return;
      this.ctx.update({ pduIndex: i });
      this.selected = undefined;
      this.run();
    });
    this.fieldFilter.addEventListener('input', () => this.renderRows());
    this.jsonButton.addEventListener('click', () => this.openJson());
    this.codeButton.addEventListener('click', () => this.copyAsCode());
    clear.addEventListener('click', () => this.setInput('', ''));
    this.reassembly.addEventListener('click', (e) => {
      const link = e.target instanceof Element ? e.target.closest<HTMLElement>('[data-pdu-index]') : null;
      if (link === null) return;
      e.preventDefault();
      this.showPdu(Number(link.dataset.pduIndex));
    });
    this.fields.addEventListener('mouseover', (e) => this.hoverRow(this.pathOf(e.target)));
    this.fields.addEventListener('mouseleave', () => this.hoverRow(undefined));
    this.fields.addEventListener('click', (e) => this.clickRow(e));
    this.fields.addEventListener('keydown', (e) => this.onKey(e));
  }

  /** Shows the state's input (restore) and decodes it. */
  restore(): void {
    const s = this.ctx.state();
    if (this.input.value !== s.hex) this.input.value = s.hex;
    setOptions(this.dcs0Select, DCS0_OPTIONS, s.dcs0);
    this.run();
    this.layout();
  }

  /**
   * Replaces the input (Decode Selection, a capture row) and decodes it at once; `connection`
   * names the connection whose capture row it is (its file's vendor TLVs), '' for none.
   */
  setInput(hex: string, source: string, connection = ''): void {
    this.decodeSoon.cancel();
    this.input.value = hex;
    this.selected = undefined;
    this.hovered = undefined;
    this.ctx.update({ hex, source, pduIndex: 0, decodeConnection: connection });
    this.run();
  }

  focusInput(): void {
    this.input.focus();
  }

  private onInput(): void {
    const text = this.input.value;
    this.ctx.update({ hex: text, source: '', pduIndex: 0, decodeConnection: '' });
    if (this.pasted) {
      this.pasted = false;
      this.decodeSoon.cancel();
      this.run();
    } else {
      this.decodeSoon();
    }
  }

  private run(): void {
    const s = this.ctx.state();
    this.sourceLabel.textContent = s.source ? `from ${s.source}` : '';
    this.sourceLabel.title = s.source;
    const text = s.hex;
    this.messages.replaceChildren();
    if (text.length > MAX_HEX_INPUT) {
      this.showNothing(`The input is ${text.length} characters; the decoder reads up to ${MAX_HEX_INPUT}.`);
      return;
    }
    if (this.parsed?.text !== text) this.parsed = { text, result: parseHexInput(text) };
    const parsed = this.parsed.result;
    this.formatLabel.textContent = parsed.format === 'empty' || parsed.format === 'unknown' ? '' : `read as ${parsed.format}`;
    if (parsed.format !== 'empty') {
      for (const p of parsed.problems) {
        const msg = h('div', { class: 'msg error', text: p.message, title: 'Show in the input', attrs: { 'data-testid': 'input-problem' } });
        msg.addEventListener('click', () => this.selectInput(p.index));
        this.messages.append(msg);
      }
    }
    for (const n of parsed.notes) this.messages.append(h('div', { class: 'msg note', text: n }));

    const pdus = parsed.pdus;
    this.pduLabel.hidden = pdus.length < 2;
    this.showReassembly(text, pdus, s.dcs0);
    if (pdus.length === 0) {
      this.showNothing(text.trim() === '' ? 'Paste or type a PDU above, or run "SMPP: Decode Selection as PDU" in an editor.' : 'No PDU bytes could be read from the input.');
      return;
    }
    const index = Math.min(s.pduIndex, pdus.length - 1);
    const bytes = pdus[index]!;
    const tlvs = this.ctx.dictionary(s.decodeConnection);
    this.showDictionary(tlvs, s.decodeConnection);
    const result = decode(bytes, { fields: true, dcs0: s.dcs0, ...(tlvs.dictionary === undefined ? {} : { tlvs: tlvs.dictionary }) });
    if (pdus.length > 1) {
      const options = pdus.map((b, i) => {
        const r = i === index ? result : decode(b);
        return { value: String(i), label: `${i + 1} of ${pdus.length}: ${r.pdu.command} #${r.pdu.sequence_number}` };
      });
      setOptions(this.pduSelect, options, String(index));
    }
    const fields = result.fields ?? [];
    const idx = indexFields(fields);
    const same = this.decoded !== undefined && sameBytes(this.decoded.bytes, bytes);
    this.decoded = { bytes, result, index: idx, byPath: new Map(idx.map((n) => [n.path, n])) };
    if (!same) {
      this.fields.scrollTop = 0;
      this.closed = defaultClosed(idx);
      this.selected = undefined;
      this.hovered = undefined;
    }
    this.summary.textContent = summarizeDecoded(result, { dcs0: s.dcs0, maxText: 80 }).line;
    this.jsonButton.hidden = false;
    this.showCodeButton(result);
    this.hex.show(bytes, problemBytes(result.problems, bytes.length));
    this.renderRows();
  }

  /** Names the files whose vendor TLVs the decode reads by name. */
  private showDictionary(choice: DictionaryChoice, connection: string): void {
    const n = choice.dictionary?.size ?? 0;
    this.tlvLabel.hidden = n === 0;
    if (n === 0) return;
    const names = choice.dictionary!.entries.map((e) => e.name).join(', ');
    this.tlvLabel.textContent = `vendor TLVs: ${choice.label}`;
    this.tlvLabel.title =
      connection !== ''
        ? `${connection}'s vendor TLVs (${names}), from its connection file ${choice.label}`
        : `Vendor TLVs (${names}) of every connection file in the workspace, merged: where two files give the same tag or name, the first file in name order wins. A PDU opened from the capture uses its own connection's file.`;
  }

  /** Shows the messages in parts among several pasted PDUs, reassembled. */
  private showReassembly(text: string, pdus: readonly Uint8Array[], dcs0: Dcs0): void {
    if (pdus.length < 2) {
      this.reassembled = undefined;
      this.reassembly.replaceChildren();
      return;
    }
    if (this.reassembled?.text !== text || this.reassembled.dcs0 !== dcs0) {
      const all = correlateMessages(
        pdus.map((bytes, i) => ({ id: i + 1, connection: '', timestamp: 0, bytes })),
        { dcs0 },
      );
      this.reassembled = { text, dcs0, messages: all.filter((m) => m.total > 1 || m.parts.length > 1) };
    }
    const shown = this.reassembled.messages.slice(0, 20);
    this.reassembly.replaceChildren(...shown.map((m) => reassemblyElement(m)));
    if (this.reassembled.messages.length > shown.length) this.reassembly.append(h('div', { class: 'muted', text: `and ${this.reassembled.messages.length - shown.length} more messages in parts` }));
  }

  /** Shows the PDU at index i of the input (0-based). */
  private showPdu(i: number): void {
    if (!Number.isInteger(i) || i < 0) return;
    this.ctx.update({ pduIndex: i });
    this.selected = undefined;
    this.run();
  }

  private showNothing(message: string): void {
    this.decoded = undefined;
    this.tlvLabel.hidden = true;
    this.summary.textContent = '';
    this.jsonButton.hidden = true;
    this.codeButton.hidden = true;
    this.pduLabel.hidden = true;
    this.filterCount.textContent = '';
    this.fields.replaceChildren(h('div', { class: 'empty', text: message, testid: 'decoder-empty' }));
    this.rowEls.clear();
    this.order = [];
    this.hex.clear();
  }

  private renderRows(): void {
    const d = this.decoded;
    if (d === undefined) return;
    const filter = filterFields(d.index, this.fieldFilter.value);
    let closed: ReadonlySet<string> = this.closed;
    if (filter !== undefined) closed = new Set([...this.closed].filter((p) => !filter.open.has(p)));
    let rows = buildRows(d.result.fields ?? [], closed, d.result.problems);
    if (filter !== undefined) rows = rows.filter((r) => filter.show.has(r.path) || (r.kind === 'problem' && r.path.startsWith('@')));
    this.filterCount.textContent = filter === undefined ? '' : filter.hits === 1 ? '1 field' : `${filter.hits} fields`;
    this.rowEls = new Map();
    this.order = [];
    const frag = document.createDocumentFragment();
    frag.append(
      h(
        'div',
        { class: 'frow head', attrs: { role: 'row' } },
        h('span', { class: 'c', text: 'Field', title: 'The field as people say it; hover a name for its spec name', attrs: { role: 'columnheader' } }, this.grip('field', 'Field')),
        h('span', { class: 'c', text: 'Value', attrs: { role: 'columnheader' } }, this.grip('value', 'Value')),
        h('span', { class: 'c', text: 'Meaning', attrs: { role: 'columnheader' } }),
        h('span', { class: 'c num', text: 'Offset', attrs: { role: 'columnheader' } }),
        h('span', { class: 'c num', text: 'Length', title: 'Length in octets', attrs: { role: 'columnheader' } }),
      ),
    );
    for (const row of rows) frag.append(this.rowElement(row));
    if (filter !== undefined && filter.hits === 0) frag.append(h('div', { class: 'empty', text: `No field's name, value or meaning holds "${this.fieldFilter.value.trim()}".`, testid: 'field-filter-empty' }));
    this.fields.replaceChildren(frag);
    this.applyHighlight();
  }

  private rowElement(row: TableRow): HTMLElement {
    if (row.kind === 'problem') {
      const p = row.problem;
      const el = h('div', {
        class: 'frow problem',
        text: `⚠ offset ${p.offset}${p.field ? ` (${p.field})` : ''}: ${p.message}`,
        title: `expected ${p.expected}; found ${p.found}`,
        testid: 'problem-row',
        attrs: { role: 'row', 'data-problem-offset': String(p.offset) },
      });
      el.style.marginLeft = `${row.depth * INDENT}px`;
      return el;
    }
    const n = row.node;
    // One name on screen, the friendly one; the spec's spelling is its tooltip (and the row's data-field).
    const name = h('span', { class: 'c name', title: n.name, attrs: { role: 'gridcell' } });
    name.style.paddingLeft = `${8 + row.depth * INDENT}px`;
    name.append(h('span', { class: 'twisty', text: row.hasChildren ? (row.open ? '▾' : '▸') : '' }), h('span', { class: 'label', text: n.label }));
    const value = formatValue(n.value);
    const el = h(
      'div',
      {
        class: n.problem ? 'frow has-problem' : 'frow',
        testid: 'field-row',
        title: `${n.name} · offset ${n.offset} · ${n.length} ${n.length === 1 ? 'octet' : 'octets'}`,
        attrs: { role: 'row', 'data-field': n.name, 'data-path': row.path, 'aria-level': String(row.depth + 1) },
      },
      name,
      h('span', { class: 'c value', text: value, attrs: { role: 'gridcell' } }),
      h('span', { class: 'c meaning', text: meaning(n), title: n.display, attrs: { role: 'gridcell' } }),
      h('span', { class: 'c num offset', text: String(n.offset), attrs: { role: 'gridcell' } }),
      h('span', { class: 'c num length', text: String(n.length), attrs: { role: 'gridcell' } }),
    );
    if (row.hasChildren) el.setAttribute('aria-expanded', String(row.open));
    this.rowEls.set(row.path, el);
    this.order.push(row.path);
    return el;
  }

  // ---- layout: the bytes pane's place, the columns' widths ---------------------------------

  /** Places the bytes pane for the tab's width and fits the columns to the table's. */
  private layout(): void {
    const width = this.panes.clientWidth;
    if (width === 0) return;
    const size = parseFloat(getComputedStyle(this.hex.element).fontSize);
    const place = paneLayout(width, Number.isFinite(size) && size > 0 ? size / 13 : 1);
    this.panes.classList.toggle('stacked', place.stacked);
    this.panes.dataset.layout = place.stacked ? 'stacked' : `beside-${place.bytesPerRow}`;
    this.hex.setBytesPerRow(place.bytesPerRow);
    if (!this.dragging) this.applyWidths(fitWidths(this.ctx.state().fieldColumns, this.tableWidth()));
  }

  /** The width the rows have: the table's, less its scroll bar. */
  private tableWidth(): number {
    return this.fields.clientWidth;
  }

  private applyWidths(w: ColumnWidths): void {
    this.widths = w;
    this.fields.style.setProperty('--cols', gridTemplate(w));
    this.fields.dataset.columns = `${w.field},${w.value}`;
  }

  /** The drag handle on a header's right edge: a pointer drag or the arrow keys resize the column. */
  private grip(column: ResizableColumn, title: string): HTMLElement {
    const grip = h('span', {
      class: 'grip',
      testid: `resize-${column}`,
      title: `Drag to resize the ${title} column; double-click to fit it to the window`,
      attrs: { role: 'separator', tabindex: '0', 'aria-orientation': 'vertical', 'aria-label': `Resize the ${title} column` },
    });
    grip.addEventListener('pointerdown', (e) => {
      if (e.button !== 0 || this.widths === undefined) return;
      e.preventDefault();
      e.stopPropagation();
      const start = this.widths;
      const x0 = e.clientX;
      const available = this.tableWidth();
      this.dragging = true;
      grip.classList.add('dragging');
      grip.setPointerCapture(e.pointerId);
      const move = (ev: PointerEvent): void => this.applyWidths(resizeColumn(start, column, ev.clientX - x0, available));
      const end = (): void => {
        grip.removeEventListener('pointermove', move);
        grip.removeEventListener('pointerup', end);
        grip.removeEventListener('pointercancel', end);
        grip.classList.remove('dragging');
        this.dragging = false;
        if (this.widths !== start) this.keepWidths();
      };
      grip.addEventListener('pointermove', move);
      grip.addEventListener('pointerup', end);
      grip.addEventListener('pointercancel', end);
    });
    grip.addEventListener('dblclick', (e) => {
      e.stopPropagation();
      this.ctx.update({ fieldColumns: undefined });
      this.layout();
    });
    grip.addEventListener('keydown', (e) => {
      const dx = e.key === 'ArrowLeft' ? -KEY_STEP : e.key === 'ArrowRight' ? KEY_STEP : 0;
      if (dx === 0 || this.widths === undefined) return;
      e.preventDefault();
      e.stopPropagation();
      this.applyWidths(resizeColumn(this.widths, column, dx, this.tableWidth()));
      this.keepWidths();
    });
    return grip;
  }

  private keepWidths(): void {
    const w = this.widths;
    if (w === undefined) return;
    const kept = this.ctx.state().fieldColumns;
    if (kept?.field !== w.field || kept.value !== w.value) this.ctx.update({ fieldColumns: { field: w.field, value: w.value } });
  }

  // ---- highlight and selection -------------------------------------------------------------

  private applyHighlight(): void {
    const d = this.decoded;
    if (d === undefined) return;
    const active = this.hovered ?? this.selected;
    const shown = new Set(this.rowEls.keys());
    const activeRow = active === undefined ? undefined : visiblePath(active, shown);
    const selectedRow = this.selected === undefined ? undefined : visiblePath(this.selected, shown);
    for (const [path, el] of this.rowEls) {
      el.classList.toggle('hl', path === activeRow);
      el.classList.toggle('selected', path === selectedRow);
      el.setAttribute('aria-selected', String(path === selectedRow));
    }
    const node = active === undefined ? undefined : d.byPath.get(active)?.node;
    if (node === undefined) this.hex.highlight(0, 0);
    else this.hex.highlight(node.offset, node.length);
  }

  private hoverRow(path: string | undefined): void {
    if (path === this.hovered) return;
    this.hovered = path;
    this.applyHighlight();
  }

  private hoverByte(offset: number | undefined): void {
    const d = this.decoded;
    const hit = d === undefined || offset === undefined ? undefined : innermostAt(d.index, offset);
    this.hoverRow(hit?.path);
  }

  private pickByte(offset: number): void {
    const d = this.decoded;
    const hit = d === undefined ? undefined : innermostAt(d.index, offset);
    if (hit === undefined) return;
    let opened = false;
    for (const a of ancestors(hit.path)) opened = this.closed.delete(a) || opened;
    this.selected = hit.path;
    if (opened) this.renderRows();
    else this.applyHighlight();
    this.rowEls.get(hit.path)?.scrollIntoView({ block: 'nearest' });
  }

  private select(path: string, revealBytes: boolean): void {
    this.selected = path;
    this.applyHighlight();
    this.rowEls.get(path)?.scrollIntoView({ block: 'nearest' });
    const node = this.decoded?.byPath.get(path)?.node;
    if (revealBytes && node !== undefined && node.length > 0) this.hex.reveal(node.offset);
  }

  private toggle(path: string, open?: boolean): void {
    const isOpen = !this.closed.has(path);
    const want = open ?? !isOpen;
    if (want === isOpen) return;
    if (want) this.closed.delete(path);
    else this.closed.add(path);
    this.renderRows();
  }

  private clickRow(e: MouseEvent): void {
    const path = this.pathOf(e.target);
    if (path === undefined) return;
    const twisty = e.target instanceof HTMLElement && e.target.classList.contains('twisty');
    if (twisty || e.detail === 2) this.toggle(path);
    this.select(path, true);
  }

  private onKey(e: KeyboardEvent): void {
    if (this.order.length === 0) return;
    const cur = this.selected === undefined ? -1 : this.order.indexOf(visiblePath(this.selected, new Set(this.order)) ?? '');
    const node = cur >= 0 ? this.decoded?.byPath.get(this.order[cur]!) : undefined;
    switch (e.key) {
      case 'ArrowDown':
        this.select(this.order[Math.min(this.order.length - 1, cur + 1)]!, true);
        break;
      case 'ArrowUp':
        this.select(this.order[Math.max(0, cur - 1)]!, true);
        break;
      case 'ArrowRight':
        if (node?.node.children?.length) this.toggle(node.path, true);
        break;
      case 'ArrowLeft':
        if (node === undefined) break;
        if (node.node.children?.length && !this.closed.has(node.path)) this.toggle(node.path, false);
        else if (node.parent !== undefined) this.select(node.parent, true);
        break;
      case 'Enter':
      case ' ':
        if (node?.node.children?.length) this.toggle(node.path);
        break;
      default:
        return;
    }
    e.preventDefault();
  }

  private pathOf(target: EventTarget | null): string | undefined {
    if (!(target instanceof Element)) return undefined;
    const row = target.closest<HTMLElement>('[data-path]');
    return row?.dataset.path;
  }

  private selectInput(index: number): void {
    const ta = (this.input as unknown as { wrappedElement?: HTMLTextAreaElement }).wrappedElement;
    if (ta === undefined) return;
    ta.focus();
    ta.setSelectionRange(index, Math.min(ta.value.length, index + 1));
  }

  /** Copy as code is for a request that decodes cleanly (what a snippet can send); the tooltip says why not. */
  private showCodeButton(result: DecodeResult): void {
    const { pdu, problems } = result;
    const why =
      pdu.command === 'unknown'
        ? 'an unknown command_id'
        : isResponseId(pdu.command_id)
          ? `${pdu.command} is a response`
          : problems.length > 0
            ? `${pdu.command} does not decode cleanly`
            : pdu.command_length * 2 > MAX_ROW_HEX
              ? `${pdu.command} is longer than 64 KiB`
              : undefined;
    this.codeButton.hidden = false;
    this.codeButton.disabled = why !== undefined;
    this.codeButton.title =
      why === undefined
        ? `A snippet that binds with a client library and sends this ${pdu.command}: ${this.ctx.state().decodeConnection ? `as ${this.ctx.state().decodeConnection} binds` : 'to a placeholder SMSC (the PDU was pasted)'}; put on the clipboard`
        : `Copy as code sends a request that decodes cleanly: ${why}`;
  }

  private copyAsCode(): void {
    const d = this.decoded;
    if (d === undefined || this.codeButton.disabled) return;
    this.ctx.post({ type: 'copyAsCode', hex: toHex(d.bytes), connection: this.ctx.state().decodeConnection });
  }

  private openJson(): void {
    const d = this.decoded;
    if (d === undefined) return;
    const json = toJsonPdu(d.result.pdu);
    const problems = d.result.problems.map((p) => ({ offset: p.offset, field: p.field, message: p.message }));
    const content = JSON.stringify(problems.length ? { ...json, problems } : json, null, 2) + '\n';
    this.ctx.post({ type: 'openInEditor', content, language: 'json' });
  }
}

/** One reassembled message: how it travels, what is missing or twice, links to its parts' PDUs, its text. */
function reassemblyElement(m: SmsMessage): HTMLElement {
  const head = h('div', { class: 'rhead' });
  const words = [`Message in parts (${methodText(m)})`, `from ${m.from || '—'} to ${m.to || '—'}`, `${m.received} of ${m.total} parts`];
  head.append(words.join(' · '));
  const flag = (text: string): void => {
    head.append(' · ', h('span', { class: 'warn', text }));
  };
  if (m.missing.length > 0) flag(`missing part ${listNumbers(m.missing)}`);
  if (m.duplicates.length > 0) flag(`duplicate part ${listNumbers(m.duplicates)}`);
  if (m.outOfOrder.length > 0) flag(`out of order: part ${listNumbers(m.outOfOrder)}`);
  const links = h('div', { class: 'rparts' });
  for (const p of m.parts) {
    if (links.childElementCount > 0) links.append(' · ');
    const label = `part ${p.number}${p.duplicate ? ' (again)' : ''} = PDU ${p.recordId}`;
    links.append(h('a', { class: 'pdu', text: label, title: `Show PDU ${p.recordId} of the input`, testid: 'reassembly-part', attrs: { href: '#', 'data-pdu-index': String(p.recordId - 1) } }));
  }
  const problems = m.problems.map((p) => h('div', { class: 'msg error', text: p }));
  return h('div', { class: 'rmsg', testid: 'reassembled-message', attrs: { 'data-missing': m.missing.join(','), 'data-duplicates': m.duplicates.join(',') } }, head, links, ...problems, h('div', { class: 'rtext', testid: 'reassembled-text', text: m.text }));
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
