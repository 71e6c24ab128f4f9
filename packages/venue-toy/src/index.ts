export type { ToySimulatorOptions } from './sim/toy-simulator';
export { startToySimulator } from './sim/toy-simulator';
export { toy } from './toy-adapter';
