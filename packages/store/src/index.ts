export type { CreateStoreOptions } from './create-store';
export { createStore } from './create-store';
export type { HistoryThroughStoreOptions } from './history-through-store';
export { fillHoles, historyThroughStore } from './history-through-store';
export type { StoreBackedFeedOptions } from './store-backed-feed';
export { storeBackedFeed } from './store-backed-feed';
export type { StoreBackend } from './store-url';
export { backendOf, DEFAULT_STORE_URL, redactStoreUrl, STORE_BACKENDS } from './store-url';
