// The load test panel's page: draws what the host sends (settings, a snapshot a second, throttling
// events, the final result and its summary) and sends back only Cancel and Save (Cancel also ends
// the wait for late receipts). It talks to the
// host only through the typed messages of src/shared/loadTestMessages.ts: it says `ready` once it
// listens, and drops (and reports) anything that fails the guard. Every text goes in through
// textContent; the chart is SVG drawn here from chart.ts's geometry, no charting library.
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import {
  MAX_THROTTLES,
  describeRejectedLoadMessage,
  isHostToLoadView,
  type HostToLoadView,
  type LoadPhase,
  type LoadSaveFormat,
  type LoadViewSettings,
  type LoadViewSnapshot,
  type LoadViewThrottle,
  type LoadViewToHost,
} from '../../src/shared/loadTestMessages';
import { h, svg } from '../dom';
import { pageApi } from '../vscodeApi';
import { RECEIPT_SERIES, SERIES, chartGeometry, type SeriesKey } from './chart';
import { formatCount, formatMs, formatSeconds, receiptsLine, runState, settingsLine, share, statusLine, windowNotice, type RunState } from './format';
import { adoptStyles } from './styles';

const { post, report } = pageApi<LoadViewToHost>((level, message) => ({ type: 'log', level, message }));

const MAX_REPORTS = 20;
const CHART_HEIGHT = 280;
const LEGEND: Record<SeriesKey, string> = { submitted: 'submitted / s', acknowledged: 'acknowledged / s', receipts: 'receipts / s', notDelivered: 'receipts not DELIVRD / s' };

interface Tile {
  root: HTMLElement;
  value: HTMLElement;
  sub: HTMLElement;
}

function tile(label: string, testid: string, title: string): Tile {
  const value = h('div', { class: 'value', testid, text: '–' });
  const sub = h('div', { class: 'sub' });
  const root = h('div', { class: 'tile', title }, h('div', { class: 'label', text: label }), value, sub);
  return { root, value, sub };
}

function button(text: string, testid: string, title: string, secondary: boolean): HTMLElement & { disabled: boolean } {
  return h('vscode-button', { text, testid, title, attrs: secondary ? { secondary: '' } : {} });
}

function legendSwatch(key: SeriesKey): SVGSVGElement {
  const s = svg('svg', { width: 28, height: 10, 'aria-hidden': 'true' });
  s.append(svg('line', { x1: 1, y1: 5, x2: 27, y2: 5, class: `series ${key}` }));
  return s;
}

class LoadPage {
  private settings: LoadViewSettings | undefined;
  private snapshot: LoadViewSnapshot | undefined;
  private final = false;
  private summary = '';
  private phase: LoadPhase = 'running';
  private phaseMessage = '';
  private throttles: LoadViewThrottle[] = [];
  private throttlesOmitted = 0;
  private cancelAsked = false;
  private nextRequest = 1;
  private pendingSave: number | undefined;
  private reports = 0;
  private drawQueued = false;

