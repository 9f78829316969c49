// Line and column of an offset in a text: the line starts are found in one pass over the text,
// then each position is a binary search, so a file with many problems costs no more than one scan.

export interface LineColumn {
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units from the start of the line (as editors count). */
  column: number;
}

export class LineIndex {
  /** Offset of the first character of each line. */
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  at(offset: number): LineColumn {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    // The last line whose start is at or before the offset.
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo] + 1 };
  }
}
