/**
 * Sockets in a row that closed right after subscribing (before their first candle, or with a
 * subscribe unanswered). Once on a venue that drops the socket for an unknown symbol, or a few
 * times in a row elsewhere, the symbols on the connection are suspect and get checked.
 */
export class EarlyDeaths {
  readonly #threshold: number;
  #inARow = 0;

  constructor(threshold: number) {
    this.#threshold = threshold;
  }

  /** A socket closed; `early` if it died right after subscribing. Returns whether the symbols are now suspect. */
  note(early: boolean): boolean {
    if (!early) {
      this.#inARow = 0;
      return false;
    }
    this.#inARow += 1;
    return this.#inARow >= this.#threshold;
  }
}
