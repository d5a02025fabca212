// Builds the in-memory feeds from the line tables (shared by generate.mjs and facts.mjs).
import { Feed } from './feed.mjs';
import * as metro from '../lines/metro-line22.mjs';
import * as rail from '../lines/intercity-rail.mjs';
import * as bus from '../lines/express-bus.mjs';
import * as freight from '../lines/sea-rail-freight.mjs';
import * as connector from '../lines/connector.mjs';

export const FEEDS = {
  'intercity-rail': rail,
  'metro-line22': metro,
  'express-bus': bus,
  'sea-rail-freight': freight,
  connector,
};

/** name -> Feed for the requested feeds (default: all). */
export function buildAll(only = Object.keys(FEEDS)) {
  const feeds = {};
  for (const name of only) {
    const f = new Feed(name);
    FEEDS[name].build(f);
    feeds[name] = f;
  }
  return feeds;
}
