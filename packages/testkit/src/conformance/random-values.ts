/** Small generators for differential tests of frame readers; `random` in [0, 1) (e.g. `prng`). */
export type Random = () => number;

/** One of `items`. */
export function randomPick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** `count` random decimal digits (leading zeros included). */
export function randomDigits(random: Random, count: number): string {
  return Array.from({ length: count }, () => String(Math.floor(random() * 10))).join('');
}

/**
 * A decimal string as venues send prices and volumes: up to `wholeDigits` integer digits without a
 * leading zero, and up to `fractionDigits` fraction digits (trailing zeros included).
 */
export function randomDecimal(random: Random, wholeDigits = 9, fractionDigits = 12): string {
  const whole = String(Number(randomDigits(random, 1 + Math.floor(random() * wholeDigits))));
  const fraction = randomDigits(random, Math.floor(random() * (fractionDigits + 1)));
  return fraction.length > 0 ? `${whole}.${fraction}` : whole;
}
