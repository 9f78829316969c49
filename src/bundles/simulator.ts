// dist/simulator.js: the built-in SMSC simulator, loaded when one first starts.
export { startSimulator } from '../smpp/simulator/embedded';
export { FAULT_CHOICES, describeFaults, faultValueInput, faultValueText, parseFaultValue, type FaultChoice } from '../smpp/simulator/faultText';
