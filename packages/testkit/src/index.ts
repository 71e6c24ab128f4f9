export type { SimulatorFaults, VenueSimulator, VirtualClock } from "./simulator-types";