  private readonly title = h('h1', { text: 'Load test' });
  private readonly badge = h('vscode-badge', { testid: 'load-state', text: 'starting' });
  private readonly status = h('span', { class: 'status', testid: 'load-status', attrs: { role: 'status', 'aria-live': 'polite' }, text: 'starting' });
  private readonly cancelButton = button('Cancel', 'load-cancel', 'Stop submitting; the run ends once the submits in flight are answered', false);
  private readonly saveJson = button('Save JSON', 'load-save-json', 'Save the whole result as JSON', true);
  private readonly saveCsv = button('Save CSV', 'load-save-csv', 'Save the per-second series as CSV', true);
  private readonly saveStatus = h('span', { class: 'save-status', testid: 'load-save-status' });
  private readonly settingsText = h('div', { class: 'settings', testid: 'load-settings', text: 'Waiting for the run…' });
  private readonly notice = h('div', { class: 'notice', testid: 'load-window-note' });
  private readonly summaryText = h('pre', { class: 'summary', testid: 'load-summary' });
  private readonly tiles = {
    submitted: tile('submitted', 'load-total-submitted', 'submit_sm sent'),
    acknowledged: tile('acknowledged', 'load-total-acknowledged', 'submit_sm_resp with ESME_ROK'),
    failed: tile('failed', 'load-total-failed', 'submit_sm answered with an error status, timed out, or lost with the session'),
    receipts: tile('receipts', 'load-total-receipts', 'delivery receipts matched to a submit of this run'),
    throttled: tile('throttled', 'load-total-throttled', 'ESME_RTHROTTLED / ESME_RMSGQFUL answers; the session paused and sent again'),
    inFlight: tile('in flight', 'load-in-flight', 'submitted and not answered yet'),
    outstanding: tile('receipts outstanding', 'load-receipts-outstanding', 'acknowledged submits whose final receipt has not come'),
    rate: tile('achieved', 'load-rate', 'acknowledged messages per second, from the first submit to the last response'),
  };
  private readonly rtt = {
    p50: tile('p50', 'load-p50', 'round trip, median'),
    p90: tile('p90', 'load-p90', 'round trip, 90th percentile'),
    p99: tile('p99', 'load-p99', 'round trip, 99th percentile'),
    max: tile('max', 'load-max', 'the longest round trip'),
  };
  private readonly rttNote = h('div', { class: 'muted', testid: 'load-rtt-note' });
  private readonly receiptRtt = {
    p50: tile('p50', 'load-receipt-p50', 'submit → final receipt, median'),
    p90: tile('p90', 'load-receipt-p90', 'submit → final receipt, 90th percentile'),
    p99: tile('p99', 'load-receipt-p99', 'submit → final receipt, 99th percentile'),
    max: tile('max', 'load-receipt-max', 'the longest submit → final receipt'),
  };
  private readonly receiptNote = h('div', { class: 'muted', testid: 'load-receipt-note' });
  private readonly receiptSection: HTMLElement;
  private readonly statesBody = h('tbody');
  private readonly receiptsText = h('div', { class: 'muted receipts-line', testid: 'load-receipts-line' });
  private readonly chartBox: HTMLElement;
  private readonly chartTitle = h('h2', { text: 'Messages per second' });
  private readonly chart = svg('svg', { class: 'chart', role: 'img', 'data-testid': 'load-chart', 'aria-label': 'messages per second' });
  private readonly legendReceipts: HTMLElement[];
  private readonly errorsBody = h('tbody');
  private readonly throttlesBody = h('tbody');
  private readonly throttlesNote = h('div', { class: 'muted' });

