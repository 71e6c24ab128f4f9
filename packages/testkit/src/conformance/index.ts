export { withStaleInstrument } from './adapter-spies';
export type { ConformanceOptions, ConformanceSimulatorOptions } from './conformance-suite';
export { runConformanceSuite } from './conformance-suite';
export { driveUntil, waitUntil } from './drive';
export { engineClockOf } from './engine-clock';
export { EventRecorder } from './event-recorder';
