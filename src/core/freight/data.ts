/**
 * The freight extension tables as the core receives them: already read and validated by
 * src/feeds/freight.ts, ids namespaced like every other id (`feed:route_id`, `feed:stop_id`).
 * Column meanings: data/gtfs/sea-rail-freight/README.md.
 */

/** freight_services.txt: one row per route and direction. */
export interface FreightServiceRow {
  routeId: string;
  directionId: number;
  serviceKind: string;
  /** TEU one departure carries. */
  capacityTeu: number;
  typicalNetTonnes: number | null;
  distanceKm: number | null;
  traction: string;
  energyKwhPerTrainKm: number | null;
  energyKwhPerTeuKm: number | null;
  fuelTPerDay: number | null;
  fuelGPerTeuKm: number | null;
  source: string;
}

/** Terminal flows of freight_terminals.txt. */
export type TerminalFlow = 'export' | 'export_standard' | 'import' | 'sea_rail_transfer' | 'domestic';

/** freight_terminals.txt: one row per terminal stop and flow. */
export interface FreightTerminalRow {
  stopId: string;
  flow: TerminalFlow;
  terminalKind: string;
  handlingMinutes: number;
  minConnectionMinutes: number;
  /** Box must be at the terminal this long before departure; null = not applicable. */
  cutoffMinutes: number | null;
  customsMode: string;
  customsClearanceHours: number | null;
  handlingCostCnyPerTeu: number;
  source: string;
}

/** freight_tariffs.txt: line-haul price per route and origin–destination pair. */
export interface FreightTariffRow {
  routeId: string;
  fromStopId: string;
  toStopId: string;
  tariffCnyPerTeu: number;
  tariffCnyPerTeuKm: number | null;
  distanceKm: number | null;
  source: string;
}

export interface FreightData {
  /** Index of the freight feed in NetworkInput.feeds. */
  feed: number;
  services: FreightServiceRow[];
  terminals: FreightTerminalRow[];
  tariffs: FreightTariffRow[];
}
