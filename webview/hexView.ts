// The bytes pane: offset column, 16 bytes per row (8 when the decoder narrows it), ASCII column. Each byte is a span with
// `data-offset` (its ASCII twin has `data-ascii-offset`); highlighted bytes carry class `hl`,
// bytes a problem points at carry `bad`. Hover and click are reported by byte offset; the
// decoder view decides what they mean.
import { h } from './dom';


export class HexView {
  readonly element: HTMLElement;
  private readonly body: HTMLElement;
  private bytes: HTMLElement[] = [];
  private ascii: HTMLElement[] = [];
  private lines: HTMLElement[] = [];
  private lit: [number, number] = [0, 0];
  private hovered = -1;
  private perRow: 8 | 16 = 16;
  private data: Uint8Array = new Uint8Array(0);
  private bad: ReadonlySet<number> = new Set();

  constructor(
    private readonly onHover: (offset: number | undefined) => void,
    private readonly onPick: (offset: number) => void,
  ) {
    this.body = h('div', { class: 'hex', testid: 'hex-view', attrs: { role: 'grid', 'aria-label': 'PDU bytes' } });
    this.element = h('div', { class: 'hex-pane' }, this.body);
    this.body.addEventListener('mouseover', (e) => this.hoverAt(this.offsetOf(e.target)));
    this.body.addEventListener('mouseleave', () => this.hoverAt(undefined));
    this.body.addEventListener('click', (e) => {
      const o = this.offsetOf(e.target);
      if (o !== undefined) this.onPick(o);
    });
  }

  get size(): number {
    return this.bytes.length;
  }

  get bytesPerRow(): 8 | 16 {
    return this.perRow;
  }

  /** Lays the bytes out 8 or 16 a line, keeping the highlighted range. */
  setBytesPerRow(n: 8 | 16): void {
    if (n === this.perRow) return;
    this.perRow = n;
    this.body.classList.toggle('narrow', n === 8);
    const [o, l] = this.lit;
    this.show(this.data, this.bad);
    this.highlight(o, l);
  }

  show(data: Uint8Array, bad: ReadonlySet<number>): void {
    const perRow = this.perRow;
    this.data = data;
    this.bad = bad;
    const frag = document.createDocumentFragment();
    this.bytes = new Array<HTMLElement>(data.length);
    this.ascii = new Array<HTMLElement>(data.length);
    this.lines = [];
    this.lit = [0, 0];
    this.hovered = -1;
    for (let row = 0; row < data.length; row += perRow) {
      const hexPart = h('span', { class: 'bytes' });
      const asciiPart = h('span', { class: 'ascii' });
      for (let i = row; i < row + perRow; i++) {
        if (i === row + 8 && perRow > 8) hexPart.append(h('span', { class: 'gap' }));
        if (i >= data.length) {
          hexPart.append(h('span', { class: 'b', text: '  ' }));
          continue;
        }
        const v = data[i]!;
        const printable = v >= 0x20 && v < 0x7f;
        const b = h('span', { class: bad.has(i) ? 'b bad' : 'b', text: v.toString(16).padStart(2, '0'), attrs: { 'data-offset': String(i) } });
        const a = h('span', { class: (printable ? 'a printable' : 'a') + (bad.has(i) ? ' bad' : ''), text: printable ? String.fromCharCode(v) : '.', attrs: { 'data-ascii-offset': String(i) } });
        this.bytes[i] = b;
        this.ascii[i] = a;
        hexPart.append(b);
        asciiPart.append(a);
      }
      const line = h('div', { class: 'line', attrs: { role: 'row' } }, h('span', { class: 'off', text: row.toString(16).padStart(4, '0') }), hexPart, asciiPart);
      this.lines.push(line);
      frag.append(line);
    }
    this.body.replaceChildren(frag);
  }

  clear(): void {
    this.show(new Uint8Array(0), new Set());
  }

  /** Marks bytes [offset, offset + length) with `hl` (and clears the previous range). */
  highlight(offset: number, length: number): void {
    const [o0, l0] = this.lit;
    for (let i = o0; i < o0 + l0 && i < this.bytes.length; i++) {
      this.bytes[i]!.classList.remove('hl');
      this.ascii[i]!.classList.remove('hl');
    }
    const from = Math.max(0, offset);
    const to = Math.min(this.bytes.length, offset + Math.max(0, length));
    for (let i = from; i < to; i++) {
      this.bytes[i]!.classList.add('hl');
      this.ascii[i]!.classList.add('hl');
    }
    this.lit = [from, Math.max(0, to - from)];
  }

  /** Scrolls the first byte of a range into view. */
  reveal(offset: number): void {
    const line = this.lines[Math.floor(offset / this.perRow)];
    line?.scrollIntoView({ block: 'nearest' });
  }

  private hoverAt(offset: number | undefined): void {
    const o = offset ?? -1;
    if (o === this.hovered) return;
    if (this.hovered >= 0) {
      this.bytes[this.hovered]?.classList.remove('hover');
      this.ascii[this.hovered]?.classList.remove('hover');
    }
    this.hovered = o;
    if (o >= 0) {
      this.bytes[o]?.classList.add('hover');
      this.ascii[o]?.classList.add('hover');
    }
    this.onHover(offset);
  }

  private offsetOf(target: EventTarget | null): number | undefined {
    if (!(target instanceof HTMLElement)) return undefined;
    const raw = target.dataset.offset ?? target.dataset.asciiOffset;
    if (raw === undefined) return undefined;
    const n = Number(raw);
    return Number.isInteger(n) && n >= 0 && n < this.bytes.length ? n : undefined;
  }
}
