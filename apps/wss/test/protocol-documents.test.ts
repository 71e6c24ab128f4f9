import { readdirSync, readFileSync } from 'node:fs';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { protocolDocuments } from '../scripts/protocol-documents';
import { parseClientMessage } from '../src/protocol/client-messages';
import { clientSchemas } from '../src/protocol/client-schemas';
import { hostileInput } from './fuzz/hostile-inputs';
import { SeededRandom } from './fuzz/seeded-random';

const DOCS = new URL('../../../docs/', import.meta.url);

function parsed(path: string, text: string): unknown {
  return path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
}

describe('published protocol documents', () => {
  const generated = protocolDocuments();

  it('are up to date (regenerate with: pnpm --filter @ohlcv/wss protocol-docs)', () => {
    for (const [path, text] of Object.entries(generated)) {
      const current = readFileSync(new URL(path, DOCS), 'utf8');
      expect(parsed(path, current), `docs/${path} is stale`).toEqual(parsed(path, text));
    }
    const published = readdirSync(new URL('schemas/', DOCS)).map((name) => `schemas/${name}`);
    expect(published.sort()).toEqual(
      Object.keys(generated)
        .filter((path) => path.startsWith('schemas/'))
        .sort(),
    );
  });

  it('AsyncAPI 3: every reference resolves and every message is in an operation', () => {
    const document = parseYaml(generated['asyncapi.yaml'] as string) as Record<string, unknown>;
    expect(document.asyncapi).toBe('3.0.0');
    const resolve = (ref: string): unknown =>
      ref
        .slice(2)
        .split('/')
        .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], document);
    const refs: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (typeof node === 'object' && node !== null) {
        for (const [key, value] of Object.entries(node)) {
          if (key === '$ref') refs.push(String(value));
          else walk(value);
        }
      }
    };
    walk(document);
    for (const ref of refs) expect(resolve(ref), ref).toBeDefined();
    const operations = document.operations as Record<string, { messages: Array<{ $ref: string }> }>;
    const inOperations = Object.values(operations).flatMap((operation) =>
      operation.messages.map((message) => message.$ref.split('/').at(-1)),
    );
    const components = document.components as { messages: Record<string, unknown> };
    expect(inOperations.sort()).toEqual(Object.keys(components.messages).sort());
  });

  it('accept exactly what the server accepts (2,000 generated messages)', () => {
    const schemas = clientSchemas(1_000);
    const checks = {
      subscribe: TypeCompiler.Compile(schemas.subscribe!),
      unsubscribe: TypeCompiler.Compile(schemas.unsubscribe!),
      ping: TypeCompiler.Compile(schemas.ping!),
      legacy: TypeCompiler.Compile(schemas['legacy-subscribe']!),
    };
    const random = new SeededRandom(15);
    let compared = 0;
    for (let index = 0; index < 2_000; index += 1) {
      const input = hostileInput(random, 65_536);
      const frames =
        input.kind === 'frames' ? input.frames : input.kind === 'first-message' ? [input.frame] : [];
      for (const frame of frames) {
        let value: unknown;
        try {
          value = JSON.parse(frame);
        } catch {
          continue;
        }
        if (typeof value !== 'object' || value === null || Array.isArray(value)) continue;
        const op = (value as { op?: unknown }).op;
        const check =
          op === undefined
            ? checks.legacy
            : op === 'subscribe' || op === 'unsubscribe' || op === 'ping'
              ? checks[op]
              : undefined;
        if (check === undefined) continue;
        const accepted =
          parseClientMessage(frame, { acceptLegacy: true, maxHistory: 1_000 }).op !== 'invalid';
        expect(accepted, frame.slice(0, 200)).toBe(check.Check(value));
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(500);
  });
});
