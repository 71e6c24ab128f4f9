import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { externalTool } from './external-tool';

const here = fileURLToPath(new URL('.', import.meta.url));
const read = (path: string): string => readFileSync(new URL(path, import.meta.url), 'utf8');
const HEALTH_PORT = 8766;
const WS_PORT = 8765;

interface ComposeService {
  ports?: string[];
  healthcheck?: { test: string[] };
  environment?: Record<string, string>;
}

describe('compose files', () => {
  const files = readdirSync(here).filter((name) => /^compose(\..+)?\.ya?ml$/.test(name));

  it('exist, and the single-server one runs ohlcv-wss with a /health check on its ports', () => {
    expect(files).toContain('compose.yaml');
    const compose = parse(read('compose.yaml')) as { services: Record<string, ComposeService> };
    const wss = compose.services.wss!;
    expect(wss.ports).toEqual([`${WS_PORT}:${WS_PORT}`, `${HEALTH_PORT}:${HEALTH_PORT}`]);
    expect(wss.healthcheck?.test.join(' ')).toContain(`127.0.0.1:${HEALTH_PORT}/health`);
    expect(wss.environment?.OHLCV_WSS_TOKEN).toMatch(/^\$\{OHLCV_WSS_TOKEN:\?/);
  });

  const compose = externalTool('docker-compose', 'apt-get install -y docker-compose');
  it.runIf(compose).each(files)('%s parses with docker-compose config', (file) => {
    const env = { ...process.env, OHLCV_WSS_TOKEN: 'a-token-for-config-parsing-only' };
    const out = execFileSync('docker-compose', ['-f', file, 'config', '--quiet'], {
      cwd: here,
      env,
      encoding: 'utf8',
    });
    expect(out).toBe('');
  });

  it.runIf(compose)('compose.yaml refuses to start without a token', () => {
    const env = { ...process.env };
    delete env.OHLCV_WSS_TOKEN;
    expect(() =>
      execFileSync('docker-compose', ['-f', 'compose.yaml', 'config', '--quiet'], {
        cwd: here,
        env,
        stdio: 'pipe',
      }),
    ).toThrow(/OHLCV_WSS_TOKEN/);
  });
});

describe('Kubernetes manifests', () => {
  const docs = (file: string): unknown[] => parseAllDocuments(read(`k8s/${file}`)).map((doc) => doc.toJS());

  it('the Deployment validates against the Kubernetes schema, with /health liveness and /ready readiness', () => {
    const [raw] = docs('deployment.yaml');
    const deployment = new Deployment(raw as ConstructorParameters<typeof Deployment>[0]);
    expect(() => deployment.validate()).not.toThrow();
    const container = deployment.spec!.template.spec!.containers[0]!;
    const ports = Object.fromEntries((container.ports ?? []).map((port) => [port.name, port.containerPort]));
    expect(ports).toEqual({ ws: WS_PORT, health: HEALTH_PORT });
    expect(container.livenessProbe?.httpGet).toEqual({ path: '/health', port: 'health' });
    expect(container.readinessProbe?.httpGet).toEqual({ path: '/ready', port: 'health' });
    const env = Object.fromEntries((container.env ?? []).map((entry) => [entry.name, entry]));
    expect(env.OHLCV_WSS_HOST?.value).toBe('0.0.0.0');
    expect(env.OHLCV_HEALTH_PORT?.value).toBe(String(HEALTH_PORT));
    expect(env.OHLCV_WSS_TOKEN?.valueFrom?.secretKeyRef).toEqual({ name: 'ohlcv-wss', key: 'token' });
    expect(deployment.spec!.template.metadata?.annotations).toMatchObject({
      'prometheus.io/scrape': 'true',
      'prometheus.io/port': String(HEALTH_PORT),
      'prometheus.io/path': '/metrics',
    });
    expect(deployment.spec!.template.spec!.securityContext?.runAsNonRoot).toBe(true);
  });

  it('the Service exposes both ports to the pods of the Deployment', () => {
    const [raw] = docs('service.yaml');
    const service = new Service(raw as ConstructorParameters<typeof Service>[0]);
    expect(() => service.validate()).not.toThrow();
    expect(service.spec?.selector).toEqual({ 'app.kubernetes.io/name': 'ohlcv-wss' });
    expect(service.spec?.ports?.map((port) => [port.port, port.targetPort])).toEqual([
      [WS_PORT, 'ws'],
      [HEALTH_PORT, 'health'],
    ]);
  });

  it('the ServiceMonitor scrapes /metrics on the health port; the example Secret validates', () => {
    const [raw] = docs('servicemonitor.yaml');
    const monitor = new ServiceMonitor(raw as ConstructorParameters<typeof ServiceMonitor>[0]);
    expect(() => monitor.validate()).not.toThrow();
    expect(monitor.spec.endpoints?.[0]).toMatchObject({ port: 'health', path: '/metrics' });
    const [secret] = docs('secret.example.yaml');
    expect(() => new Secret(secret as ConstructorParameters<typeof Secret>[0]).validate()).not.toThrow();
  });

  it('a schema violation is caught (the validation is real)', () => {
    const [raw] = docs('deployment.yaml');
    const broken = structuredClone(raw) as { spec: { replicas: unknown } };
    broken.spec.replicas = 'one';
    expect(() => new Deployment(broken as ConstructorParameters<typeof Deployment>[0]).validate()).toThrow();
  });
});

describe('systemd unit', () => {
  it('runs the server as a dynamic user with the token from an environment file', () => {
    const unit = read('systemd/ohlcv-wss.service');
    expect(unit).toMatch(/^ExecStart=\/usr\/bin\/node \/opt\/ohlcv-wss\/dist\/cli\.js$/m);
    expect(unit).toMatch(/^DynamicUser=yes$/m);
    expect(unit).toMatch(/^EnvironmentFile=\/etc\/ohlcv\/ohlcv-wss\.env$/m);
    expect(unit).toMatch(/^KillSignal=SIGTERM$/m);
  });

  it.runIf(externalTool('systemd-analyze', 'apt-get install -y systemd'))(
    'passes systemd-analyze verify',
    () => {
      const out = execFileSync('systemd-analyze', ['verify', 'systemd/ohlcv-wss.service'], {
        cwd: here,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      expect(out.trim()).toBe('');
    },
  );
});

describe('Dockerfile', () => {
  const lines = read('../Dockerfile')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'));
  const stages = lines.filter((line) => line.startsWith('FROM '));
  const runtime = lines.slice(lines.indexOf(stages.at(-1)!));

  it('is multi-stage, and the runtime stage runs ohlcv-wss as a non-root user with a /health check', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(runtime).toContain('USER node');
    expect(runtime.find((line) => line.startsWith('HEALTHCHECK'))).toBeDefined();
    expect(runtime.join('\n')).toContain('/health');
    expect(runtime).toContain('ENTRYPOINT ["node", "/app/dist/cli.js"]');
    expect(runtime.find((line) => line.startsWith('EXPOSE'))).toBe(`EXPOSE ${WS_PORT} ${HEALTH_PORT}`);
  });
});
