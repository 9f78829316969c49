// The sequence diagram's geometry: one arrow per PDU between the lifelines, time on the left, and
// a bracket joining each request to its response in a lane beside the side that answered (lanes
// are shared out per lifeline face so brackets never overlap). No DOM, so it is unit-tested.
//
// An ESME session's rows draw two lifelines, ESME and SMSC. As soon as one row carries a proxy
// leg the diagram has three: App, Proxy, SMSC. The proxy is drawn as a band with two faces, the
// one its applications talk to (app↔proxy arrows end there) and the one toward the SMSC
// (proxy↔smsc arrows start there); the brackets of the pairs the proxy answered sit inside the
// band, beside the face that answered, so no bracket crosses an arrow of the other leg. Pairs the
// application answered sit left of App, those the SMSC answered right of SMSC, as in the ESME
// diagram. A row without a leg among proxy rows (the same connection name used by a plain
// session) went straight from an ESME to the SMSC: it is drawn App ↔ SMSC across the band.

import type { CaptureRow } from '../src/shared/decoderMessages';
import { statusName } from '../src/smpp/tables/values';
import { directionText, expectsResponse, formatRtt, formatTime, isResponse } from './captureModel';

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
  /** A proxy row's tooltip: who sent it to whom (and the application's address). */
  title?: string;
}

export interface LadderLink {
  request: number;
  response: number;
  /** Where the bracket's vertical runs. */
  x: number;
  y1: number;
  y2: number;
  /** Which side of its lifeline (`edge`) the bracket sits on; its ends point back to it. */
  side: 'left' | 'right';
  /** The lifeline (or proxy face) of the side that answered, where the bracket's ends meet. */
  edge: number;
  color: number;
}

export type LifelineKey = 'esme' | 'app' | 'proxy' | 'smsc';

export interface LadderLifeline {
  key: LifelineKey;
  /** The head's text. */
  name: string;
  /** The head's centre. */
  x: number;
  /** The head's width. */
  headWidth: number;
  /** Where dashed lifelines run: one, or the proxy's two faces. */
  lines: number[];
}

