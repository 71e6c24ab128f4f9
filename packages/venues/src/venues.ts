import { createVenueRegistry, type VenueRegistry } from '@ohlcv/core';
import { VENUE_ADAPTERS } from './venue-adapters';

/** The shipped venues, found by id or alias (`gate` → `gateio`); checked once, at load. */
export const venues: VenueRegistry = createVenueRegistry(VENUE_ADAPTERS);
