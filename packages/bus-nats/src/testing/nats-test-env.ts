import type { CandleBus } from '@ohlcv/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNatsBus, type NatsBusOptions } from '../nats-bus';
import {
  findNatsServer,
  NATS_SERVER_INSTALL_HINT,
  type NatsServerProcess,
  startNatsServer,
} from './nats-server';

/** What a bus test needs: a factory for fresh buses (each in its own namespace) and the server. */
export interface BusTestEnv {
  /** A new bus on its own connection; `namespace` picks a shared one (two writers, one stream). */
  makeBus(options?: NatsBusOptions): Promise<CandleBus>;
  /** A namespace no other test uses. */
  freshNamespace(): string;
  /**
   * Stops and restarts the server on the same port and store dir (running `between` while down);
   * `crash` kills it with SIGKILL instead of a clean shutdown.
   */
  restartServer(between?: () => Promise<void>, crash?: boolean): Promise<void>;
  readonly server: NatsServerProcess;
}

let namespaces = 0;

/**
 * `describe` against a real `nats-server -js` started for this file (own port, own store dir).
 * Without the binary: under CI=true the suite fails; otherwise it reports plainly that it could not
 * run and how to get the server.
 */
export function describeWithNatsServer(name: string, body: (env: BusTestEnv) => void): void {
  const binary = findNatsServer();
  if (!binary) {
    const why = `nats-server is not installed, so the NATS bus integration tests could not run: ${NATS_SERVER_INSTALL_HINT}`;
    describe(name, () => {
      if (process.env.CI === 'true') {
        it('needs nats-server (CI=true)', () => {
          throw new Error(why);
        });
      } else {
        it(`could not run: ${why}`, () => {
          console.warn(`[@ohlcv/bus-nats] ${why}`);
          expect(findNatsServer()).toBeUndefined();
        });
      }
    });
    return;
  }
  describe(name, () => {
    let server: NatsServerProcess | undefined;
    const buses: CandleBus[] = [];
    const env: BusTestEnv = {
      get server() {
        if (!server) throw new Error('nats-server not started yet');
        return server;
      },
      freshNamespace: () => `t${process.pid}x${++namespaces}`,
      makeBus: async (options = {}) => {
        const bus = await createNatsBus(env.server.url, { namespace: env.freshNamespace(), ...options });
        buses.push(bus);
        return bus;
      },
      restartServer: async (between, crash = false) => {
        await env.server.stop(crash ? 'SIGKILL' : 'SIGTERM');
        await between?.();
        await env.server.start();
      },
    };
    beforeAll(async () => {
      server = await startNatsServer(binary);
    }, 30_000);
    afterAll(async () => {
      await Promise.all(buses.map((bus) => bus.close().catch(() => undefined)));
      await server?.dispose();
    }, 30_000);
    body(env);
  });
}
