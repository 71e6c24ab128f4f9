import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { describeCandleStore } from './store-conformance';

const dir = mkdtempSync(join(tmpdir(), 'ohlcv-store-sqlite-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeCandleStore('sqlite', async () => `sqlite:${join(dir, `candles-${++n}.db`)}`);
