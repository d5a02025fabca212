/**
 * Seeds of the property tests. Runs are repeatable: the base seed is fixed unless the environment
 * variable JJJ_PROPERTY_SEED sets another one (any integer), which explores new cases.
 */
import { mixSeed } from './prng.js';

/** Default base seed of the property tests. */
export const DEFAULT_PROPERTY_SEED = 20261123;

/** The base seed: JJJ_PROPERTY_SEED when set, else DEFAULT_PROPERTY_SEED. */
export function propertySeed(): number {
  const text = process.env.JJJ_PROPERTY_SEED;
  if (text === undefined || text.trim() === '') return DEFAULT_PROPERTY_SEED;
  const seed = Number(text);
  if (!Number.isInteger(seed)) throw new Error(`JJJ_PROPERTY_SEED must be an integer, got "${text}"`);
  return seed >>> 0;
}

/** Seed of the n-th network of a run with base seed `base`. */
export function networkSeed(base: number, n: number): number {
  return mixSeed(base, n);
}

/** Seed of the q-th query on the network of seed `network`. */
export function querySeed(network: number, q: number): number {
  return mixSeed(network, 0x10000 + q);
}
