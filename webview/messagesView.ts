// The Messages tab: the capture read as messages, newest first. A row is one message: its state
// (DELIVRD, UNDELIV, ENROUTE, no receipt, submit failed: ESME_R…, no response; received for a
// mobile-originated one), connection, from → to, parts ("3/3", "2/3 missing 2"), its text
// reassembled, message_id, and the submit → response and submit → receipt times. Clicking a row
// opens it: its parts, each with its submit, response and receipts, every PDU a link that opens
// it in the Decoder tab. A filter (words: a state, a number such as +4479, text, a message_id)
// and the connection narrow the list; "Receipt ids" says how the SMSC writes ids in receipts
// (hex in the response and decimal in the receipt, or the other way round). A connection whose
// profile gives a messageIdFormat of hex or decimal starts with it: the select marks that option
// "(profile)" and its tooltip says so; a choice made here wins, and choosing the profile's
// option again goes back to it. An opened message lists its parts' and receipts' vendor TLVs by
// name, read with the connection file's dictionary.
// The list shows the newest MAX_ROWS matches; the count says how many there are.
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { VscodeSingleSelect } from '@vscode-elements/elements/dist/vscode-single-select/vscode-single-select.js';
import type { VscodeTextfield } from '@vscode-elements/elements/dist/vscode-textfield/vscode-textfield.js';
import type { CaptureRow, DecoderState, IdFormat } from '../src/shared/decoderMessages';
import { fromHex } from '../src/smpp/bytes';
import type { PartView, ReceiptView, SmsMessage } from '../src/smpp/messages/index';
import { oneLine } from '../src/smpp/summary';
import { statusName } from '../src/smpp/tables/values';
import type { CaptureModel } from './captureModel';
import { formatTime } from './captureModel';
import type { ConnectionProfiles } from './connectionProfiles';
import { vendorTlvs } from './connectionProfiles';
import { debounce, h, setOptions } from './dom';
import { chooseIdFormat, idFormatFor, idsText, listNumbers, MessagesModel, methodText, msText, partsText, stateClass, type MessagesSettings } from './messagesModel';

export interface MessagesContext {
  state(): DecoderState;
  update(patch: Partial<DecoderState>): void;
  /** Opens a capture row in the decoder tab. */
  decodeRow(row: CaptureRow): void;
  knownConnections(): readonly string[];
  /** The connections' profiles and vendor TLV dictionaries. */
  profiles(): ConnectionProfiles;
}

/** Rows drawn at most (the newest matches). */
const MAX_ROWS = 500;
const TEXT_CHARS = 60;

const ID_FORMAT_TITLE = 'How the SMSC writes message ids: receipts are matched to submit_sm_resp by them';

const ID_FORMAT_OPTIONS: readonly { value: IdFormat; label: string }[] = [
  { value: 'auto', label: 'auto (as written, then hex ↔ decimal)' },
  { value: 'as-is', label: 'as written' },
  { value: 'hex', label: 'hex in submit_sm_resp' },
  { value: 'decimal', label: 'decimal in submit_sm_resp' },
];

export class MessagesView {
  readonly element: HTMLElement;
  private readonly filterBox: VscodeTextfield;
  private readonly connectionSelect: VscodeSingleSelect;
  private readonly idFormatSelect: VscodeSingleSelect;
  private readonly countLabel: HTMLElement;
  private readonly list: HTMLElement;
  private readonly statusLine: HTMLElement;
  private readonly messages: MessagesModel;
  private readonly open = new Set<number>();
  private visible = false;
  /** The capture is read as messages only once the tab is first shown (a decode per row); from then on as rows come. */
  private built = false;
  private frame = 0;
  private note = '';
  private readonly refilterSoon = debounce(() => this.schedule(), 120);

