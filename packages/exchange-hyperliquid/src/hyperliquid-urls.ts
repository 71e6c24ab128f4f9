/** `base` without trailing slashes; bases are scheme + host (+ port), e.g. `ws://127.0.0.1:9000`. */
function trimBase(base: string): string {
  let end = base.length;
  while (end > 0 && base.charCodeAt(end - 1) === 47 /* / */) end--;
  return base.slice(0, end);
}

/** One socket per connection at `/ws`; it carries perps and spot alike, streams are subscribed live. */
export function hyperliquidWsUrl(wsBase: string): string {
  return `${trimBase(wsBase)}/ws`;
}

/** Every public REST query is a JSON `POST /info`. */
export function hyperliquidInfoUrl(restBase: string): string {
  return `${trimBase(restBase)}/info`;
}

export const JSON_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-type': 'application/json',
});
