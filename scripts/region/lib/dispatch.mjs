// Overtaking dispatcher for lines with express and local trains on two tracks (used by Line 22).
//
// Express trains keep their times. Each local train is checked against every express of the same day type and
// direction: if an express would come closer than `headwaySec` behind it (or pass it between stations), the
// local is held at the last overtaking station (or its origin) before the conflict until the express has passed
// plus `headwaySec`. Locals are processed in departure order and also keep `headwaySec` behind the locals
// already placed (a held local holds the one behind it too).

/** Times of a plan at every line index it covers: served stops from its offsets, passed stations interpolated. */
function positions(line, plan) {
  const order = plan.dir === 0 ? line.stops : [...line.stops].reverse();
  const segs = plan.dir === 0 ? line.segMin : [...line.segMin].reverse();
  const half = ((line.penaltyMin ?? 0) * 60) / 2;
  const pos = new Map();
  plan.times.forEach((t, k) => {
    const idx = order.indexOf(t.stop_id);
    pos.set(idx, { arr: t.arr, dep: t.dep, stop: true });
    const next = plan.times[k + 1];
    if (!next) return;
    const nIdx = order.indexOf(next.stop_id);
    let x = t.dep + half;
    for (let i = idx; i + 1 < nIdx; i++) {
      x += segs[i] * 60;
      pos.set(i + 1, { arr: x, dep: x, stop: false });
    }
  });
  return { order, pos };
}

function firstConflict(line, local, other, h, stations) {
  const L = positions(line, local);
  const E = positions(line, other);
  const common = [...L.pos.keys()].filter((i) => E.pos.has(i)).sort((a, b) => a - b);
  if (!common.length) return null;
  const c0 = common[0];
  const origin = L.order.indexOf(local.times[0].stop_id);
  let behind = E.pos.get(c0).dep >= L.pos.get(c0).dep;
  for (const j of common) {
    const l = L.pos.get(j);
    const e = E.pos.get(j);
    if (behind) {
      // the other train must reach j at least h after the local leaves …
      if (e.arr >= l.dep + h) continue;
      // … unless the local is waiting at an overtaking station (or its origin) and the other leaves h before it
      const canWait = l.stop && (j === origin || stations.includes(L.order[j]));
      if (canWait && e.dep + h <= l.dep) {
        behind = false;
        continue;
      }
      return { j, behind: true, E, need: 0 };
    }
    // the other train is ahead: the local must reach j at least h after it left (its own holds included)
    const t = j === origin ? l.dep : l.arr;
    if (t < e.dep + h) return { j, behind: false, E, need: e.dep + h - t };
  }
  return null;
}

/** Mutates `plans` (local ones only): adds holds. `plans` = [{ key, dir, times: [{stop_id, arr, dep}] }]. */
export function dispatch(line, plans) {
  const cfg = line.overtaking;
  const h = cfg.headwaySec ?? 120;
  const fast = plans.filter((p) => cfg.priority.includes(p.key));
  const slow = plans.filter((p) => !cfg.priority.includes(p.key)).sort((a, b) => a.times[0].dep - b.times[0].dep);
  const done = [];
  for (const L of slow) {
    for (let iter = 0; iter < 60; iter++) {
      let c = null;
      for (const E of [...fast, ...done]) {
        if (E.dir !== L.dir || E.service !== L.service) continue;
        c = firstConflict(line, L, E, h, cfg.stations);
        if (c) break;
      }
      if (!c) break;
      const { order, pos } = positions(line, L);
      const origin = order.indexOf(L.times[0].stop_id);
      // last place at or before the conflict where the local may wait: an overtaking station or its origin
      // 'behind' conflicts may be solved by waiting at j itself; 'ahead' ones need an earlier wait
      let k = c.behind || c.j === origin ? c.j : c.j - 1;
      while (k > origin && !(cfg.stations.includes(order[k]) && pos.get(k)?.stop)) k--;
      // behind: leave h after the other train has passed (measured where both trains run, from k on)
      let kk = k;
      while (!c.E.pos.has(kk) && kk < c.j) kk++;
      const delta = c.behind ? c.E.pos.get(kk).dep + h - pos.get(kk).dep : c.need;
      if (!(delta > 0)) break;
      const stopAt = order[k];
      let after = false;
      for (const t of L.times) {
        if (t.stop_id === stopAt) {
          if (k === origin) t.arr += delta;
          t.dep += delta;
          after = true;
        } else if (after) {
          t.arr += delta;
          t.dep += delta;
        }
      }
      L.held = (L.held ?? 0) + delta;
    }
    if ((L.held ?? 0) > 15 * 60) {
      throw new Error(`${line.id}: local from ${L.times[0].stop_id} would wait ${Math.round(L.held / 60)} min for expresses; retune offsets/headways`);
    }
    done.push(L);
  }
}
