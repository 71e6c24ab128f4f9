/**
 * Reversible encoding of any string (a venue symbol, a worker id) into one NATS subject token that
 * is also a valid JetStream KV key segment: `A-Z a-z 0-9 _ -` stay as they are, every other UTF-8
 * byte becomes `=XX` (upper-case hex). So `BTC/USDT` → `BTC=2FUSDT`, `xyz:XYZ100` → `xyz=3AXYZ100`,
 * `@107` → `=40107`; the token never holds `.`, `*`, `>`, whitespace or `=` other than as an escape.
 */
const LITERAL = /^[A-Za-z0-9_-]$/;
const HEX = '0123456789ABCDEF';
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export function encodeToken(value: string): string {
  if (value.length === 0) throw new Error('cannot encode an empty string as a NATS subject token');
  let token = '';
  for (const char of value) {
    if (LITERAL.test(char)) {
      token += char;
      continue;
    }
    for (const byte of encoder.encode(char)) token += `=${HEX[byte >> 4]}${HEX[byte & 15]}`;
  }
  return token;
}

export function decodeToken(token: string): string {
  if (!/^(?:[A-Za-z0-9_-]|=[0-9A-F]{2})+$/.test(token)) {
    throw new Error(`"${token}" is not an encoded subject token (expected A-Z a-z 0-9 _ - and =XX escapes)`);
  }
  const bytes: number[] = [];
  for (let i = 0; i < token.length; i++) {
    if (token[i] === '=') {
      bytes.push(Number.parseInt(token.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(token.charCodeAt(i));
    }
  }
  try {
    return decoder.decode(new Uint8Array(bytes));
  } catch {
    throw new Error(`"${token}" is not an encoded subject token (its escapes are not UTF-8)`);
  }
}
