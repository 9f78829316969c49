// The decoder's layout at laptop width: the field table's column widths (fitted to the table,
// resized by a drag, kept in the state), where the bytes pane goes, and the field filter that
// finds a field by its friendly name, its spec name, its value or its meaning.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { coerceDecoderState, DEFAULT_STATE, isDecoderState, isFieldColumns, isWebviewToHost } from '../../../src/shared/decoderMessages';
import { decode, encode } from '../../../src/smpp/codec';
import {
  defaultWidths,
  fitWidths,
  gridTemplate,
  LENGTH_WIDTH,
  MIN_FIELD,
  MIN_MEANING,
  MIN_TABLE,
  MIN_VALUE,
  OFFSET_WIDTH,
  paneLayout,
  resizeColumn,
} from '../../../webview/columns';
import { filterFields, formatValue, indexFields } from '../../../webview/fieldRows';

/** Room left for Meaning in a table `available` wide. */
const meaningRoom = (w: { field: number; value: number }, available: number) => available - w.field - w.value - OFFSET_WIDTH - LENGTH_WIDTH;

describe('field table columns', () => {
  it('the table of a 1500 px window with the side bar open gives Value room for a 14-digit address and Meaning its minimum', () => {
    // 1500 px less the activity bar and a 300 px side bar, less an 8-bytes-a-line bytes pane.
    const available = 830;
    const w = fitWidths(undefined, available);
    assert.deepEqual(w, defaultWidths(available));
    // '"44770090012345"' is 16 characters of a 13 px monospace font (≈ 8 px each) and 16 px of padding.
    assert.ok(w.value >= 16 * 8 + 16, `value ${w.value}`);
    assert.ok(meaningRoom(w, available) >= MIN_MEANING, `meaning ${meaningRoom(w, available)}`);
  });

  it('the defaults grow with the table, up to a limit', () => {
    const narrow = defaultWidths(700);
    const wide = defaultWidths(3000);
    assert.ok(wide.field >= narrow.field && wide.value >= narrow.value);
    assert.deepEqual(defaultWidths(3000), defaultWidths(5000));
  });

  it('widths the user set are shown as set when they fit', () => {
    assert.deepEqual(fitWidths({ field: 300, value: 500 }, 1400), { field: 300, value: 500 });
  });

  it('a narrower table squeezes Value first, then Field, each to its minimum, and Meaning keeps its minimum', () => {
    const set = { field: 300, value: 500 };
    const a = fitWidths(set, 900);
    assert.equal(a.field, 300);
    assert.equal(meaningRoom(a, 900), MIN_MEANING);
    const b = fitWidths(set, 600);
    assert.equal(b.value, MIN_VALUE);
    assert.equal(meaningRoom(b, 600), MIN_MEANING);
    // Below the narrowest table the minimums stay (the table scrolls sideways).
    assert.deepEqual(fitWidths(set, 300), { field: MIN_FIELD, value: MIN_VALUE });
    assert.equal(MIN_TABLE, MIN_FIELD + MIN_VALUE + MIN_MEANING + OFFSET_WIDTH + LENGTH_WIDTH);
  });

  it('the preference is kept: fitted to a narrow table and back to a wide one, it shows as set again', () => {
    const set = { field: 320, value: 480 };
    fitWidths(set, 500);
    assert.deepEqual(fitWidths(set, 1600), set);
  });

  it('dragging an edge follows the pointer, never below the minimum nor past what leaves Meaning its minimum', () => {
    const start = { field: 200, value: 240 };
    assert.deepEqual(resizeColumn(start, 'field', 45, 1000), { field: 245, value: 240 });
    assert.deepEqual(resizeColumn(start, 'value', -30.4, 1000), { field: 200, value: 210 });
    assert.deepEqual(resizeColumn(start, 'field', -500, 1000), { field: MIN_FIELD, value: 240 });
    const far = resizeColumn(start, 'value', 5000, 1000);
    assert.equal(meaningRoom(far, 1000), MIN_MEANING);
  });

  it('Offset and Length are fixed columns wide enough for five digits and their header', () => {
    const t = gridTemplate({ field: 210, value: 250 });
    assert.equal(t, `210px 250px minmax(${MIN_MEANING}px, 1fr) ${OFFSET_WIDTH}px ${LENGTH_WIDTH}px`);
    // "Offset" in the 13 px UI font is about 45 px; five monospace digits 40 px; 16 px of padding.
    assert.ok(OFFSET_WIDTH >= 45 + 16 && LENGTH_WIDTH >= 45 + 16);
  });
});

