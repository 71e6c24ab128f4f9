export type { HyperliquidSimulator, HyperliquidSimulatorOptions } from './hyperliquid-simulator';
export { startHyperliquidSimulator } from './hyperliquid-simulator';
