/**
 * Every cost and emission factor the freight planner uses, in one place. The same table, with
 * the reasoning behind each figure, is in README.md ("Factor table"); change both together.
 *
 * Scope: the planner's `co2e` figures are **well-to-wheel (WTW)**, as ISO 14083 and the GLEC
 * Framework require for reporting; the tank-to-wheel (TTW) part is carried alongside for every
 * leg (`co2eKgTtw`). For electric traction TTW is 0 by definition.
 *
 * Provenance labels: "published" = a figure from the named publication; "estimate" = our own
 * reasoned figure (no source at hand) — treat as indicative. Where a figure was recalled rather
 * than re-read from the publication while writing this, the README says so.
 */

export interface FuelFactor {
  /** kg CO2e per unit of fuel (L for diesel, kg for heavy fuel oil), tank-to-wheel. */
  ttw: number;
  /** kg CO2e per unit of fuel, well-to-wheel (= TTW + well-to-tank). */
  wtw: number;
}

/**
 * Diesel (road), kg CO2e per litre. EN 16258:2012 Annex A, diesel without bio share:
 * 2.67 TTW, 3.24 WTW (published; 3.21 / 3.90 kg per kg at 0.832 kg/L).
 */
export const DIESEL: FuelFactor = { ttw: 2.67, wtw: 3.24 };

/**
 * Heavy fuel oil (ships), kg CO2e per kg fuel. TTW 3.114 kg CO2/kg is the IMO carbon factor
 * C_F for HFO (MEPC guidelines, published). Well-to-tank 0.547 = 13.5 g CO2e/MJ (FuelEU Maritime
 * Annex II default for HFO, published) × 40.5 MJ/kg (LHV). WTW = 3.661.
 */
export const HFO: FuelFactor = { ttw: 3.114, wtw: 3.114 + 0.547 };

/**
 * Electricity, kg CO2 per kWh delivered from the grid: North China (华北) regional grid average
 * 0.7120 for 2021, MEE / NBS announcement of 2024-04-12 《2021年电力二氧化碳排放因子》 (published;
 * value recalled from the announcement's table — the national average there is 0.5568). A
 * generation-based factor, counted as WTW for electric traction (TTW 0).
 */
export const GRID_KG_PER_KWH = 0.712;

/** Grid-to-pantograph losses (transmission, traction substations): energy × 1.07. Estimate. */
export const RAIL_GRID_LOSS_FACTOR = 1.07;

/**
 * Average utilisation of a container train's slots over both directions, used to turn the
 * feed's full-train kWh/TEU-km into per-carried-TEU energy (÷ 0.8). Estimate, matching the 80 %
 * the feed uses for ships.
 */
export const RAIL_LOAD_FACTOR = 0.8;

/** Diesel traction (when a service says `traction=diesel`), litres per train-km. Estimate. */
export const RAIL_DIESEL_L_PER_TRAIN_KM = 8;

/** Container tare mass, t per 20 ft box (20GP ≈ 2.2 t). Published (ISO 668 typical tare). */
export const TARE_T_PER_TEU = 2.2;

/**
 * Truck payload limit, t: a 6-axle tractor and container chassis may gross 49 t in China
 * (GB 1589-2016, published); tractor + chassis weigh ~17 t (estimate) → 32 t.
 */
export const TRUCK_PAYLOAD_T = 32;

/** At most two 20 ft boxes per chassis. */
export const TRUCK_MAX_TEU = 2;

/**
 * Truck fuel, litres per 100 km: empty 24, at full 32 t payload 34, linear in between
 * (estimate; typical Chinese 6-axle tractor-trailer on expressways).
 */
export const TRUCK_L_PER_100KM_EMPTY = 24;
export const TRUCK_L_PER_100KM_FULL = 34;

/**
 * Empty running: container drayage returns empty (or repositions) for this share of the loaded
 * distance, counted at empty consumption and charged in the price. Estimate (0.3).
 */
export const TRUCK_EMPTY_RUNNING = 0.3;

/**
 * Truck price per truck: 7.5 CNY per loaded km (fuel, tolls, driver, empty return) plus 300 CNY
 * per trip (loading, waiting, port fees). Estimate, calibrated to the feed's "trucking ~3,300 CNY
 * per 20 ft over ~400 km" (freight_tariffs.txt, AKC_SJZ2024 ratio).
 */
export const TRUCK_CNY_PER_KM = 7.5;
export const TRUCK_CNY_PER_TRIP = 300;

/**
 * Drivers must rest at least 20 min after 4 h of continuous driving (道路交通安全法实施条例
 * 第62条, published): a truck leg of d hours driving gets ⌈d / 4⌉ − 1 rests of 20 min.
 */
export const TRUCK_MAX_DRIVE_SECONDS = 4 * 3600;
export const TRUCK_REST_SECONDS = 20 * 60;

/**
 * Local access legs (coordinate → nearest road nodes): straight line × 1.3 at 30 km/h, priced
 * and emitting as truck-km. Estimate.
 */
