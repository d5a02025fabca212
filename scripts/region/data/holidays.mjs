// Service window and Chinese public holidays used by every feed.
// Dates are local calendar dates in Asia/Shanghai, written YYYYMMDD.
//
// PROVENANCE (see data/gtfs/PROVENANCE.md, section "Calendars"):
// - No official 2027 holiday schedule is in the shared facts (the State Council usually publishes the
//   next year's schedule in November). Every 2027 entry below is an ESTIMATE built from the lunar /
//   solar dates of each festival and the pattern the State Council used in years with the same
//   weekday layout (e.g. 2021 for Labour Day and National Day, both starting on a Saturday/Friday).
// - After 2026-11-23 no 2026 holidays or make-up working days remain (the 2026 National Day break
//   ended in October); the window 2026-11-01..2026-11-22 has none either.

export const FEED_START = '20261101';
export const FEED_END = '20271231';
export const FEED_VERSION = '2026.11.23';

/** Days off (public holiday or bridged weekday). Weekend/holiday timetables apply; commuter buses do not run. */
export const HOLIDAYS = [
  // New Year 2027: Fri 1 Jan + weekend (estimate; no make-up day needed).
  { name: '元旦', from: '20270101', to: '20270103' },
  // Spring Festival 2027: New Year's Eve Fri 5 Feb, 初一 Sat 6 Feb. 4 statutory days (Eve–初三, 2025 rules),
  // weekend-shifted + bridged to a 10-day break Fri 5 – Sun 14 Feb (estimate).
  { name: '春节', from: '20270205', to: '20270214' },
  // Qingming 2027: Mon 5 Apr -> Sat 3 – Mon 5 Apr (estimate).
  { name: '清明节', from: '20270403', to: '20270405' },
  // Labour Day 2027: Sat 1 May – Wed 5 May, same layout as 2021 (estimate).
  { name: '劳动节', from: '20270501', to: '20270505' },
  // Dragon Boat 2027: Wed 9 Jun (lunar 5/5). Single day assumed; the official schedule may bridge (estimate).
  { name: '端午节', from: '20270609', to: '20270609' },
  // Mid-Autumn 2027: Wed 15 Sep (lunar 8/15). Single day assumed (estimate).
  { name: '中秋节', from: '20270915', to: '20270915' },
  // National Day 2027: Fri 1 Oct – Thu 7 Oct, same layout as 2021 (estimate).
  { name: '国庆节', from: '20271001', to: '20271007' },
];

/** Weekend days declared working days (调休上班): weekday timetables apply. All estimates (see above). */
export const MAKEUP_WORKDAYS = [
  { name: '春节调休', date: '20270130' },
  { name: '春节调休', date: '20270220' },
  { name: '劳动节调休', date: '20270425' },
  { name: '劳动节调休', date: '20270508' },
  { name: '国庆节调休', date: '20270926' },
  { name: '国庆节调休', date: '20271009' },
];
