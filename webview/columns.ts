// The decoder's layout as plain data: the field table's column widths (Field and Value are
// resizable, Meaning takes the rest, Offset and Length are narrow fixed columns that always fit
// their numbers) and where the bytes pane goes for the width the tab has (beside the fields with
// 16 or 8 bytes a line, or under them). The user's widths are kept as set; what is shown is them
// fitted to the table's width, so a narrower window squeezes them without forgetting them. No
// DOM, so it is unit-tested.

/** The widths the user set by dragging a header's edge, in CSS pixels. */
export interface ColumnWidths {
  field: number;
  value: number;
}

export type ResizableColumn = keyof ColumnWidths;

/** Offset and Length: five digits of the monospace font and the cell's padding, right-aligned. */
export const OFFSET_WIDTH = 72;
export const LENGTH_WIDTH = 68;
export const MIN_FIELD = 120;
export const MIN_VALUE = 96;
/** What Meaning keeps at least before Field and Value are squeezed. */
export const MIN_MEANING = 140;
/** The widest a dragged column may be. */
export const MAX_COLUMN = 2000;
/** What a header edge moves by per arrow key. */
export const KEY_STEP = 16;

/** The table's narrowest width: below it the table scrolls sideways. */
export const MIN_TABLE = MIN_FIELD + MIN_VALUE + MIN_MEANING + OFFSET_WIDTH + LENGTH_WIDTH;

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, n));
}

/**
 * The widths for a table `available` pixels wide when the user set none: Field fits a friendly
 * name two levels deep, Value a 14-digit address in quotes; Meaning, the wordiest, gets the rest.
 */
export function defaultWidths(available: number): ColumnWidths {
  return { field: Math.round(clamp(available * 0.26, 210, 300)), value: Math.round(clamp(available * 0.2, 170, 400)) };
}

/**
 * The widths shown: the preferred ones (or the defaults) fitted into `available`. When Field,
 * Value, Meaning's minimum and the fixed columns do not fit, Value gives way first, then Field,
 * each down to its minimum; below MIN_TABLE the minimums stay and the table scrolls.
 */
export function fitWidths(preferred: ColumnWidths | undefined, available: number): ColumnWidths {
  const want = preferred ?? defaultWidths(available);
  let field = clamp(Math.round(want.field), MIN_FIELD, MAX_COLUMN);
  let value = clamp(Math.round(want.value), MIN_VALUE, MAX_COLUMN);
  const room = Math.max(0, available) - OFFSET_WIDTH - LENGTH_WIDTH - MIN_MEANING;
  let over = field + value - room;
  if (over > 0) {
    const v = Math.min(over, value - MIN_VALUE);
    value -= v;
    over -= v;
  }
  if (over > 0) field -= Math.min(over, field - MIN_FIELD);
  return { field, value };
}

/** `column` dragged by `dx` pixels from `start` (the widths shown when the drag began). */
export function resizeColumn(start: ColumnWidths, column: ResizableColumn, dx: number, available: number): ColumnWidths {
  const next = { ...start, [column]: Math.round(start[column] + dx) };
  // What the user asked for, kept within what the table can show now (so the edge follows the pointer).
  const max = Math.max(column === 'field' ? MIN_FIELD : MIN_VALUE, available - OFFSET_WIDTH - LENGTH_WIDTH - MIN_MEANING - (column === 'field' ? start.value : start.field));
  next[column] = clamp(next[column], column === 'field' ? MIN_FIELD : MIN_VALUE, Math.min(MAX_COLUMN, max));
  return next;
}

/** The CSS grid-template-columns of every row of the table. */
export function gridTemplate(w: ColumnWidths): string {
  return `${w.field}px ${w.value}px minmax(${MIN_MEANING}px, 1fr) ${OFFSET_WIDTH}px ${LENGTH_WIDTH}px`;
}

/** Where the bytes pane goes for a decoder tab `width` pixels wide. */
export interface PaneLayout {
  /** Under the field table (true) or beside it. */
  stacked: boolean;
  bytesPerRow: 8 | 16;
}

/** The field table keeps at least this much beside the bytes pane; otherwise the pane narrows, then moves under. */
export const FIELDS_BESIDE_HEX = 760;
/** The bytes pane's width, 16 and 8 bytes a line (offset, bytes, ASCII, padding), at the default 13 px monospace font. */
export const HEX_WIDTH_16 = 560;
export const HEX_WIDTH_8 = 320;

/**
 * Beside the fields with 16 bytes a line when both fit, with 8 a line when that lets the fields
 * keep their room, else under the fields with 16 a line (the full width is theirs there).
 * `charWidth` scales the pane's widths for another editor font size (1 = 13 px).
 */
export function paneLayout(width: number, charWidth = 1): PaneLayout {
  if (width >= FIELDS_BESIDE_HEX + HEX_WIDTH_16 * charWidth) return { stacked: false, bytesPerRow: 16 };
  if (width >= FIELDS_BESIDE_HEX + HEX_WIDTH_8 * charWidth) return { stacked: false, bytesPerRow: 8 };
  return { stacked: true, bytesPerRow: 16 };
}
