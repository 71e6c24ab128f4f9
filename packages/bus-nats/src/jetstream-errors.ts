import { JetStreamApiCodes, JetStreamApiError } from '@nats-io/jetstream';

/** The server refused a write because the subject's last sequence was not the one expected. */
export function isWrongLastSequence(error: unknown): boolean {
  return error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamWrongLastSequence;
}

export function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
