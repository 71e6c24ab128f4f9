import type { TSchema } from '@sinclair/typebox';
import { stringify } from 'yaml';
import { clientSchemas } from '../src/protocol/client-schemas';
import { LEGACY_SERVER_SCHEMAS, SERVER_SCHEMAS } from '../src/protocol/server-schemas';

/** Version of the wire protocol described (not the package version). */
export const PROTOCOL_VERSION = '1.0.0';

/** A schema as plain JSON (TypeBox's symbol keys dropped). */
function plain(schema: TSchema): Record<string, unknown> {
  return JSON.parse(JSON.stringify(schema)) as Record<string, unknown>;
}

function camel(name: string): string {
  return name.replace(/-(\w)/g, (_match, letter: string) => letter.toUpperCase());
}

/** Every published document: path under docs/ → text. Generated from the schemas the server validates with. */
export function protocolDocuments(): Record<string, string> {
  const client = clientSchemas();
  const server = { ...SERVER_SCHEMAS, ...LEGACY_SERVER_SCHEMAS };
  const files: Record<string, string> = {};
  for (const [direction, schemas] of [
    ['client', client],
    ['server', server],
  ] as const) {
    for (const [name, schema] of Object.entries(schemas)) {
      const document = { $schema: 'http://json-schema.org/draft-07/schema#', ...plain(schema) };
      files[`schemas/${direction}-${name}.json`] = `${JSON.stringify(document, null, 2)}\n`;
    }
  }
  const messages: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = {};
  const channelMessages: Record<string, unknown> = {};
  const refs = (names: string[]) => names.map((name) => ({ $ref: `#/channels/client/messages/${name}` }));
  const add = (name: string, schema: TSchema, summary: string): void => {
    schemas[name] = plain(schema);
    messages[name] = {
      name,
      title: String(schema.title ?? name),
      summary,
      contentType: 'application/json',
      payload: { $ref: `#/components/schemas/${name}` },
    };
    channelMessages[name] = { $ref: `#/components/messages/${name}` };
  };
  for (const [name, schema] of Object.entries(client))
    add(camel(name), schema, String(schema.description ?? ''));
  for (const [name, schema] of Object.entries(server)) {
    add(camel(`server-${name}`), schema, `Server → client: ${String(schema.title ?? name)}`);
  }
  const clientNames = Object.keys(client).map(camel);
  const serverNames = Object.keys(server).map((name) => camel(`server-${name}`));
  const asyncapi = {
    asyncapi: '3.0.0',
    info: {
      title: 'ohlcv-wss',
      version: PROTOCOL_VERSION,
      description:
        'WebSocket fan-out of normalized OHLCV candles. One JSON object per text frame. Generated from the ' +
        "server's validators (apps/wss/scripts/write-protocol-documents.ts); prose: docs/server-protocol.md.",
      license: { name: 'MIT' },
    },
    defaultContentType: 'application/json',
    servers: {
      local: {
        host: '127.0.0.1:8765',
        protocol: 'ws',
        description:
          'Default bind; with OHLCV_WSS_TOKEN send "Authorization: Bearer <token>" or ?token=<token>.',
      },
    },
    channels: {
      client: {
        address: '/',
        title: 'One client connection',
        description: 'Every message of a client connection, both directions.',
        messages: channelMessages,
      },
    },
    operations: {
      receiveClientMessages: {
        action: 'receive',
        title: 'Requests from a client',
        channel: { $ref: '#/channels/client' },
        messages: refs(clientNames),
      },
      sendServerMessages: {
        action: 'send',
        title: 'Replies, candles and stream events to a client',
        channel: { $ref: '#/channels/client' },
        messages: refs(serverNames),
      },
    },
    components: { messages, schemas },
  };
  files['asyncapi.yaml'] = stringify(asyncapi, { lineWidth: 0, aliasDuplicateObjects: false });
  return files;
}
