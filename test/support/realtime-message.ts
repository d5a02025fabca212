/**
 * GTFS-Realtime messages for tests, built with gtfs-realtime-bindings: a FeedMessage's bytes from
 * its entities (plain objects as `fromObject` takes them), and alert texts in Chinese and English.
 */
import GtfsRealtimeBindings from 'gtfs-realtime-bindings';

export const { transit_realtime: rt } = GtfsRealtimeBindings;

/** A FULL_DATASET FeedMessage of `entity`, stamped `timestamp` (epoch seconds). */
export function feedMessage(timestamp: number, entity: object[]): Uint8Array {
  return rt.FeedMessage.encode(rt.FeedMessage.fromObject({ header: { gtfsRealtimeVersion: '2.0', timestamp }, entity })).finish();
}

/** A TranslatedString with a Chinese and an English text. */
export function zhEn(zh: string, en: string) {
  return { translation: [{ text: zh, language: 'zh' }, { text: en, language: 'en' }] };
}
