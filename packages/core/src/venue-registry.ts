import type { ExchangeId } from './candle';
import { OhlcvError } from './errors';
import { isExchangeId } from './market';
import { VENUE_ADAPTER_SPEC_VERSION, type VenueAdapter } from './venue-adapter';

/**
 * The installed venues: adapters found by id or alias. The apps share one (see `@ohlcv/venues`);
 * `createFeed` builds one over its `adapters`.
 */
export interface VenueRegistry {
  /** The adapters, in the order given. */
  readonly adapters: readonly VenueAdapter[];
  /** Their ids, in the order given. */
  readonly ids: readonly ExchangeId[];
  /** The adapter whose id or alias is `name` (trimmed, case-insensitive), else `undefined`. */
  get(name: string): VenueAdapter | undefined;
  /** Like {@link get}, but throws an OhlcvError (code `unknown_exchange`) naming `name` and the registered venues. */
  resolve(name: string): VenueAdapter;
  /** The registered venues for help texts and errors: `acme, zeta (alias z)`. */
  describe(): string;
}

function declarationError(message: string): OhlcvError {
  return new OhlcvError(message, { code: 'config' });
}

function describeAdapter(adapter: VenueAdapter): string {
  const aliases = adapter.aliases ?? [];
  return aliases.length === 0
    ? adapter.id
    : `${adapter.id} (${aliases.length === 1 ? 'alias' : 'aliases'} ${aliases.join(', ')})`;
}

/** Checks one adapter's declaration (contract version, id, name, aliases); returns its names. */
function declaredNames(adapter: unknown, index: number): { adapter: VenueAdapter; names: string[] } {
  if (typeof adapter !== 'object' || adapter === null) {
    throw declarationError(`venue adapter #${index + 1} is ${String(adapter)}, not an adapter object`);
  }
  const candidate = adapter as Partial<VenueAdapter>;
  const id: unknown = candidate.id;
  if (!isExchangeId(id)) {
    throw declarationError(
      `venue adapter #${index + 1} declares id ${JSON.stringify(id)}: expected lower-case letters and digits, optionally joined by ".", "_" or "-"`,
    );
  }
  if (candidate.specificationVersion !== VENUE_ADAPTER_SPEC_VERSION) {
    throw declarationError(
      `adapter ${id} implements contract "${String(candidate.specificationVersion)}"; this core speaks ${VENUE_ADAPTER_SPEC_VERSION}`,
    );
  }
  if (typeof candidate.name !== 'string' || candidate.name.trim() === '') {
    throw declarationError(
      `adapter ${id} declares display name ${JSON.stringify(candidate.name)}: expected a non-empty string`,
    );
  }
  const aliases: unknown = candidate.aliases ?? [];
  if (!Array.isArray(aliases)) {
    throw declarationError(
      `adapter ${id} declares aliases ${JSON.stringify(aliases)}: expected an array of names`,
    );
  }
  for (const alias of aliases) {
    if (!isExchangeId(alias)) {
      throw declarationError(
        `adapter ${id} declares alias ${JSON.stringify(alias)}: expected lower-case letters and digits, optionally joined by ".", "_" or "-"`,
      );
    }
  }
  return { adapter: candidate as VenueAdapter, names: [id, ...(aliases as string[])] };
}

/**
 * A registry over `adapters`, checked at this boundary: each adapter speaks this core's contract and
 * declares a well-formed id, a display name and aliases; no id or alias is declared twice (the error
 * names the name and both adapters).
 */
export function createVenueRegistry(adapters: readonly VenueAdapter[]): VenueRegistry {
  if (!Array.isArray(adapters)) {
    throw declarationError(`venue adapters must be an array, got ${String(adapters)}`);
  }
  const byName = new Map<string, VenueAdapter>();
  const list: VenueAdapter[] = [];
  adapters.forEach((given: unknown, index) => {
    const { adapter, names } = declaredNames(given, index);
    for (const name of names) {
      const owner = byName.get(name);
      if (owner) {
        throw declarationError(
          owner === adapter
            ? `adapter ${adapter.id} declares the name "${name}" twice (as id or alias)`
            : `venue name "${name}" is declared by adapter ${owner.id} and by adapter ${adapter.id}`,
        );
      }
      byName.set(name, adapter);
    }
    list.push(adapter);
  });
  const ids = list.map((adapter) => adapter.id);
  const describe = (): string => list.map(describeAdapter).join(', ');
  const get = (name: string): VenueAdapter | undefined =>
    typeof name === 'string' ? byName.get(name.trim().toLowerCase()) : undefined;
  return {
    adapters: list,
    ids,
    get,
    resolve(name: string): VenueAdapter {
      const adapter = get(name);
      if (adapter) return adapter;
      throw new OhlcvError(
        `unknown exchange "${String(name)}": expected one of ${list.length === 0 ? '(no venue registered)' : describe()}`,
        { code: 'unknown_exchange' },
      );
    },
    describe,
  };
}
