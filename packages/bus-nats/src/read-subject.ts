import { DeliverPolicy, type JetStreamClient } from '@nats-io/jetstream';

const READ_TIMEOUT_MS = 15_000;

/**
 * Reads every stored message of `subject` from the stream's start up to and including stream
 * sequence `untilSeq` (the subject's last message, read just before), with a throw-away ordered
 * consumer that is deleted afterwards. Rejects when the read makes no progress for 15 s.
 */
export async function readSubject(
  js: JetStreamClient,
  stream: string,
  subject: string,
  untilSeq: number,
  onMessage: (data: Uint8Array, seq: number) => void,
): Promise<void> {
  const consumer = await js.consumers.get(stream, {
    filter_subjects: subject,
    deliver_policy: DeliverPolicy.All,
  });
  const messages = await consumer.consume({ max_messages: 1_000 });
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      messages.stop(new Error(`reading ${subject} from stream ${stream} stalled for ${READ_TIMEOUT_MS} ms`));
    }, READ_TIMEOUT_MS);
  };
  try {
    arm();
    for await (const message of messages) {
      onMessage(message.data, message.seq);
      if (message.seq >= untilSeq) break;
      arm();
    }
  } finally {
    clearTimeout(timer);
    await messages.close();
    consumer.delete().catch(() => undefined);
  }
  const failure = await messages.closed();
  if (failure) throw failure;
}
