export type { NatsServerProcess } from './nats-server';
export { findNatsServer, NATS_SERVER_INSTALL_HINT, startNatsServer } from './nats-server';