  constructor(root: HTMLElement) {
    const legendItems = SERIES.map((s) => h('span', { class: 'item' }, legendSwatch(s.key), LEGEND[s.key]));
    this.legendReceipts = SERIES.flatMap((s, i) => (RECEIPT_SERIES.has(s.key) ? [legendItems[i]!] : []));
    const markerSwatch = svg('svg', { width: 12, height: 10, 'aria-hidden': 'true' });
    markerSwatch.append(svg('polygon', { points: '1,1 11,1 6,9', class: 'marker' }));
    const legend = h('div', { class: 'legend' }, ...legendItems, h('span', { class: 'item' }, markerSwatch, 'throttled'));
    this.chartBox = h('section', { class: 'chart-box' }, this.chartTitle, legend, this.chart, this.receiptsText);
    const statesTable = h(
      'table',
      { class: 'data', testid: 'load-receipt-states', attrs: { 'aria-label': 'Final receipts by state' } },
      h('thead', {}, h('tr', {}, h('th', { text: 'state' }), h('th', { class: 'num', text: 'count' }), h('th', { class: 'num', text: 'share' }))),
      this.statesBody,
    );
    this.receiptSection = h(
      'section',
      {},
      h('h2', { text: 'Submit → receipt' }),
      h('div', { class: 'rtt receipt-rtt' }, ...Object.values(this.receiptRtt).map((t) => t.root)),
      this.receiptNote,
      h('div', { class: 'scroll' }, statesTable),
    );

    const errorsTable = h(
      'table',
      { class: 'data', testid: 'load-errors', attrs: { 'aria-label': 'Errors by command_status' } },
      h('thead', {}, h('tr', {}, h('th', { text: 'command_status' }), h('th', { class: 'num', text: 'count' }), h('th', { class: 'num', text: 'share' }))),
      this.errorsBody,
    );
    const throttlesTable = h(
      'table',
      { class: 'data', testid: 'load-throttles', attrs: { 'aria-label': 'Throttling events' } },
      h('thead', {}, h('tr', {}, h('th', { text: 'time' }), h('th', { text: 'status' }), h('th', { class: 'num', text: 'pause' }))),
      this.throttlesBody,
    );
    this.notice.hidden = true;
    this.summaryText.hidden = true;
    this.saveJson.hidden = true;
    this.saveCsv.hidden = true;

    const page = h(
      'div',
      { class: 'page' },
      h('div', { class: 'head' }, this.title, this.badge, this.status, h('span', { class: 'grow' }), this.saveStatus, this.cancelButton, this.saveJson, this.saveCsv),
      this.settingsText,
      this.notice,
      this.summaryText,
      h('div', { class: 'tiles' }, ...Object.values(this.tiles).map((t) => t.root)),
      this.chartBox,
      h(
        'div',
        { class: 'columns' },
        h('section', {}, h('h2', { text: 'Round trip' }), h('div', { class: 'rtt' }, ...Object.values(this.rtt).map((t) => t.root)), this.rttNote),
        this.receiptSection,
        h('section', {}, h('h2', { text: 'Errors by command_status' }), h('div', { class: 'scroll' }, errorsTable)),
        h('section', {}, h('h2', { text: 'Throttling' }), h('div', { class: 'scroll' }, throttlesTable), this.throttlesNote),
      ),
    );
    root.replaceChildren(page);

    this.cancelButton.addEventListener('click', () => this.cancel());
    this.saveJson.addEventListener('click', () => this.save('json'));
    this.saveCsv.addEventListener('click', () => this.save('csv'));
    new ResizeObserver(() => this.queueDraw()).observe(this.chartBox);
    window.addEventListener('message', (e: MessageEvent<unknown>) => this.receive(e.data));
    window.addEventListener('error', (e) => this.report('error', `load test page: ${e.message} (${e.filename}:${e.lineno})`));
    window.addEventListener('unhandledrejection', (e) => this.report('error', `load test page: ${String(e.reason)}`));
    this.render();
    post({ type: 'ready' });
  }

  private report(level: 'warn' | 'error', message: string): void {
    if (this.reports++ < MAX_REPORTS) report(level, message);
  }

  private receive(data: unknown): void {
    if (!isHostToLoadView(data)) {
      this.report('warn', `load test page: ignored ${describeRejectedLoadMessage(data)}`);
      return;
    }
    this.handle(data);
  }

  private handle(m: HostToLoadView): void {
    switch (m.type) {
      case 'init':
        this.settings = m.settings;
        break;
      case 'phase':
        this.phase = m.phase;
        this.phaseMessage = m.message;
        break;
      case 'progress':
        // A late progress never replaces the final result.
        if (this.final) return;
        this.take(m.snapshot);
        break;
      case 'throttled':
        if (this.final) return;
        this.throttles.push(m.event);
        if (this.throttles.length > MAX_THROTTLES) {
          this.throttlesOmitted += this.throttles.length - MAX_THROTTLES;
          this.throttles.splice(0, this.throttles.length - MAX_THROTTLES);
        }
        break;
      case 'done':
        this.final = true;
        this.summary = m.summary;
        this.take(m.snapshot);
        break;
      case 'saveResult':
        if (m.requestId !== this.pendingSave) return;
        this.pendingSave = undefined;
        this.saveStatus.textContent = m.outcome === 'cancelled' ? '' : m.message;
        break;
    }
    this.render();
  }