export const LOCAL_DETOUR = 1.3;
export const LOCAL_SPEED_KMH = 30;
/** Road nodes considered for a coordinate: the nearest 3 within 60 km. */
export const ANCHOR_COUNT = 3;
export const ANCHOR_MAX_KM = 60;

/**
 * Terminal handling (cranes, reach stackers, yard tractors), kg CO2e WTW per TEU per terminal
 * visit; TTW share 80 % (mostly diesel equipment). Estimate, of the order of the GLEC default
 * intensities for container transhipment.
 */
export const TERMINAL_KG_PER_TEU = 4;
export const TERMINAL_TTW_SHARE = 0.8;

/** Terminal defaults when freight_terminals.txt has no row for a stop (reported). */
export const DEFAULT_TERMINAL = { handlingMinutes: 60, minConnectionMinutes: 60, costCnyPerTeu: 0 };

/** Fallback distance for a ride without tariff/service distance: great circle × 1.2 (estimate). */
export const RIDE_DETOUR = 1.2;

/** Number of trucks for `teu` boxes of `tonnesPerTeu` cargo each. */
export function boxesPerTruck(tonnesPerTeu: number): number {
  const perBox = tonnesPerTeu + TARE_T_PER_TEU;
  return Math.max(1, Math.min(TRUCK_MAX_TEU, Math.floor(TRUCK_PAYLOAD_T / perBox)));
}

/** Litres of diesel per loaded truck-km for a payload in tonnes (empty running excluded). */
export function truckLitresPerKm(payloadT: number): number {
  const f = Math.min(1, Math.max(0, payloadT / TRUCK_PAYLOAD_T));
  return (TRUCK_L_PER_100KM_EMPTY + (TRUCK_L_PER_100KM_FULL - TRUCK_L_PER_100KM_EMPTY) * f) / 100;
}

export interface Amount {
  /** Integer fen (CNY / 100): criteria stay exact under addition. */
  costFen: number;
  /** Integer grams CO2e, WTW (the criterion). */
  co2G: number;
  /** Integer grams CO2e, TTW (reported, not a criterion). */
  co2TtwG: number;
}

/** Price and emissions of trucking `teu` boxes `km` (loaded) in as many trucks as needed. */
export function truckAmount(km: number, teu: number, tonnesPerTeu: number): Amount {
  const per = boxesPerTruck(tonnesPerTeu);
  const trucks = Math.ceil(teu / per);
  const full = Math.floor(teu / per);
  const rest = teu - full * per;
  let litres = full * km * truckLitresPerKm(per * (tonnesPerTeu + TARE_T_PER_TEU));
  if (rest > 0) litres += km * truckLitresPerKm(rest * (tonnesPerTeu + TARE_T_PER_TEU));
  litres += trucks * km * TRUCK_EMPTY_RUNNING * truckLitresPerKm(0);
  return {
    costFen: Math.round(trucks * (TRUCK_CNY_PER_TRIP + TRUCK_CNY_PER_KM * km) * 100),
    co2G: Math.round(litres * DIESEL.wtw * 1000),
    co2TtwG: Math.round(litres * DIESEL.ttw * 1000),
  };
}

/** Emissions per TEU-km of a rail or ship service, WTW and TTW, kg. */
export interface RideIntensity {
  wtwKgPerTeuKm: number;
  ttwKgPerTeuKm: number;
  /** How it was computed, for the report. */
  basis: string;
}

export interface ServiceEnergy {
  traction: string;
  capacityTeu: number;
  energyKwhPerTrainKm: number | null;
  energyKwhPerTeuKm: number | null;
  fuelGPerTeuKm: number | null;
}

/** Emission intensity of a service from its energy/fuel figures (freight_services.txt). */
export function rideIntensity(s: ServiceEnergy): RideIntensity {
  if (s.traction === 'electric') {
    const perTeu =
      s.energyKwhPerTrainKm !== null && s.capacityTeu > 0
        ? s.energyKwhPerTrainKm / s.capacityTeu
        : (s.energyKwhPerTeuKm ?? 0.4);
    const kwh = (perTeu / RAIL_LOAD_FACTOR) * RAIL_GRID_LOSS_FACTOR;
    return { wtwKgPerTeuKm: kwh * GRID_KG_PER_KWH, ttwKgPerTeuKm: 0, basis: `electric ${kwh.toFixed(3)} kWh/TEU-km × ${GRID_KG_PER_KWH} kg/kWh` };
  }
  if (s.traction === 'marine_fuel') {
    const kg = (s.fuelGPerTeuKm ?? 15) / 1000;
    return { wtwKgPerTeuKm: kg * HFO.wtw, ttwKgPerTeuKm: kg * HFO.ttw, basis: `HFO ${(kg * 1000).toFixed(1)} g/TEU-km` };
  }
  // diesel traction
  const l = RAIL_DIESEL_L_PER_TRAIN_KM / Math.max(1, s.capacityTeu * RAIL_LOAD_FACTOR);
  return { wtwKgPerTeuKm: l * DIESEL.wtw, ttwKgPerTeuKm: l * DIESEL.ttw, basis: `diesel ${l.toFixed(3)} L/TEU-km` };
}
