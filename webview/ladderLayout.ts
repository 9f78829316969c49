// The sequence diagram's geometry: one arrow per PDU between the ESME and SMSC lifelines, time on
// the left, and a bracket joining each request to its response in a lane beside the side that
// answered (lanes are shared out so brackets never overlap). No DOM, so it is unit-tested.

import type { CaptureRow } from '../src/shared/decoderMessages';
import { statusName } from '../src/smpp/tables/values';
import { expectsResponse, formatRtt, formatTime, isResponse } from './captureModel';

export interface LadderArrow {
  row: CaptureRow;
  y: number;
  fromX: number;
  toX: number;
  label: string;
  time: string;
  response: boolean;
  /** A non-zero status on a response. */
  failed: boolean;
  /** A request that expects a response and has none. */
  unanswered: boolean;
  /** Index of the partner arrow in `arrows`, when both are in the diagram. */
  partner?: number;
  /** Palette slot of its pair (arrows with no partner in view have none). */
  color?: number;
}

export interface LadderLink {
  request: number;
  response: number;
  x: number;
  y1: number;
  y2: number;
  /** Which way the bracket's ends point: towards the lifeline it sits beside. */
  side: 'left' | 'right';
  color: number;
}

export interface LadderLayout {
  width: number;
  height: number;
  esmeX: number;
  smscX: number;
  /** Where the lifeline heads are drawn. */
  headY: number;
  /** Where the lifelines start and end. */
  top: number;
  bottom: number;
  arrows: LadderArrow[];
  links: LadderLink[];
}

export interface LadderOptions {
  width: number;
  rowHeight?: number;
  /** Colours the pair brackets cycle through. */
  palette?: number;
}

export const TIME_COLUMN = 100;
const HEAD = 44;
const LANE = 7;
const MAX_LANES = 8;

export function layoutLadder(rows: readonly CaptureRow[], options: LadderOptions): LadderLayout {
  const rowHeight = options.rowHeight ?? 30;
  const palette = Math.max(1, options.palette ?? 6);
  const laneRoom = MAX_LANES * LANE + 16;
  const width = Math.max(options.width, TIME_COLUMN + 2 * laneRoom + 320);
  const esmeX = TIME_COLUMN + laneRoom;
  const smscX = width - laneRoom;
  const top = HEAD;
  const index = new Map<number, number>();
  rows.forEach((r, i) => index.set(r.id, i));

  const arrows: LadderArrow[] = rows.map((row, i) => {
    const response = isResponse(row);
    const out = row.direction === 'out';
    const unanswered = !response && row.responseId === undefined && expectsResponse(row);
    let label = `${row.command} #${row.seq}`;
    if (response) {
      label += ` ${statusName(row.status)}`;
      if (row.request) label += ` · ${formatRtt(row.request.rtt)}`;
    } else if (unanswered) {
      label += ' · no response';
    }
    const arrow: LadderArrow = {
      row,
      y: top + i * rowHeight + rowHeight / 2 + 6,
      fromX: out ? esmeX : smscX,
      toX: out ? smscX : esmeX,
      label,
      time: formatTime(row.timestamp),
      response,
      failed: response && row.status !== 0,
      unanswered,
    };
    return arrow;
  });

  // Pair brackets, in lanes per side: the answering side is the one the request went to.
  const links: LadderLink[] = [];
  const laneEnds: Record<'left' | 'right', number[]> = { left: [], right: [] };
  let pairs = 0;
  arrows.forEach((a, i) => {
    if (a.response) return;
    const rid = a.row.responseId;
    const j = rid === undefined ? undefined : index.get(rid);
    if (j === undefined || j <= i) return;
    const side: 'left' | 'right' = a.row.direction === 'out' ? 'right' : 'left';
    const ends = laneEnds[side];
    let lane = ends.findIndex((end) => end < i);
    if (lane < 0) {
      if (ends.length < MAX_LANES) lane = ends.push(j) - 1;
      else lane = pairs % MAX_LANES;
    }
    ends[lane] = j;
    const color = pairs++ % palette;
    const x = side === 'right' ? smscX + 10 + lane * LANE : esmeX - 10 - lane * LANE;
    links.push({ request: i, response: j, x, y1: a.y, y2: arrows[j]!.y, side, color });
    a.partner = j;
    a.color = color;
    arrows[j]!.partner = i;
    arrows[j]!.color = color;
  });

  const bottom = top + rows.length * rowHeight + 12;
  return { width, height: bottom + 8, esmeX, smscX, headY: 8, top, bottom, arrows, links };
}
