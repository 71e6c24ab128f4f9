export type { BybitSimulatorOptions } from './bybit-simulator';
export { startBybitSimulator } from './bybit-simulator';
