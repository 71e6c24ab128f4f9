export { VENUE_ADAPTERS } from './venue-adapters';
export { venues } from './venues';