export interface LadderLayout {
  width: number;
  height: number;
  /** The leftmost lifeline: the ESME, or the application in a proxy diagram. */
  esmeX: number;
  smscX: number;
  /** In a proxy diagram (some row has a leg): the proxy's centre and its two faces. */
  proxy?: { x: number; appSideX: number; smscSideX: number };
  /** Left to right: ESME, SMSC; or App, Proxy, SMSC. */
  lifelines: LadderLifeline[];
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
const HEAD_WIDTH = 80;
const LANE = 7;
const MAX_LANES = 8;
/** Room beside a lifeline for its brackets. */
const LANE_ROOM = MAX_LANES * LANE + 16;
/** The least room between two lifelines an arrow's label needs. */
const MIN_SPAN = 320;
const MIN_LEG_SPAN = 260;

/** A lifeline face where arrows end and brackets gather: its x and the way its lanes grow. */
interface Face {
  x: number;
  side: 'left' | 'right';
}

export function layoutLadder(rows: readonly CaptureRow[], options: LadderOptions): LadderLayout {
  const rowHeight = options.rowHeight ?? 30;
  const palette = Math.max(1, options.palette ?? 6);
  const proxied = rows.some((r) => r.leg !== undefined);
  const width = Math.max(options.width, proxied ? TIME_COLUMN + 4 * LANE_ROOM + 2 * MIN_LEG_SPAN : TIME_COLUMN + 2 * LANE_ROOM + MIN_SPAN);
  const esmeX = TIME_COLUMN + LANE_ROOM;
  const smscX = width - LANE_ROOM;
  const top = HEAD;
  const index = new Map<number, number>();
  rows.forEach((r, i) => index.set(r.id, i));

  // Brackets sit outside the outer lifelines; inside the proxy's band beside each face.
  const left: Face = { x: esmeX, side: 'left' };
  const right: Face = { x: smscX, side: 'right' };
  let proxy: LadderLayout['proxy'];
  let appFace = left;
  let smscFace = right;
  const lifelines: LadderLifeline[] = [];
  if (proxied) {
    const x = Math.round((esmeX + smscX) / 2);
    proxy = { x, appSideX: x - LANE_ROOM, smscSideX: x + LANE_ROOM };
    appFace = { x: proxy.appSideX, side: 'right' };
    smscFace = { x: proxy.smscSideX, side: 'left' };
    const direct = rows.some((r) => r.leg === undefined);
    lifelines.push(
      { key: 'app', name: direct ? 'App / ESME' : 'App', x: esmeX, headWidth: direct ? HEAD_WIDTH + 16 : HEAD_WIDTH, lines: [esmeX] },
      { key: 'proxy', name: 'Proxy', x, headWidth: 2 * LANE_ROOM, lines: [proxy.appSideX, proxy.smscSideX] },
      { key: 'smsc', name: 'SMSC', x: smscX, headWidth: HEAD_WIDTH, lines: [smscX] },
    );
  } else {
    lifelines.push({ key: 'esme', name: 'ESME', x: esmeX, headWidth: HEAD_WIDTH, lines: [esmeX] }, { key: 'smsc', name: 'SMSC', x: smscX, headWidth: HEAD_WIDTH, lines: [smscX] });
  }

  /** Sender and receiver of a row's PDU. */
  const ends = (row: CaptureRow): [Face, Face] => {
    const out = row.direction === 'out';
    switch (row.leg) {
      case 'app↔proxy':
        return out ? [left, appFace] : [appFace, left];
      case 'proxy↔smsc':
        return out ? [smscFace, right] : [right, smscFace];
      default:
        return out ? [left, right] : [right, left];
    }
  };

  const clientTag = clientTags(rows);
  const faces: Face[] = [];
  const arrows: LadderArrow[] = rows.map((row, i) => {
    const response = isResponse(row);
    const unanswered = !response && row.responseId === undefined && expectsResponse(row);
    let label = `${row.command} #${row.seq}`;
    if (response) {
      label += ` ${statusName(row.status)}`;
      if (row.request) label += ` · ${formatRtt(row.request.rtt)}`;
    } else if (unanswered) {
      label += ' · no response';
    }
    const tag = row.client === undefined ? undefined : clientTag.get(row.client);
    if (tag !== undefined) label += ` · ${tag}`;
    const [from, to] = ends(row);
    faces.push(to);
    const arrow: LadderArrow = {
      row,
      y: top + i * rowHeight + rowHeight / 2 + 6,
      fromX: from.x,
      toX: to.x,
      label,
      time: formatTime(row.timestamp),
      response,
      failed: response && row.status !== 0,
      unanswered,
    };
    if (row.leg !== undefined) arrow.title = `${directionText(row).title}: ${label}`;
    return arrow;
  });

  // Pair brackets, in lanes per face: the answering side is the one the request went to.
  const links: LadderLink[] = [];
  const laneEnds = new Map<Face, number[]>();
  let pairs = 0;
  arrows.forEach((a, i) => {
    if (a.response) return;
    const rid = a.row.responseId;
    const j = rid === undefined ? undefined : index.get(rid);
    if (j === undefined || j <= i) return;
    const face = faces[i]!;
    let ends = laneEnds.get(face);
    if (ends === undefined) laneEnds.set(face, (ends = []));
    let lane = ends.findIndex((end) => end < i);
    if (lane < 0) {
      if (ends.length < MAX_LANES) lane = ends.push(j) - 1;
      else lane = pairs % MAX_LANES;
    }
    ends[lane] = j;
    const color = pairs++ % palette;
    const x = face.side === 'right' ? face.x + 10 + lane * LANE : face.x - 10 - lane * LANE;
    links.push({ request: i, response: j, x, y1: a.y, y2: arrows[j]!.y, side: face.side, edge: face.x, color });
    a.partner = j;
    a.color = color;
    arrows[j]!.partner = i;
    arrows[j]!.color = color;
  });

  const bottom = top + rows.length * rowHeight + 12;
  return { width, height: bottom + 8, esmeX, smscX, ...(proxy ? { proxy } : {}), lifelines, headY: 8, top, bottom, arrows, links };
}

/**
 * When the rows hold more than one application, the tag that tells each apart on its arrows:
 * the port when every application has the same host, else the whole address. Empty otherwise.
 */
function clientTags(rows: readonly CaptureRow[]): Map<string, string> {
  const clients = new Set<string>();
  for (const r of rows) if (r.client !== undefined) clients.add(r.client);
  const tags = new Map<string, string>();
  if (clients.size < 2) return tags;
  const split = (c: string): [string, string] => {
    const at = c.lastIndexOf(':');
    return at <= 0 ? [c, ''] : [c.slice(0, at), c.slice(at)];
  };
  const hosts = new Set([...clients].map((c) => split(c)[0]));
  for (const c of clients) tags.set(c, hosts.size === 1 && split(c)[1] !== '' ? split(c)[1] : c);
  return tags;
}