  private take(s: LoadViewSnapshot): void {
    this.snapshot = s;
    this.throttles = s.throttles.slice();
    this.throttlesOmitted = s.throttlesOmitted;
  }

  private cancel(): void {
    if (this.final || this.cancelAsked || this.phase !== 'running') return;
    this.cancelAsked = true;
    post({ type: 'cancel' });
    this.render();
  }

  private save(format: LoadSaveFormat): void {
    if (!this.final || this.pendingSave !== undefined) return;
    this.pendingSave = this.nextRequest++;
    this.saveStatus.textContent = `Saving ${format.toUpperCase()}…`;
    post({ type: 'save', requestId: this.pendingSave, format });
    this.render();
  }

  private state(): RunState {
    const state = runState(this.snapshot, this.final, this.phase);
    return state === 'running' && this.cancelAsked ? 'cancelling' : state;
  }

  private render(): void {
    const s = this.snapshot;
    const settings = this.settings;
    const state = this.state();
    if (settings) {
      this.title.textContent = `Load test: ${settings.connection}`;
      document.title = this.title.textContent;
      this.settingsText.textContent = settingsLine(settings);
      const note = windowNotice(settings);
      this.notice.hidden = note === undefined;
      this.notice.textContent = note ?? '';
      for (const item of this.legendReceipts) item.hidden = !settings.receipts;
      this.receiptSection.hidden = !settings.receipts;
      this.receiptsText.hidden = !settings.receipts;
      this.tiles.outstanding.root.hidden = !settings.receipts;
    }
    this.badge.textContent = state;
    this.status.textContent = statusLine(state, s, this.phase === 'ended' || this.phase === 'unbinding' ? this.phaseMessage : '');
    this.status.className = `status state-${state}`;
    this.status.dataset.state = state;
    this.status.dataset.inFlight = String(s?.totals.inFlight ?? 0);
    this.status.dataset.phase = this.phase;

    this.cancelButton.hidden = this.final || this.phase === 'ended';
    this.cancelButton.disabled = this.cancelAsked || this.phase !== 'running';
    this.cancelButton.title = s?.receipts.waiting
      ? 'Stop waiting for late receipts; the ones not come count as outstanding'
      : 'Stop submitting; the run ends once the submits in flight are answered';
    this.saveJson.hidden = this.saveCsv.hidden = !this.final;
    this.saveJson.disabled = this.saveCsv.disabled = this.pendingSave !== undefined;

    this.summaryText.hidden = !this.final;
    this.summaryText.textContent = this.final ? this.summary.trimEnd() : '';
    this.summaryText.className = `summary state-${state}${s && s.totals.failed > 0 ? ' failed' : ''}`;

    if (s) {
      const t = s.totals;
      this.tiles.submitted.value.textContent = formatCount(t.submitted);
      this.tiles.submitted.sub.textContent = `of ${formatCount(t.requested)}`;
      this.tiles.acknowledged.value.textContent = formatCount(t.acknowledged);
      this.tiles.acknowledged.sub.textContent = share(t.acknowledged, t.submitted);
      this.tiles.failed.value.textContent = formatCount(t.failed);
      this.tiles.failed.sub.textContent = share(t.failed, t.submitted);
      this.tiles.failed.root.classList.toggle('bad', t.failed > 0);
      this.tiles.receipts.value.textContent = settings && !settings.receipts ? '–' : formatCount(t.receipts);
      this.tiles.receipts.sub.textContent = settings && !settings.receipts ? 'not asked' : share(t.receipts, t.acknowledged);
      this.tiles.throttled.value.textContent = formatCount(t.throttled);
      this.tiles.throttled.root.classList.toggle('warn', t.throttled > 0);
      this.tiles.inFlight.value.textContent = formatCount(t.inFlight);
      this.tiles.inFlight.sub.textContent = settings ? `window ${settings.window}` : '';
      this.tiles.rate.value.textContent = s.achievedRate.toFixed(1);
      this.tiles.rate.sub.textContent = 'msg/s';
      for (const k of ['p50', 'p90', 'p99', 'max'] as const) this.rtt[k].value.textContent = s.rtt.samples > 0 ? formatMs(s.rtt[k]) : '–';
      this.rttNote.textContent =
        s.rtt.samples > 0 ? `min ${formatMs(s.rtt.min)} · mean ${formatMs(s.rtt.mean)} · ${formatCount(s.rtt.samples)} responses` : 'no response yet';
      this.tiles.outstanding.value.textContent = formatCount(s.receipts.outstanding);
      this.tiles.outstanding.sub.textContent = s.receipts.waiting ? 'waiting for late ones' : share(s.receipts.outstanding, t.acknowledged);
      this.tiles.outstanding.root.classList.toggle('warn', !s.running && s.receipts.outstanding > 0);
      this.renderReceipts(s);
      this.renderErrors(s);
      // A value cut short by a narrow tile shows whole on hover.
      for (const t of [...Object.values(this.tiles), ...Object.values(this.rtt), ...Object.values(this.receiptRtt)]) t.value.title = t.value.textContent ?? '';
    }
    this.renderThrottles();
    this.queueDraw();
  }

