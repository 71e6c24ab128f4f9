export type { NatsBusOptions } from './nats-bus';
export { createNatsBus, DEFAULT_RETENTION } from './nats-bus';
export { decodeToken, encodeToken } from './subject-token';
