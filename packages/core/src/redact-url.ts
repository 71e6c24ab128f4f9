/** Query parameters whose values are treated as secrets. */
const SECRET_PARAM = /token|key|secret|pass|signature|auth|credential|session/i;

/**
 * The URL with credentials masked, for logs and error texts: user info (`user:pass@`) and the values
 * of query parameters named like secrets (`token`, `apiKey`, `signature`, …) become `***`. Text that
 * is not a URL is returned with anything between `//` and `@` masked.
 */
export function redactUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return value.replace(/\/\/[^/@\s]*@/, '//***@');
  }
  let changed = false;
  if (url.username !== '' || url.password !== '') {
    url.username = '***';
    url.password = url.password === '' ? '' : '***';
    changed = true;
  }
  for (const name of [...url.searchParams.keys()]) {
    if (SECRET_PARAM.test(name)) {
      url.searchParams.set(name, '***');
      changed = true;
    }
  }
  if (!changed) return value;
  return url.toString().replaceAll('%2A%2A%2A', '***');
}
