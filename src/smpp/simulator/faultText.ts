// The simulator's faults in words: what each one does (for a pick list), the current value of
// each as people read it, and a value typed by a person read back (`2000`, `ESME_RBINDFAIL`,
// `50/s`). One row per fault; the host's "Simulator Faults…" quick pick and the tree's rows read
// this table. No `vscode` import.
import { STATUS, statusName } from '../tables/values';
import type { SmscFaultName, SmscFaults, ThrottleFault } from './faults';

export interface FaultChoice {
  name: SmscFaultName;
  label: string;
  detail: string;
  /** What to ask for when switched on (undefined: a plain on/off). */
  ask?: { prompt: string; placeholder: string; default: string };
}

export const FAULT_CHOICES: readonly FaultChoice[] = [
  {
    name: 'responseDelay',
    label: 'Delay every response',
    detail: 'binds, submits, enquire_link… are answered this many ms late',
    ask: { prompt: 'Delay every response by this many ms (clock time)', placeholder: '2000', default: '2000' },
  },
  { name: 'dropEnquireLinkResp', label: 'Leave enquire_link unanswered', detail: "the session's keepalive fails" },
  {
    name: 'rejectBind',
    label: 'Refuse binds',
    detail: 'every new bind is answered with this command_status',
    ask: { prompt: 'Refuse binds with this command_status: a name or a number', placeholder: 'ESME_RBINDFAIL', default: 'ESME_RBINDFAIL' },
  },
  {
    name: 'throttle',
    label: 'Throttle submits',
    detail: 'submits are answered with ESME_RTHROTTLED',
    ask: { prompt: '"all", "N/s" (submits beyond N in any second) or "every N" (every Nth submit)', placeholder: '10/s', default: 'all' },
  },
  { name: 'closeMidPdu', label: 'Once: cut the next PDU in half and close', detail: 'the next PDU the simulator sends is half written, then the connection closes' },
  {
    name: 'garbageLength',
    label: 'Once: send a bad command_length',
    detail: 'the next PDU the simulator sends carries this command_length',
    ask: { prompt: 'The command_length to send instead of the true one (0..4294967295)', placeholder: '4294967295', default: '4294967295' },
  },
];

/** `2000 ms`, `ESME_RBINDFAIL`, `beyond 10/s`: a fault's value for people; '' for an on/off fault. */
export function faultValueText(name: SmscFaultName, faults: SmscFaults): string {
  switch (name) {
    case 'responseDelay':
      return typeof faults.responseDelay === 'number' ? `${faults.responseDelay} ms` : faults.responseDelay ? 'per request' : '';
    case 'rejectBind':
      return faults.rejectBind === undefined ? '' : statusName(faults.rejectBind);
    case 'throttle':
      return faults.throttle === undefined ? '' : throttleText(faults.throttle);
    case 'garbageLength':
      return faults.garbageLength === undefined ? '' : `command_length ${faults.garbageLength}`;
    default:
      return '';
  }
}

/** The value to edit a fault from: its current one, else the default. */
export function faultValueInput(name: SmscFaultName, faults: SmscFaults): string {
  const choice = FAULT_CHOICES.find((c) => c.name === name);
  switch (name) {
    case 'responseDelay':
      return typeof faults.responseDelay === 'number' ? String(faults.responseDelay) : (choice?.ask?.default ?? '');
    case 'rejectBind':
      return faults.rejectBind === undefined ? (choice?.ask?.default ?? '') : statusName(faults.rejectBind);
    case 'throttle': {
      const t = faults.throttle;
      if (t === undefined) return choice?.ask?.default ?? '';
      return t === 'all' ? 'all' : 'perSecond' in t ? `${t.perSecond}/s` : `every ${t.everyNth}`;
    }
    case 'garbageLength':
      return faults.garbageLength === undefined ? (choice?.ask?.default ?? '') : String(faults.garbageLength);
    default:
      return '';
  }
}

/** The faults that are on, each as `label (value)`: for the tree's rows and the log. */
export function describeFaults(faults: SmscFaults): string[] {
  const out: string[] = [];
  for (const c of FAULT_CHOICES) {
    if (faults[c.name] === undefined) continue;
    const v = faultValueText(c.name, faults);
    out.push(v === '' ? c.name : `${c.name} ${v}`);
  }
  return out;
}

/** A value typed for a fault, read; or why it cannot be read. */
export function parseFaultValue(name: SmscFaultName, text: string): { value: SmscFaults[SmscFaultName] } | { error: string } {
  const t = text.trim();
  switch (name) {
    case 'responseDelay': {
      if (!/^\d+$/.test(t) || Number(t) > 3_600_000) return { error: 'a whole number of ms, 0..3600000' };
      return { value: Number(t) };
    }
    case 'rejectBind': {
      if (/^(0x[0-9a-f]+|\d+)$/i.test(t)) {
        const n = Number(t);
        if (n >= 1 && n <= 0xffffffff) return { value: n };
        return { error: 'a command_status other than 0 (ESME_ROK), up to 0xFFFFFFFF' };
      }
      const upper = t.toUpperCase();
      if (Object.hasOwn(STATUS, upper) && upper !== 'ESME_ROK') return { value: STATUS[upper as keyof typeof STATUS] };
      return { error: `a command_status name such as ESME_RBINDFAIL, or its number; ${JSON.stringify(t)} is neither` };
    }
    case 'throttle': {
      if (/^all$/i.test(t)) return { value: 'all' satisfies ThrottleFault };
      let m = /^(\d+)\s*\/\s*s$/i.exec(t);
      if (m && Number(m[1]) >= 1 && Number(m[1]) <= 100_000) return { value: { perSecond: Number(m[1]) } };
      m = /^every\s+(\d+)$/i.exec(t);
      if (m && Number(m[1]) >= 2 && Number(m[1]) <= 1_000_000) return { value: { everyNth: Number(m[1]) } };
      return { error: '"all", "N/s" with N 1..100000, or "every N" with N 2..1000000' };
    }
    case 'garbageLength': {
      if (!/^(0x[0-9a-f]+|\d+)$/i.test(t) || Number(t) > 0xffffffff) return { error: 'a number 0..4294967295 (or 0x0..0xFFFFFFFF)' };
      return { value: Number(t) };
    }
    default:
      return { value: true };
  }
}

function throttleText(t: ThrottleFault): string {
  if (t === 'all') return 'every submit';
  return 'perSecond' in t ? `beyond ${t.perSecond}/s` : `one submit in ${t.everyNth}`;
}
