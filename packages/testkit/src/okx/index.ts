export { DEFAULT_OKX_INSTRUMENTS, type OkxInstrument, type OkxInstType } from './okx-instruments';
export type { OkxRestLimits } from './okx-rest';
export { type OkxSimulatorOptions, startOkxSimulator } from './okx-simulator';
