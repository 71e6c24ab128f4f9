export type { GateioSimulatorOptions } from './gateio-simulator';
export { startGateioSimulator } from './gateio-simulator';
