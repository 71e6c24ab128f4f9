export { gateio } from './gateio-adapter';
export { GATE_INTERVALS } from './intervals';
export { GATEIO_MARKET_SPECS } from './market-specs';