  constructor(
    private readonly ctx: MessagesContext,
    private readonly capture: CaptureModel,
  ) {
    const s = ctx.state();
    this.messages = new MessagesModel(this.settings(), capture.capacity);
    this.filterBox = h('vscode-textfield', { testid: 'messages-filter', attrs: { 'aria-label': 'Filter the messages' } });
    this.filterBox.placeholder = 'Filter: state (UNDELIV), number (+4479), text, message_id…';
    this.filterBox.value = s.messageFilter;
    this.connectionSelect = h('vscode-single-select', { testid: 'messages-connection', attrs: { 'aria-label': 'Connection' } });
    this.idFormatSelect = h('vscode-single-select', { testid: 'messages-id-format', attrs: { 'aria-label': 'How receipts write message ids' } });
    this.countLabel = h('span', { class: 'muted', testid: 'messages-count' });
    const toolbar = h(
      'div',
      { class: 'toolbar' },
      this.filterBox,
      h('label', { text: 'Connection' }, this.connectionSelect),
      h('label', { text: 'Receipt ids', title: ID_FORMAT_TITLE }, this.idFormatSelect),
      h('span', { class: 'grow' }),
      this.countLabel,
    );
    const heads = ['State', 'Connection', 'From → to', 'Parts', 'Text', 'message_id', 'Submit → resp', 'Submit → receipt'].map((t, i) => h('span', { class: i >= 6 ? 'num' : '', text: t, attrs: { role: 'columnheader' } }));
    const head = h('div', { class: 'mrow head', attrs: { role: 'row' } }, ...heads);
    this.list = h('div', { class: 'mlist', testid: 'messages-list', attrs: { role: 'treegrid', tabindex: '0', 'aria-label': 'Messages' } });
    this.statusLine = h('div', { class: 'status-line', testid: 'messages-status' });
    this.element = h('div', { class: 'messages-view' }, toolbar, head, this.list, this.statusLine);

    this.filterBox.addEventListener('input', () => {
      this.ctx.update({ messageFilter: this.filterBox.value });
      this.refilterSoon();
    });
    this.connectionSelect.addEventListener('change', () => {
      if (this.connectionSelect.value === this.ctx.state().connection) return;
      this.ctx.update({ connection: this.connectionSelect.value });
      this.settingsChanged();
    });
    this.idFormatSelect.addEventListener('change', () => {
      const s = this.ctx.state();
      const f = this.idFormatSelect.value as IdFormat;
      const profiles = this.ctx.profiles().idFormats();
      if (idFormatFor(s.idFormats, s.connection, profiles) === f) return;
      this.ctx.update({ idFormats: chooseIdFormat(s.idFormats, s.connection, f, profiles) });
      this.settingsChanged();
    });
    this.list.addEventListener('click', (e) => this.click(e));
    this.list.addEventListener('keydown', (e) => {
      if (e.key !== 'Enter' && e.key !== ' ') return;
      const row = e.target instanceof Element ? e.target.closest<HTMLElement>('[data-key]') : null;
      if (row === null) return;
      e.preventDefault();
      this.toggle(Number(row.dataset.key));
    });
  }

  /** Whether the tab shows: the list is drawn only then. */
  setVisible(visible: boolean): void {
    this.visible = visible;
    if (!visible) return;
    if (!this.built) this.reload();
    this.schedule();
  }

  /** The capture was replaced or cleared: read it again. */
  reload(): void {
    if (!this.visible && !this.built) return;
    this.built = true;
    this.messages.reset(this.capture.all(), this.settings());
    this.schedule();
  }

  /** Rows added to the capture. */
  appended(rows: readonly CaptureRow[]): void {
    // Rows the capture already dropped for its capacity are not messages any more either, at the next reload.
    if (!this.built) return;
    this.messages.add(rows);
    this.schedule();
  }

  /** The state changed from outside (restore, another tab's connection, the DCS 0 alphabet, the connections' profiles). */
  restore(): void {
    const s = this.ctx.state();
    if (this.filterBox.value !== s.messageFilter) this.filterBox.value = s.messageFilter;
    this.settingsChanged();
  }

  private settings(): MessagesSettings {
    const s = this.ctx.state();
    return { dcs0: s.dcs0, idFormats: s.idFormats, profiles: this.ctx.profiles().idFormats() };
  }

  private settingsChanged(): void {
    if (this.messages.differs(this.settings())) this.reload();
    else this.schedule();
  }

  /** The receipt id options for the connection shown, the profile's marked, and the select's tooltip. */
  private idFormatOptions(connection: string): { options: { value: IdFormat; label: string }[]; title: string } {
    const s = this.ctx.state();
    const profile = connection === '' ? undefined : this.ctx.profiles().idFormats()[connection];
    const options = ID_FORMAT_OPTIONS.map((o) => (o.value === profile ? { value: o.value, label: `${o.label} (profile)` } : o));
    const chosen = Object.prototype.hasOwnProperty.call(s.idFormats, connection);
    let title = ID_FORMAT_TITLE;
    if (profile !== undefined) title += chosen ? `. Chosen here; ${connection}'s profile says ${profile} (choose it again to go back).` : `. From ${connection}'s profile (messageIdFormat ${profile}); a choice here wins.`;
    else if (connection === '') title += ". For every connection without a choice of its own or a profile's hex or decimal.";
    return { options, title };
  }