describe('the bytes pane', () => {
  it('sits beside the fields with 16 bytes a line when the tab is wide', () => {
    assert.deepEqual(paneLayout(1600), { stacked: false, bytesPerRow: 16 });
  });

  it('narrows to 8 bytes a line at laptop width (1500 px with the side bar open)', () => {
    assert.deepEqual(paneLayout(1150), { stacked: false, bytesPerRow: 8 });
  });

  it('moves under the fields when even 8 a line would squeeze them', () => {
    assert.deepEqual(paneLayout(900), { stacked: true, bytesPerRow: 16 });
  });

  it('a larger editor font needs more room before the pane sits beside', () => {
    assert.deepEqual(paneLayout(1150, 1.5), { stacked: true, bytesPerRow: 16 });
  });
});

describe('the decoder state keeps the widths', () => {
  it('a state with widths passes the guard, and the page can send it to the host', () => {
    const state = { ...DEFAULT_STATE, fieldColumns: { field: 240, value: 300 } };
    assert.equal(isDecoderState(state), true);
    assert.equal(isWebviewToHost({ type: 'stateChanged', state }), true);
    assert.equal(isDecoderState({ ...DEFAULT_STATE }), true);
  });

  it('widths that are not two whole numbers of pixels in range are refused, and dropped when a state is made whole', () => {
    for (const bad of [{ field: 240 }, { field: 240, value: 1.5 }, { field: -1, value: 300 }, { field: 240, value: 1e9 }, { field: 240, value: 300, extra: 1 }, '240,300', null]) {
      assert.equal(isFieldColumns(bad), false, JSON.stringify(bad));
      assert.equal(isDecoderState({ ...DEFAULT_STATE, fieldColumns: bad }), false, JSON.stringify(bad));
      assert.equal(coerceDecoderState({ ...DEFAULT_STATE, hex: 'ab', fieldColumns: bad }).fieldColumns, undefined);
    }
    assert.deepEqual(coerceDecoderState({ hex: 'ab', fieldColumns: { field: 250, value: 320 } }).fieldColumns, { field: 250, value: 320 });
  });
});

const TEXT = 'Hello from the decoder at laptop width, sixty characters....';
const submit = encode({
  command: 'submit_sm',
  sequence_number: 7,
  body: { source_addr: 'Acme', dest_addr_ton: 1, dest_addr_npi: 1, destination_addr: '44770090012345', registered_delivery: 1, short_message: new TextEncoder().encode(TEXT) },
});
const index = indexFields(decode(submit, { fields: true }).fields!);
const pathOf = (name: string) => index.find((n) => n.node.name === name)!.path;

describe('the field filter', () => {
  it('finds a field by its spec name, the name the table shows only on hover', () => {
    const f = filterFields(index, 'destination_addr')!;
    assert.equal(f.hits, 1);
    assert.ok(f.show.has(pathOf('destination_addr')));
    // Its ancestors show, opened; nothing else does.
    for (const p of f.open) assert.ok(pathOf('destination_addr').startsWith(p + '.'));
    assert.ok(!f.show.has(pathOf('source_addr')));
  });

  it('finds by the friendly name, any case, and by value and meaning', () => {
    assert.ok(filterFields(index, 'DESTINATION ADDRESS')!.show.has(pathOf('destination_addr')));
    assert.ok(filterFields(index, '90012345')!.show.has(pathOf('destination_addr')));
    const intl = filterFields(index, 'international')!;
    assert.ok(intl.show.has(pathOf('dest_addr_ton')));
  });

  it('a hit shows what it holds', () => {
    const f = filterFields(index, 'short_message')!;
    for (const n of index) if (n.path.startsWith(pathOf('short_message') + '.')) assert.ok(f.show.has(n.path), n.node.name);
  });

  it('an empty filter shows everything; a filter nothing holds shows nothing', () => {
    assert.equal(filterFields(index, '  '), undefined);
    const none = filterFields(index, 'no such field')!;
    assert.equal(none.hits, 0);
    assert.equal(none.show.size, 0);
  });
});

describe('values are not cut', () => {
  it('a 160-character text and a 14-digit address show whole', () => {
    const long = 'x'.repeat(160);
    assert.equal(formatValue(long), JSON.stringify(long));
    assert.equal(formatValue('44770090012345'), '"44770090012345"');
  });
});
