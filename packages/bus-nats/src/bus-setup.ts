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
    ensureBucket(kvm, names.leaseBucket),
    ensureBucket(kvm, names.demandBucket),
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

/**
 * JetStream's answer when a stream with other subjects, or (when several buses start at once) the same
 * stream being created concurrently, already covers the subjects.
 */
const SUBJECTS_OVERLAP = 10065;

async function ensureStream(jsm: JetStreamManager, config: Partial<StreamConfig> & { name: string }) {
  for (let attempt = 1; ; attempt++) {
    try {
      await jsm.streams.add(config);
      return;
    } catch (error) {
      if (!(error instanceof JetStreamApiError)) throw error;
      if (error.code !== STREAM_NAME_IN_USE && error.code !== SUBJECTS_OVERLAP) throw error;
      // Another bus is creating it or created it first (workers and edges starting together): adopt it.
      // While its creation is still under way the server may say the subjects overlap yet not list it.
      const info = await jsm.streams.info(config.name).catch(() => undefined);
      if (info !== undefined) {
        if (info.config.max_msgs_per_subject !== config.max_msgs_per_subject) {
          await jsm.streams.update(config.name, { max_msgs_per_subject: config.max_msgs_per_subject });
        }
        return;
      }
      if (attempt >= 5) throw error; // the subjects belong to some other stream
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
}

/** Creates a KV bucket, or binds to it when another bus starting at the same time created it first. */
async function ensureBucket(kvm: Kvm, name: string): Promise<KV> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await kvm.create(name, { history: 1, storage: StorageType.File });
    } catch (error) {
      if (!(error instanceof JetStreamApiError)) throw error;
      if (error.code !== STREAM_NAME_IN_USE && error.code !== SUBJECTS_OVERLAP) throw error;
      if (attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
}
