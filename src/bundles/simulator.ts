// dist/simulator.js: the built-in SMSC simulator, loaded when one first starts.
export { startSimulator } from '../smpp/simulator/embedded';
