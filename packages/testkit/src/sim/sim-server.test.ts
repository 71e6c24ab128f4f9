import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { SimServer } from './sim-server';
import { connectTestClient } from './test-client';
import { SimulatorClock } from './virtual-clock';

describe('SimServer', () => {
  let server: SimServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('serves REST JSON with the virtual Date header and counts requests by path', async () => {
    const clock = new SimulatorClock({ startTime: Date.UTC(2026, 0, 1) });
    server = await SimServer.start({ clock });
    server.rest('/hello', (request) => ({
      status: 200,
      body: { name: request.query.get('name') },
      headers: { 'X-Test': '1' },
    }));
    const response = await fetch(`${server.restBase}/hello?name=sim`);
    expect(response.status).toBe(200);
    expect(response.headers.get('date')).toBe('Thu, 01 Jan 2026 00:00:00 GMT');
    expect(response.headers.get('x-test')).toBe('1');
    expect(await response.json()).toEqual({ name: 'sim' });
    const missing = await fetch(`${server.restBase}/nope`);
    expect(missing.status).toBe(404);
    expect(server.restRequestCount('/hello')).toBe(1);
    expect(server.restRequestCount()).toBe(2);
  });

  it('routes WebSocket upgrades, tracks connections, refuses unknown paths', async () => {
    server = await SimServer.start({ clock: new SimulatorClock() });
    server.ws(
      (url) => url.pathname === '/echo',
      (connection) => connection.socket.on('message', (data) => connection.send(`echo:${data.toString()}`)),
    );
    const client = await connectTestClient(`${server.wsBase}/echo`);
    expect(server.connectionCount()).toBe(1);
    client.send('hi');
    expect(await client.next((frame) => frame.startsWith('echo:'))).toBe('echo:hi');
    await expect(connectTestClient(`${server.wsBase}/other`)).rejects.toThrow('404');
    client.close();
    await client.closed;
    await expect.poll(() => server?.connectionCount()).toBe(0);
  });

  it('close() terminates open sockets quickly', async () => {
    server = await SimServer.start({ clock: new SimulatorClock() });
    server.ws(
      () => true,
      () => undefined,
    );
    const client = await connectTestClient(`${server.wsBase}/any`);
    await server.close();
    server = undefined;
    expect((await client.closed).code).toBe(1006);
    expect(client.socket.readyState).toBe(WebSocket.CLOSED);
  });
});