  private renderReceipts(s: LoadViewSnapshot): void {
    const r = s.receipts;
    this.receiptsText.textContent = receiptsLine(r);
    for (const k of ['p50', 'p90', 'p99', 'max'] as const) this.receiptRtt[k].value.textContent = r.latency.samples > 0 ? formatMs(r.latency[k]) : '–';
    const leftOver = [`outstanding ${formatCount(r.outstanding)}`, `unmatched ${formatCount(r.unmatched)}`];
    if (r.notTracked > 0) leftOver.push(`not tracked ${formatCount(r.notTracked)}`);
    if (r.intermediate > 0) leftOver.push(`intermediate ${formatCount(r.intermediate)}`);
    this.receiptNote.textContent = `${r.latency.samples > 0 ? `min ${formatMs(r.latency.min)} · mean ${formatMs(r.latency.mean)} · ${formatCount(r.latency.samples)} receipts` : 'no receipt yet'} · ${leftOver.join(' · ')}`;
    if (r.states.length === 0) {
      this.statesBody.replaceChildren(h('tr', {}, h('td', { class: 'none', text: 'none', attrs: { colspan: '3' } })));
      return;
    }
    this.statesBody.replaceChildren(
      ...r.states.map((x) =>
        h(
          'tr',
          { attrs: { 'data-state': x.state } },
          h('td', { text: x.state, class: x.state === 'DELIVRD' ? '' : 'bad' }),
          h('td', { class: 'num', text: formatCount(x.count) }),
          h('td', { class: 'num', text: share(x.count, r.matched) }),
        ),
      ),
    );
  }

  private renderErrors(s: LoadViewSnapshot): void {
    if (s.errors.length === 0) {
      this.errorsBody.replaceChildren(h('tr', {}, h('td', { class: 'none', text: 'none', attrs: { colspan: '3' } })));
      return;
    }
    this.errorsBody.replaceChildren(
      ...s.errors.map((e) =>
        h('tr', { attrs: { 'data-status': e.status } }, h('td', { text: e.status }), h('td', { class: 'num', text: formatCount(e.count) }), h('td', { class: 'num', text: share(e.count, s.totals.submitted) })),
      ),
    );
  }

  private renderThrottles(): void {
    if (this.throttles.length === 0) {
      this.throttlesBody.replaceChildren(h('tr', {}, h('td', { class: 'none', text: 'none', attrs: { colspan: '3' } })));
    } else {
      // Newest first.
      this.throttlesBody.replaceChildren(
        ...this.throttles
          .slice()
          .reverse()
          .map((t) => h('tr', {}, h('td', { text: formatSeconds(t.at) }), h('td', { text: t.status }), h('td', { class: 'num', text: formatMs(t.delay) }))),
      );
    }
    const omitted = this.throttlesOmitted;
    this.throttlesNote.textContent = omitted > 0 ? `and ${formatCount(omitted)} earlier event${omitted === 1 ? '' : 's'}` : '';
  }

