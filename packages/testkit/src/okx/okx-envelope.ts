/** OKX REST envelope `{"code":"0","msg":"","data":[…]}` (venue doc §3.0 "Errors / rate limit"). */
import type { SimResponse } from '../sim/sim-server';

export function okxData(data: unknown[]): SimResponse {
  return { status: 200, body: { code: '0', msg: '', data } };
}

export function okxFailure(code: string, message: string, status = 200): SimResponse {
  return { status, body: { code, msg: message, data: [] } };
}

export const RATE_LIMIT_CODE = '50011';
export const RATE_LIMIT_MESSAGE =
  'Rate limit reached. Please refer to API documentation and throttle requests accordingly.';

/** The answer to an injected `httpErrors(status)` fault, in OKX's shape. */
export function okxHttpFault(status: number): SimResponse {
  if (status === 429) return okxFailure(RATE_LIMIT_CODE, 'Too Many Requests', 429);
  if (status >= 500)
    return okxFailure('50001', 'Service temporarily unavailable. Please try again later.', status);
  return okxFailure('50000', `Simulated HTTP ${status}.`, status);
}
