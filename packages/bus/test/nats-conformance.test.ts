import { createNatsBus } from '@ohlcv/bus-nats';
import {
  findNatsServer,
  NATS_SERVER_INSTALL_HINT,
  type NatsServerProcess,
  startNatsServer,
} from '@ohlcv/bus-nats/testing';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { describeBusConformance } from '../src/bus-conformance';

const binary = findNatsServer();
const unavailable =
  binary === undefined ? `nats-server is not installed: ${NATS_SERVER_INSTALL_HINT}` : undefined;
if (unavailable !== undefined && process.env.CI === 'true') throw new Error(`CI=true: ${unavailable}`);

if (binary !== undefined) {
  let server: NatsServerProcess;
  beforeAll(async () => {
    server = await startNatsServer(binary);
  });
  afterAll(async () => {
    await server?.dispose();
  });
  describeBusConformance('nats', {
    createBus: (options) => createNatsBus(server.url, options),
    // A server restart on the same store: every client connection drops, the data stays.
    interrupt: async () => {
      await server.stop();
      await server.start();
    },
    timeoutMs: 20_000,
  });
} else {
  describe('CandleBus conformance: nats', () => {
    it('could not run: needs a nats-server binary', (context) => {
      context.skip(unavailable);
    });
  });
}
