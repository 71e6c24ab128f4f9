import { afterEach, describe, expect, it } from 'vitest';
import { startIdleTimeout, startServerPings } from './heartbeat';
import { SimServer } from './sim-server';
import { connectTestClient } from './test-client';
import { SimulatorClock } from './virtual-clock';

describe('heartbeat helpers', () => {
  let server: SimServer | undefined;
  afterEach(async () => {
    await server?.close();
  });

  it('pings, keeps a ponging client and drops one that does not pong', async () => {
    server = await SimServer.start({ clock: new SimulatorClock() });
    server.ws(
      () => true,
      (connection) => void startServerPings(connection, { intervalMs: 40, timeoutMs: 120 }),
    );
    const ponging = await connectTestClient(`${server.wsBase}/ws`);
    const silent = await connectTestClient(`${server.wsBase}/ws`, { autoPong: false });
    let pings = 0;
    silent.socket.on('ping', () => {
      pings += 1;
    });
    expect((await silent.closed).code).toBe(1006);
    expect(pings).toBeGreaterThan(0);
    expect(ponging.socket.readyState).toBe(ponging.socket.OPEN);
    ponging.close();
  });

  it('closes an idle client unless touched', async () => {
    server = await SimServer.start({ clock: new SimulatorClock() });
    server.ws(
      () => true,
      (connection) => {
        const idle = startIdleTimeout(connection, {
          timeoutMs: 150,
          onIdle: (target) => target.close(4004, 'idle'),
        });
        connection.socket.on('message', () => idle.touch());
      },
    );
    const client = await connectTestClient(`${server.wsBase}/ws`);
    const startedAt = Date.now();
    const keepAlive = setInterval(() => client.send('ping'), 30);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(client.socket.readyState).toBe(client.socket.OPEN);
    clearInterval(keepAlive);
    expect(await client.closed).toEqual({ code: 4004, reason: 'idle' });
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(300);
  });
});