  private schedule(): void {
    if (!this.visible || this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  private render(): void {
    const s = this.ctx.state();
    const names = new Set([...this.ctx.knownConnections(), ...this.capture.connections()]);
    if (s.connection !== '') names.add(s.connection);
    setOptions(this.connectionSelect, [{ value: '', label: 'All connections' }, ...[...names].sort((a, b) => a.localeCompare(b)).map((n) => ({ value: n, label: n }))], s.connection);
    const ids = this.idFormatOptions(s.connection);
    setOptions(this.idFormatSelect, ids.options, idFormatFor(s.idFormats, s.connection, this.ctx.profiles().idFormats()));
    this.idFormatSelect.title = ids.title;

    const all = this.messages.messages().length;
    const matches = this.messages.filter(s.connection, s.messageFilter);
    const shown = matches.slice(-MAX_ROWS).reverse();
    const frag = document.createDocumentFragment();
    for (const m of shown) {
      frag.append(this.rowElement(m));
      if (this.open.has(m.key)) frag.append(this.detailsElement(m));
    }
    if (shown.length === 0) {
      frag.append(
        h('div', {
          class: 'empty',
          testid: 'messages-empty',
          text: all === 0 ? 'No messages captured yet. Submit a message (or receive one) on a bound connection; it shows here with its receipts.' : 'No message matches the filter.',
        }),
      );
    }
    this.list.replaceChildren(frag);
    const filtered = s.connection !== '' || s.messageFilter.trim() !== '';
    const noun = all === 1 ? 'message' : 'messages';
    this.countLabel.textContent = filtered ? `${matches.length.toLocaleString()} of ${all.toLocaleString()} ${noun}` : `${all.toLocaleString()} ${noun}`;
    const more = matches.length > shown.length ? `Showing the newest ${shown.length.toLocaleString()}; filter to narrow. ` : '';
    this.statusLine.textContent = this.note || `${more}Newest first. Click a message for its parts and receipts, and a PDU to decode it.`;
  }

  private rowElement(m: SmsMessage): HTMLElement {
    const open = this.open.has(m.key);
    const cls = stateClass(m.state);
    const dir = m.kind === 'mo' ? 'MO' : 'MT';
    const cells: [string, string, string?][] = [
      [`${open ? '▾' : '▸'} ${m.state}`, `state ${cls}`, m.orphan ? 'a receipt whose submit is not in the capture' : m.state],
      [m.connection, ''],
      [`${dir} ${m.from || '—'} → ${m.to || '—'}`, 'mono'],
      [partsText(m), m.missing.length > 0 || m.duplicates.length > 0 ? 'mono warn' : 'mono', methodText(m)],
      [oneLine(m.text, TEXT_CHARS), '', m.text],
      [idsText(m), 'mono', m.messageIds.join(', ')],
      [msText(m.submitToResponseMs), 'num'],
      [msText(m.submitToReceiptMs), 'num'],
    ];
    const row = h('div', {
      class: `mrow body${open ? ' open' : ''}`,
      testid: 'message-row',
      attrs: { role: 'row', tabindex: '0', 'aria-expanded': String(open), 'data-key': String(m.key), 'data-state': m.state, 'data-kind': m.kind, 'data-parts': `${m.received}/${m.total}` },
    });
    for (const [text, c, title] of cells) row.append(h('span', { class: c, text, ...(title === undefined ? {} : { title }), attrs: { role: 'gridcell' } }));
    return row;
  }

  private detailsElement(m: SmsMessage): HTMLElement {
    const lines: HTMLElement[] = [];
    const about = [`${m.kind === 'mo' ? 'Mobile-originated' : 'Submitted'} ${methodText(m)}`, `${m.total} ${m.total === 1 ? 'part' : 'parts'}`, `data_coding 0x${m.dataCoding.toString(16).padStart(2, '0')}`];
    if (m.missing.length > 0) about.push(`missing part ${listNumbers(m.missing)}`);
    if (m.duplicates.length > 0) about.push(`duplicate part ${listNumbers(m.duplicates)}`);
    if (m.outOfOrder.length > 0) about.push(`out of order: part ${listNumbers(m.outOfOrder)}`);
    lines.push(h('div', { class: 'about', text: about.join(' · ') }));
    for (const p of m.problems) lines.push(h('div', { class: 'msg error', text: p }));
    if (!m.orphan) lines.push(h('div', { class: 'fulltext', testid: 'message-text', text: m.text }));
    for (const p of m.parts) lines.push(this.partElement(m, p));
    return h('div', { class: 'mdetails', testid: 'message-details', attrs: { 'data-key': String(m.key) } }, ...lines);
  }

  private partElement(m: SmsMessage, p: PartView): HTMLElement {
    const label = m.orphan ? 'Receipt' : m.total === 1 ? 'PDU' : `Part ${p.number}/${m.total}${p.duplicate ? ' (duplicate)' : ''}`;
    const el = h('div', { class: `mpart${p.duplicate ? ' dup' : ''}`, testid: 'message-part', attrs: { 'data-part': String(p.number) } }, h('span', { class: 'plabel', text: label }));
    if (!m.orphan) {
      el.append(this.pduLink(p.recordId, `${p.command} #${p.sequence}`, formatTime(p.timestamp)));
      if (p.responseId !== undefined) {
        const status = p.status === undefined || p.status === 0 ? '' : ` ${statusName(p.status)}`;
        el.append(this.pduLink(p.responseId, `${p.command}_resp${status}`, p.responseAt === undefined ? '' : `${msText(p.responseAt - p.timestamp)} after`));
      }
      for (const t of this.vendorTlvsOf(p.recordId)) el.append(h('span', { class: 'mono tlv', text: t, testid: 'message-tlv' }));
      if (p.messageId !== undefined) el.append(h('span', { class: 'mono', text: `message_id ${p.messageId}` }));
      el.append(h('span', { class: `state ${stateClass(p.state)}`, text: p.state }));
    }
    for (const r of p.receipts) el.append(this.receiptLinks(r, p));
    if (!m.orphan && m.total > 1) el.append(h('span', { class: 'ptext', text: oneLine(p.text, 40), title: p.text }));
    return el;
  }

  private receiptLinks(r: ReceiptView, p: PartView): HTMLElement {
    const after = r.timestamp - p.timestamp;
    const words = [`receipt ${r.stat}${r.err === undefined ? '' : ` err ${r.err}`}`];
    const span = h('span', { class: 'receipt' }, this.pduLink(r.recordId, words.join(' '), `${r.final ? 'final' : 'intermediate'} · id ${r.id}${r.matchedAs ? ` (${r.matchedAs})` : ''}${after > 0 ? ` · ${msText(after)} after the submit` : ''}`));
    for (const t of this.vendorTlvsOf(r.recordId)) span.append(' ', h('span', { class: 'mono tlv', text: t, testid: 'message-tlv' }));
    if (r.responseId !== undefined) span.append(this.pduLink(r.responseId, 'answered', 'our response to the receipt'));
    return span;
  }

  /** The vendor TLVs of a captured PDU, read with its connection file's dictionary. */
  private vendorTlvsOf(id: number): string[] {
    const row = this.capture.get(id);
    const bytes = row === undefined ? undefined : fromHex(row.hex);
    return row === undefined || bytes === undefined ? [] : vendorTlvs(bytes, this.ctx.profiles().forConnection(row.connection).dictionary);
  }

  private pduLink(id: number, text: string, title: string): HTMLElement {
    return h('a', { class: 'pdu', text, title: title ? `${title} · capture #${id}: open in the decoder` : `capture #${id}: open in the decoder`, testid: 'message-pdu', attrs: { href: '#', 'data-pdu-id': String(id) } });
  }

  private click(e: MouseEvent): void {
    if (!(e.target instanceof Element)) return;
    const link = e.target.closest<HTMLElement>('[data-pdu-id]');
    if (link !== null) {
      e.preventDefault();
      const row = this.capture.get(Number(link.dataset.pduId));
      if (row === undefined) {
        this.note = `capture #${link.dataset.pduId} is no longer in the capture (it keeps the last ${this.capture.capacity.toLocaleString()} PDUs).`;
        this.schedule();
        return;
      }
      this.note = '';
      this.ctx.decodeRow(row);
      return;
    }
    const row = e.target.closest<HTMLElement>('.mrow.body[data-key]');
    if (row !== null) this.toggle(Number(row.dataset.key));
  }

  private toggle(key: number): void {
    if (!Number.isInteger(key)) return;
    if (this.open.has(key)) this.open.delete(key);
    else this.open.add(key);
    this.schedule();
  }
}
