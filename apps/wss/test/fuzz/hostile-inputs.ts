import type { SeededRandom } from './seeded-random';

/** One hostile input for the fuzzer to deliver. */
export type HostileInput =
  /** Text frames on a current-protocol connection; each must be answered (or the connection closed). */
  | { kind: 'frames'; label: string; frames: string[] }
  | { kind: 'binary'; label: string; data: Buffer }
  /** The first message of a fresh connection (legacy protocol variants). */
  | { kind: 'first-message'; label: string; frame: string }
  /** Connect, send, drop the TCP connection without a close frame. */
  | { kind: 'abrupt'; label: string; frame: string }
  /** Raw bytes on a fresh TCP connection to the WebSocket port. */
  | { kind: 'http'; label: string; data: Buffer }
  /** Headers a byte at a time, never finished. */
  | { kind: 'slowloris'; label: string };

const GOOD_STREAMS = ['binance:spot:BTCUSDT:1m', 'binance:spot:ETHUSDT:5m', 'binance:spot:SOLUSDT:1m'];
const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];

function nested(random: SeededRandom, levels: number): string {
  const open = random.chance(0.5) ? '[' : '{"a":';
  const close = open === '[' ? ']' : '}';
  return `${open.repeat(levels)}1${close.repeat(levels)}`;
}

function hugeNumber(random: SeededRandom): string {
  return random.pick([
    '1e308',
    '-1e308',
    '1e999',
    '-0',
    '123456789012345678901234567890',
    '0.000000000000000000000000001',
    String(Number.MAX_SAFE_INTEGER + 2),
    `${'9'.repeat(random.int(20, 400))}`,
  ]);
}

function anyValue(random: SeededRandom, depth = 0): string {
  const choices = [
    () => 'null',
    () => 'true',
    () => hugeNumber(random),
    () => String(random.int(-5, 5)),
    () => JSON.stringify(random.junkText(random.int(0, 40))),
    () => JSON.stringify('x'.repeat(random.int(100, 20_000))),
    () => nested(random, random.int(10, 20_000)),
    () => (depth > 2 ? '[]' : `[${anyValue(random, depth + 1)},${anyValue(random, depth + 1)}]`),
    () => (depth > 2 ? '{}' : `{"${random.pick(PROTOTYPE_NAMES)}":${anyValue(random, depth + 1)}}`),
    () => JSON.stringify(random.pick(PROTOTYPE_NAMES)),
  ];
  return random.pick(choices)();
}

function junkStream(random: SeededRandom): string {
  const part = (): string =>
    random.pick([
      random.pick(PROTOTYPE_NAMES),
      random.junkText(random.int(0, 6)),
      '',
      'binance',
      'spot',
      '1m',
      'BTCUSDT',
      'x'.repeat(random.int(200, 3_000)),
      'NOPE',
    ]);
  return random.pick([
    () => JSON.stringify(`${part()}:${part()}:${part()}:${part()}`),
    () => JSON.stringify(`binance:spot:${part()}:1m`),
    () => JSON.stringify(`binance:${part()}:BTCUSDT:1m`),
    () => JSON.stringify(`${part()}`),
    () => `{"exchange":${anyValue(random)},"market":"spot","symbol":"BTCUSDT","interval":"1m"}`,
    () =>
      `{"exchange":"binance","market":${JSON.stringify(random.pick(PROTOTYPE_NAMES))},"symbol":"BTCUSDT","interval":"1m"}`,
    () =>
      `{"exchange":"binance","market":"spot","symbol":${JSON.stringify(part())},"interval":${JSON.stringify(part())}}`,
    () => anyValue(random),
  ])();
}

function currentMessage(random: SeededRandom): string {
  const id = random.chance(0.7) ? JSON.stringify(`i${random.int(0, 1e6)}`) : anyValue(random);
  const streams = Array.from({ length: random.int(0, 4) }, () =>
    random.chance(0.3) ? JSON.stringify(random.pick(GOOD_STREAMS)) : junkStream(random),
  );
  const op = random.chance(0.8)
    ? JSON.stringify(random.pick(['subscribe', 'unsubscribe', 'ping']))
    : random.chance(0.5)
      ? JSON.stringify(random.junkText(random.int(1, 12)))
      : anyValue(random);
  const fields = [`"op":${op}`, `"id":${id}`, `"streams":[${streams.join(',')}]`];
  if (random.chance(0.4))
    fields.push(`"history":${random.chance(0.5) ? String(random.int(-2, 5)) : anyValue(random)}`);
  if (random.chance(0.2)) fields.push(`"${random.pick(PROTOTYPE_NAMES)}":${anyValue(random)}`);
  if (random.chance(0.1)) fields.push(`"streams":${anyValue(random)}`);
  return `{${fields.join(',')}}`;
}

