// Public surface of the built-in SMSC simulator.
export { SmscSimulator, type SmscOptions, type SmscAccount, type MoInput, type MoResult, type SmscMessageInfo } from './smsc';
export { SmscConnection, type RequestHandlers } from './connection';
export { type SmscFaults, type SmscFaultName, type ThrottleFault } from './faults';
export { MESSAGE_STATE } from './store';
export type {
  SmscEvents,
  SmscPduEvent,
  SmscBindEvent,
  SmscUnbindEvent,
  SmscDisconnectEvent,
  SmscReceiptEvent,
  SmscMoEvent,
  SmscFaultEvent,
  SmscWarningEvent,
  SmscListenAddress,
  SmscSessionState,
  SmscBindType,
  SmscDirection,
} from './events';
export { startSimulator, type EmbeddedSimulatorOptions, type RunningSimulator } from './embedded';
export { formatPduLine, attachLog } from './log';
