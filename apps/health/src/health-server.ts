import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHealthRoutes, type HealthRoutesOptions } from './health-routes';

export interface HealthServerOptions extends HealthRoutesOptions {
  /** @default '127.0.0.1' */
  host?: string;
  /** 0 picks a free port. */
  port: number;
}

export interface HealthServer {
  readonly server: Server;
  /** The bound port (useful with port 0). */
  readonly port: number;
  readonly host: string;
  close(): Promise<void>;
}

/** Starts an HTTP server answering `/health`, `/ready` and `/metrics` (404 for anything else). */
export async function startHealthServer(options: HealthServerOptions): Promise<HealthServer> {
  const routes = createHealthRoutes(options);
  const server = createServer((request, response) => {
    if (routes(request, response)) return;
    response.writeHead(404, { 'content-type': 'text/plain' });
    response.end(`not found: ${request.url ?? ''} (try /health, /ready or /metrics)\n`);
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    host,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