function invalidJson(random: SeededRandom): string {
  const valid = currentMessage(random);
  return random.pick([
    () => valid.slice(0, random.int(0, Math.max(0, valid.length - 1))),
    () => random.junkText(random.int(1, 200)),
    () => '',
    () => ' ',
    () => `${valid}${valid}`,
    () => `{"op":"ping",}`,
    () => `{'op':'ping'}`,
    () => '\u0000'.repeat(random.int(1, 100)),
    () => `"${'\\u'.repeat(random.int(1, 50))}"`,
    () => anyValue(random),
  ])();
}

function legacyMessage(random: SeededRandom): string {
  const symbols = random.chance(0.5)
    ? JSON.stringify(random.pick([['BTCUSDT'], ['BTCUSDT', 'ETHUSDT'], ['NOPE'], ['btc/usdt']]))
    : random.chance(0.5)
      ? `[${anyValue(random)}]`
      : anyValue(random);
  const contract = random.chance(0.6)
    ? JSON.stringify(random.pick(['spot', 'um', 'usdm', 'swap', ...PROTOTYPE_NAMES]))
    : anyValue(random);
  const limit = random.chance(0.6) ? String(random.int(-1, 3)) : anyValue(random);
  const exchange = random.chance(0.7)
    ? JSON.stringify(random.pick(['binance', 'BINANCE', '__proto__', 'nope']))
    : anyValue(random);
  return `{"exchange":${exchange},"contract_type":${contract},"symbols":${symbols},"limit":${limit}}`;
}

function httpGarbage(random: SeededRandom): Buffer {
  const key = Buffer.from(random.junkText(8)).toString('base64');
  return random.pick([
    () => random.bytes(random.int(1, 4_000)),
    () => Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n'),
    () =>
      Buffer.from(
        `GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 12\r\nSec-WebSocket-Key: ${key}\r\n\r\n`,
      ),
    () =>
      Buffer.from(
        'GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: !!\r\n\r\n',
      ),
    () => Buffer.from(`GET /${'a'.repeat(random.int(10_000, 100_000))} HTTP/1.1\r\nHost: x\r\n\r\n`),
    () => Buffer.from(`POST /metrics HTTP/1.1\r\nContent-Length: 99999999\r\n\r\n${'x'.repeat(100)}`),
    () => Buffer.from(`GET /health HTTP/1.1\r\n${'X-A: b\r\n'.repeat(random.int(100, 3_000))}\r\n`),
    () => Buffer.from('\r\n\r\n\r\n'),
  ])();
}

/** The next hostile input. */
export function hostileInput(random: SeededRandom, maxMessageBytes: number): HostileInput {
  const roll = random.next();
  if (roll < 0.3) return { kind: 'frames', label: 'message', frames: [currentMessage(random)] };
  if (roll < 0.45) return { kind: 'frames', label: 'invalid json', frames: [invalidJson(random)] };
  if (roll < 0.55) {
    const field = random.pick(['streams', 'id', 'op', 'history']);
    const levels = random.int(1_000, Math.floor(maxMessageBytes / 2) - 50);
    const value = field === 'streams' ? `[${nested(random, levels)}]` : nested(random, levels);
    const base: Record<string, string> = { op: '"subscribe"', streams: '["binance:spot:BTCUSDT:1m"]' };
    base[field] = value;
    const body = Object.entries(base).map(([key, text]) => `"${key}":${text}`);
    return { kind: 'frames', label: `deep ${field}`, frames: [`{${body.join(',')}}`] };
  }
  if (roll < 0.63) {
    const frames: string[] = [];
    for (let index = random.int(10, 60); index > 0; index -= 1) {
      const op = random.chance(0.5) ? 'subscribe' : 'unsubscribe';
      const history = op === 'subscribe' && random.chance(0.2) ? `,"history":${random.int(1, 5)}` : '';
      frames.push(`{"op":"${op}","id":${index},"streams":["${random.pick(GOOD_STREAMS)}"]${history}}`);
    }
    return { kind: 'frames', label: 'storm', frames };
  }
  if (roll < 0.68) {
    const size = random.pick([maxMessageBytes + 1, maxMessageBytes * 2, maxMessageBytes * 4 + 100]);
    return { kind: 'frames', label: `giant ${size}`, frames: [`{"op":"ping","pad":"${'x'.repeat(size)}"}`] };
  }
  if (roll < 0.72) return { kind: 'binary', label: 'binary', data: random.bytes(random.int(0, 2_000)) };
  if (roll < 0.82) return { kind: 'first-message', label: 'legacy', frame: legacyMessage(random) };
  if (roll < 0.88) return { kind: 'abrupt', label: 'abrupt disconnect', frame: currentMessage(random) };
  if (roll < 0.97) return { kind: 'http', label: 'http garbage', data: httpGarbage(random) };
  return { kind: 'slowloris', label: 'slowloris' };
}
