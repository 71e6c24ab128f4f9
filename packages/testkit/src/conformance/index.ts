export { withStaleInstrument } from './adapter-spies';
export { applySchedule } from './chaos-apply';
export type { CheckWindow, StreamCheck, StreamFindings, TimedEvent } from './chaos-checker';
export { checkStream, describeFindings } from './chaos-checker';
export type { ChaosSettings, FaultKind } from './chaos-config';
export { chaosSettings, DEFAULT_FAULT_KINDS, FAULT_KINDS, replayCommand } from './chaos-config';
export type { ChaosReport, ChaosRunOptions, ChaosSimulatorOptions } from './chaos-run';
export { runChaos } from './chaos-run';
export type { FaultEvent, ScheduleOptions } from './chaos-schedule';
export { chaosSchedule, faultEnd } from './chaos-schedule';
export type { ChaosSuiteOptions } from './chaos-suite';
export { runChaosSuite, summaryLine } from './chaos-suite';
export type { ConformanceOptions, ConformanceSimulatorOptions } from './conformance-options';
export { runConformanceSuite } from './conformance-suite';
export { driveUntil, waitUntil } from './drive';
export { engineClockOf } from './engine-clock';
export { EventRecorder } from './event-recorder';
export type { FastPathDifferentialOptions } from './fast-path-check';
export {
  fastPathDisagreement,
  fastPathDisagreements,
  mutatedFrame,
  runFastPathDifferential,
  withCheckedFastPath,
} from './fast-path-check';
export type { Random } from './random-values';
export { randomDecimal, randomDigits, randomPick } from './random-values';
