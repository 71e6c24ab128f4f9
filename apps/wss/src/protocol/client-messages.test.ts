import { describe, expect, it } from 'vitest';
import { parseClientMessage } from './client-messages';

const options = { acceptLegacy: true, maxHistory: 100 };

describe('parseClientMessage', () => {
  it('parses subscribe with string and object streams, unsubscribe and ping', () => {
    expect(
      parseClientMessage(
        '{"op":"subscribe","id":"1","streams":["binance:spot:BTCUSDT:1m",{"exchange":"okx","market":"swap","symbol":"BTC-USDT-SWAP","interval":"5m"}],"history":10}',
        options,
      ),
    ).toEqual({
      op: 'subscribe',
      id: '1',
      streams: [
        'binance:spot:BTCUSDT:1m',
        { exchange: 'okx', market: 'swap', symbol: 'BTC-USDT-SWAP', interval: '5m' },
      ],
      history: 10,
      batchMs: undefined,
    });
    expect(parseClientMessage('{"op":"unsubscribe","id":2,"streams":["a:b:c:d"]}', options)).toEqual({
      op: 'unsubscribe',
      id: 2,
      streams: ['a:b:c:d'],
    });
    expect(parseClientMessage('{"op":"ping"}', options)).toEqual({ op: 'ping', id: undefined });
  });

  it('takes an opt-in batching window of 0 (off) to 1000 ms and names a bad one', () => {
    for (const batchMs of [0, 1, 20, 1_000]) {
      expect(
        parseClientMessage(`{"op":"subscribe","streams":["a:b:c:d"],"batchMs":${batchMs}}`, options),
      ).toMatchObject({ op: 'subscribe', batchMs });
    }
    for (const bad of ['-1', '1001', '2.5', '"20"', 'null']) {
      expect(
        parseClientMessage(`{"op":"subscribe","id":7,"streams":["a:b:c:d"],"batchMs":${bad}}`, options),
      ).toEqual({
        op: 'invalid',
        id: 7,
        code: 'invalid_message',
        message: `"batchMs" must be an integer from 0 (off) to 1000 ms, got ${bad}`,
      });
    }
  });

  it('recognizes the older connector message only where allowed', () => {
    const legacy = '{"exchange":"binance","contract_type":"um","symbols":["BTCUSDT"],"limit":5}';
    expect(parseClientMessage(legacy, options)).toEqual({
      op: 'legacy',
      exchange: 'binance',
      contractType: 'um',
      symbols: ['BTCUSDT'],
      limit: 5,
    });
    expect(parseClientMessage(legacy, { ...options, acceptLegacy: false })).toMatchObject({
      op: 'invalid',
      code: 'invalid_message',
    });
    expect(
      parseClientMessage('{"exchange":"binance","contract_type":"spot","symbols":[],"limit":0}', options),
    ).toMatchObject({
      op: 'invalid',
      message: expect.stringContaining('"symbols"'),
    });
  });

  it('names what is wrong', () => {
    expect(parseClientMessage('nope', options)).toMatchObject({
      code: 'invalid_json',
      message: expect.stringContaining('nope'),
    });
    expect(parseClientMessage('[1]', options)).toMatchObject({ code: 'invalid_message' });
    expect(parseClientMessage('{"op":"jump","id":"x"}', options)).toMatchObject({
      code: 'unknown_op',
      id: 'x',
    });
    expect(parseClientMessage('{"op":"subscribe","streams":[]}', options)).toMatchObject({
      code: 'invalid_message',
    });
    expect(parseClientMessage('{"op":"subscribe","streams":[42]}', options)).toMatchObject({
      code: 'invalid_message',
      message: expect.stringContaining('streams[0] = 42'),
    });
    expect(parseClientMessage('{"op":"subscribe","streams":["a"],"history":101}', options)).toMatchObject({
      code: 'invalid_history',
      message: expect.stringContaining('0 to 100, got 101'),
    });
    expect(parseClientMessage('{"op":"ping","id":{}}', options)).toMatchObject({ code: 'invalid_message' });
  });
});

describe('parseClientMessage with hostile values', () => {
  // 30,000 levels (60 KB) overflow JSON.stringify's stack; the 4,100 did inside the server.
  const deep = `${'['.repeat(30_000)}${']'.repeat(30_000)}`;
  it.each([
    ['streams[i]', `{"op":"subscribe","streams":[${deep}]}`, 'invalid_message'],
    ['id', `{"op":"ping","id":${deep}}`, 'invalid_message'],
    ['op', `{"op":${deep}}`, 'unknown_op'],
    ['history', `{"op":"subscribe","streams":["a:b:c:d"],"history":${deep}}`, 'invalid_history'],
    [
      'legacy limit',
      `{"exchange":"binance","contract_type":"spot","symbols":["X"],"limit":${deep}}`,
      'invalid_message',
    ],
    ['the whole frame', deep, 'invalid_message'],
  ])('answers 30,000 nested arrays in %s with a short error', (_field, text, code) => {
    const result = parseClientMessage(text, options);
    expect(result).toMatchObject({ op: 'invalid', code });
    expect((result as { message: string }).message.length).toBeLessThan(400);
  });
});
