export type { ToySimulatorOptions } from './sim/toy-simulator';
export { startToySimulator } from './sim/toy-simulator';
export { toy } from './toy-adapter';
export { parseToyFrame, toyRequestFrame } from './toy-frames';
export { TOY_HISTORY_DEPTH, TOY_INTERVALS, TOY_SPOT, toyPingFrame } from './toy-market-spec';
