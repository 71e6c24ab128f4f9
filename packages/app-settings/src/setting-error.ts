/** A bad setting: the message names the flag or environment variable the value came from. */
export class SettingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SettingError';
  }
}
