import {
  DiscardPolicy,
  JetStreamApiError,
  type JetStreamManager,
  RetentionPolicy,
  StorageType,
  type StreamConfig,
} from '@nats-io/jetstream';
import { type KV, Kvm } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import type { BusNames } from './bus-names';

const DUPLICATE_WINDOW_NS = 2 * 60 * 1_000_000_000;
/** JetStream's code for "stream name already in use with a different configuration". */
const STREAM_NAME_IN_USE = 10058;

export interface BusStorage {
  readonly leases: KV;
  readonly demand: KV;
}

/**
 * Creates (or adopts) the bus's streams and KV buckets: closed candles on file with `retention`
 * messages per subject and a 2-minute duplicate window; open updates in memory, one per subject.
 * An existing closed stream whose retention differs is updated to this one's.
 */
export async function setUpBus(
  nc: NatsConnection,
  jsm: JetStreamManager,
  names: BusNames,
  retention: number,
): Promise<BusStorage> {
  await ensureStream(jsm, {
    ...limitsStream(names.closedStream, names.closedSubjects, StorageType.File, retention),
    duplicate_window: DUPLICATE_WINDOW_NS,
  });
  await ensureStream(jsm, limitsStream(names.openStream, names.openSubjects, StorageType.Memory, 1));
  const kvm = new Kvm(nc);
  const [leases, demand] = await Promise.all([
    kvm.create(names.leaseBucket, { history: 1, storage: StorageType.File }),
    kvm.create(names.demandBucket, { history: 1, storage: StorageType.File }),
  ]);
  return { leases, demand };
}

function limitsStream(name: string, subjects: string, storage: StorageType, perSubject: number) {
  return {
    name,
    subjects: [subjects],
    storage,
    retention: RetentionPolicy.Limits,
    discard: DiscardPolicy.Old,
    max_msgs_per_subject: perSubject,
    allow_direct: true,
    num_replicas: 1,
  };
}

async function ensureStream(jsm: JetStreamManager, config: Partial<StreamConfig> & { name: string }) {
  try {
    await jsm.streams.add(config);
  } catch (error) {
    if (!(error instanceof JetStreamApiError) || error.code !== STREAM_NAME_IN_USE) throw error;
    const info = await jsm.streams.info(config.name);
    if (info.config.max_msgs_per_subject !== config.max_msgs_per_subject) {
      await jsm.streams.update(config.name, { max_msgs_per_subject: config.max_msgs_per_subject });
    }
  }
}
