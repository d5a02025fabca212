/** Feature under test: calendar and time-zone arithmetic, independent of the process zone. */
import { describe, expect, test } from 'vitest';
import { addDays, daysBetween, formatIso, parseDateTime, parseGtfsTime, serviceDayOrigin, weekday, zoneOffsetSeconds } from '../../src/core/time.js';

describe('time', () => {
  test('GTFS times past 24:00 parse to seconds', () => {
    expect(parseGtfsTime('25:10:00')).toBe(90600);
    expect(parseGtfsTime('7:05:09')).toBe(25509);
    expect(parseGtfsTime('7:5:9')).toBeNull();
    expect(parseGtfsTime('')).toBeNull();
  });

  test('local date-times parse in the given zone, explicit offsets win', () => {
    const a = parseDateTime('2026-11-24T08:00', 'Asia/Shanghai');
    expect(a).toBe(Date.UTC(2026, 10, 24, 0, 0) / 1000);
    expect(parseDateTime('2026-11-24T08:00+08:00', 'America/New_York')).toBe(a);
    expect(parseDateTime('2026-11-24T00:00Z', 'Asia/Shanghai')).toBe(a);
    expect(parseDateTime('2026-02-30T08:00', 'Asia/Shanghai')).toBeNull();
    expect(parseDateTime('tomorrow', 'Asia/Shanghai')).toBeNull();
  });

  test('ISO output carries the offset in force at that instant', () => {
    const ny = 'America/New_York';
    expect(formatIso(Date.UTC(2026, 6, 1, 16) / 1000, ny)).toBe('2026-07-01T12:00:00-04:00');
    expect(formatIso(Date.UTC(2026, 11, 1, 17) / 1000, ny)).toBe('2026-12-01T12:00:00-05:00');
    expect(formatIso(Date.UTC(2026, 10, 24, 1) / 1000, 'Asia/Shanghai')).toBe('2026-11-24T09:00:00+08:00');
    // the hour the clocks fall back: 01:30 twice
    expect(formatIso(Date.UTC(2026, 10, 1, 5, 30) / 1000, ny)).toBe('2026-11-01T01:30:00-04:00');
    expect(formatIso(Date.UTC(2026, 10, 1, 6, 30) / 1000, ny)).toBe('2026-11-01T01:30:00-05:00');
    expect(zoneOffsetSeconds(Date.UTC(2026, 10, 1, 6, 30) / 1000, ny)).toBe(-5 * 3600);
  });

  test('service-day origin is noon minus 12 h, which is not midnight on DST days', () => {
    // New York falls back on 2026-11-01: noon is EST (-5), so the origin is 01:00 EDT that morning;
    // it springs forward on 2026-03-08: noon is EDT (-4), so the origin is 23:00 EST the day before
    expect(formatIso(serviceDayOrigin('2026-11-01', 'America/New_York'), 'America/New_York')).toBe('2026-11-01T01:00:00-04:00');
    expect(formatIso(serviceDayOrigin('2026-03-08', 'America/New_York'), 'America/New_York')).toBe('2026-03-07T23:00:00-05:00');
    expect(formatIso(serviceDayOrigin('2026-11-24', 'Asia/Shanghai'), 'Asia/Shanghai')).toBe('2026-11-24T00:00:00+08:00');
  });

  test('calendar arithmetic', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(daysBetween('2026-11-23', '2027-11-23')).toBe(365);
    expect(weekday('2026-11-23')).toBe(0); // a Monday
  });
});

describe('wall times that happen twice or never', () => {
  test('a repeated time (clocks fall back) is the earlier instant, in every zone', () => {
    expect(formatIso(parseDateTime('2026-11-01T01:30', 'America/New_York')!, 'America/New_York')).toBe('2026-11-01T01:30:00-04:00');
    expect(formatIso(parseDateTime('2026-10-25T02:30', 'Europe/Berlin')!, 'Europe/Berlin')).toBe('2026-10-25T02:30:00+02:00');
  });

  test('a skipped time (clocks spring forward) moves forward by the gap', () => {
    expect(formatIso(parseDateTime('2026-03-08T02:30', 'America/New_York')!, 'America/New_York')).toBe('2026-03-08T03:30:00-04:00');
    expect(formatIso(parseDateTime('2027-03-28T02:30', 'Europe/Berlin')!, 'Europe/Berlin')).toBe('2027-03-28T03:30:00+02:00');
  });
});