  private queueDraw(): void {
    if (this.drawQueued) return;
    this.drawQueued = true;
    requestAnimationFrame(() => {
      this.drawQueued = false;
      this.draw();
    });
  }

  private draw(): void {
    const width = Math.max(200, Math.floor(this.chart.getBoundingClientRect().width || this.chartBox.clientWidth - 20));
    const height = CHART_HEIGHT;
    const s = this.snapshot;
    const keys = SERIES.map((x) => x.key).filter((k) => !RECEIPT_SERIES.has(k) || this.settings?.receipts !== false);
    const g = chartGeometry({
      series: s?.series ?? [],
      bucketSeconds: s?.bucketSeconds ?? 1,
      throttles: this.throttles,
      durationMs: s?.durationMs ?? 0,
      keys,
      width,
      height,
    });
    this.chart.setAttribute('viewBox', `0 0 ${width} ${height}`);
    this.chart.setAttribute('preserveAspectRatio', 'xMinYMin meet');
    const p = g.plot;
    const bottom = p.top + p.height;
    const parts: SVGElement[] = [];
    for (const t of g.yTicks) {
      parts.push(svg('line', { class: 'grid', x1: p.left, x2: p.left + p.width, y1: t.at, y2: t.at }));
      parts.push(svg('text', { class: 'tick', x: p.left - 6, y: t.at + 4, 'text-anchor': 'end' }, t.label));
    }
    g.xTicks.forEach((t, i) => {
      parts.push(svg('line', { class: 'grid', x1: t.at, x2: t.at, y1: p.top, y2: bottom }));
      // The last label ends at its tick, so it stays inside the chart.
      const anchor = i === 0 ? 'start' : i === g.xTicks.length - 1 ? 'end' : 'middle';
      parts.push(svg('text', { class: 'tick', x: t.at, y: bottom + 16, 'text-anchor': anchor }, t.label));
    });
    parts.push(svg('line', { class: 'axis', x1: p.left, x2: p.left, y1: p.top, y2: bottom }));
    parts.push(svg('line', { class: 'axis', x1: p.left, x2: p.left + p.width, y1: bottom, y2: bottom }));
    if (s === undefined || s.series.length === 0) {
      parts.push(svg('text', { class: 'empty', x: p.left + p.width / 2, y: p.top + p.height / 2, 'text-anchor': 'middle' }, 'waiting for the first second…'));
    }
    for (const m of g.markers) {
      const marker = svg('g', { 'data-testid': 'load-throttle-marker' });
      marker.append(
        svg('line', { class: 'marker-line', x1: m.x, x2: m.x, y1: p.top, y2: bottom }),
        svg('polygon', { class: 'marker', points: `${m.x - 5},${p.top - 10} ${m.x + 5},${p.top - 10} ${m.x},${p.top - 2}` }),
        svg('title', {}, `${m.count} throttled at ${m.second} s`),
      );
      parts.push(marker);
    }
    for (const line of g.lines) {
      if (line.count === 0) continue;
      const el = svg('polyline', { class: `series ${line.key}`, points: line.points, 'data-series': line.key, 'data-points': line.count });
      el.append(svg('title', {}, `${LEGEND[line.key]}: up to ${line.max % 1 === 0 ? line.max : line.max.toFixed(1)}`));
      parts.push(el);
    }
    this.chartTitle.textContent = `Messages per second${s && s.bucketSeconds > 1 ? ` (each point: the average over ${s.bucketSeconds} s)` : ''}`;
    this.chart.replaceChildren(...parts);
    this.chart.dataset.points = String(g.lines.reduce((n, l) => n + l.count, 0));
  }
}

adoptStyles();
const root = document.getElementById('app') ?? document.body.appendChild(document.createElement('div'));
new LoadPage(root);
