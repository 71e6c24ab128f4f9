/** Value parsers for settings: each throws an Error saying what is wrong with the raw text. */

export function integer(minimum: number, maximum = Number.MAX_SAFE_INTEGER): (raw: string) => number {
  return (raw) => {
    const value = Number(raw);
    if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < minimum || value > maximum) {
      throw new Error(`"${raw}" is not an integer between ${minimum} and ${maximum}`);
    }
    return value;
  };
}

/** Seconds, as the older connector wrote its timeouts ("10", "8.0", "2.5"), turned into milliseconds. */
export function secondsAsMs(minimum: number, maximum = 86_400): (raw: string) => number {
  return (raw) => {
    const text = raw.trim();
    const value = Number(text);
    if (!/^\d+(\.\d+)?$/.test(text) || value < minimum || value > maximum) {
      throw new Error(`"${raw}" is not a number of seconds between ${minimum} and ${maximum}`);
    }
    return Math.round(value * 1000);
  };
}

export function boolean(raw: string): boolean {
  const value = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(value)) return true;
  if (['0', 'false', 'no', 'off'].includes(value)) return false;
  throw new Error(`"${raw}" is not a boolean (true/false)`);
}

export function text(raw: string): string {
  if (raw.trim() === '') throw new Error('empty value');
  return raw.trim();
}

/** One of `choices`, matched case-insensitively; `aliases` map other spellings onto a choice. */
export function oneOf<T extends string>(
  choices: readonly T[],
  aliases: Readonly<Record<string, T>> = {},
): (raw: string) => T {
  return (raw) => {
    const value = raw.trim().toLowerCase();
    const found =
      choices.find((choice) => choice === value) ??
      (Object.hasOwn(aliases, value) ? aliases[value] : undefined);
    if (found === undefined) {
      const extra = Object.keys(aliases);
      throw new Error(
        `"${raw.length > 40 ? `${raw.slice(0, 40)}…` : raw}" is not one of ${choices.join(', ')}${extra.length > 0 ? ` (or ${extra.join(', ')})` : ''}`,
      );
    }
    return found;
  };
}
