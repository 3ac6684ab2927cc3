/* The finder's geometry, without the page: the k nearest points over the grid written by
 * generator/render/nearest.py, and whether a position is in Việt Nam at all. nearest.js draws the
 * page with it; tests/js/ runs it under Node's test runner.
 *
 * Distances are haversine on a sphere of 6371.0088 km, as generator/geo.py computes them, so the
 * site and the Python tests rank the same way. The points are stored cell by cell of a grid;
 * the search visits rings of cells around the position until no point outside them can be
 * closer than the k-th found. */
(function (root, factory) {
  "use strict";
  var common = typeof require === "function" ? require("./common.js") : root.dbCommon;
  var api = factory(common);
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.dbGrid = api;
})(this, function (common) {
  "use strict";
  var R = common.EARTH_RADIUS_KM;
  var RAD = Math.PI / 180;
  var MAX_K = 16;

  function haversine(p1, cos1, lon1, lat2, lon2) {
    var p2 = lat2 * RAD;
    var s1 = Math.sin((p2 - p1) / 2), s2 = Math.sin((lon2 - lon1) * RAD / 2);
    var a = s1 * s1 + cos1 * Math.cos(p2) * s2 * s2;
    return 2 * R * Math.asin(Math.sqrt(a));
  }

  /* Nothing to decode: a point is stored as its offset from its cell's south-west corner, two
   * unsigned 16-bit integers in units of 1/meta.scale degree, and read only when the search
   * visits its cell. (A pass over 30,000 points on a page's first search, before the JIT has
   * warmed up, cost 20 ms.) */
  function prepare(meta, buffer) {
    var grid = meta.grid, start = new Int32Array(grid.counts.length + 1);
    for (var c = 0; c < grid.counts.length; c++) start[c + 1] = start[c] + grid.counts[c];
    return {
      // Typed arrays read the platform's byte order: little-endian on every device browsers run on.
      n: buffer.byteLength / 4, pairs: new Uint16Array(buffer), scale: meta.scale,
      lat0: grid.lat0, lon0: grid.lon0, cell: grid.cell, rows: grid.rows, cols: grid.cols, start: start,
      cosMax: Math.cos(grid.max_abs_lat / meta.scale * RAD), meta: meta
    };
  }

  /* The search allocates nothing per point, so no garbage collection pauses it. */
  var bestKm = new Float64Array(MAX_K), bestIndex = new Int32Array(MAX_K), bestCount = 0, bestK = 0;
  var bestLat = new Float64Array(MAX_K), bestLon = new Float64Array(MAX_K);

  function consider(p1, cos1, qLon, i, lat, lon) {
    var d = haversine(p1, cos1, qLon, lat, lon);
    var last = bestCount - 1;
    if (bestCount === bestK && (d > bestKm[last] || (d === bestKm[last] && i > bestIndex[last]))) return;
    var j = bestCount === bestK ? last : bestCount++;
    while (j > 0 && (bestKm[j - 1] > d || (bestKm[j - 1] === d && bestIndex[j - 1] > i))) {
      bestKm[j] = bestKm[j - 1];
      bestIndex[j] = bestIndex[j - 1];
      bestLat[j] = bestLat[j - 1];
      bestLon[j] = bestLon[j - 1];
      j--;
    }
    bestKm[j] = d;
    bestIndex[j] = i;
    bestLat[j] = lat;
    bestLon[j] = lon;
  }

  function visitCell(P, p1, cos1, qLon, y, x) {
    if (y < 0 || y >= P.rows || x < 0 || x >= P.cols) return;
    var c = y * P.cols + x, south = P.lat0 + y * P.cell, west = P.lon0 + x * P.cell;
    for (var i = P.start[c], end = P.start[c + 1]; i < end; i++) {
      // Integers below 2^31 add exactly: the same degrees as the Python side's scaled / SCALE.
      consider(p1, cos1, qLon, i, (south + P.pairs[2 * i]) / P.scale, (west + P.pairs[2 * i + 1]) / P.scale);
    }
  }

  /* The k nearest points of P as [{index, km, lat, lon}], nearest first; equal distances keep
   * the canonical order. */
  function nearest(P, qLat, qLon, k) {
    bestK = Math.min(k, MAX_K);
    bestCount = 0;
    if (P.n) {
      var p1 = qLat * RAD, cos1 = Math.cos(p1);
      var cy = Math.floor((qLat * P.scale - P.lat0) / P.cell), cx = Math.floor((qLon * P.scale - P.lon0) / P.cell);
      for (var r = 0; ; r++) {
        if (r === 0) visitCell(P, p1, cos1, qLon, cy, cx);
        else {
          for (var x = cx - r; x <= cx + r; x++) {
            visitCell(P, p1, cos1, qLon, cy - r, x);
            visitCell(P, p1, cos1, qLon, cy + r, x);
          }
          for (var y = cy - r + 1; y <= cy + r - 1; y++) {
            visitCell(P, p1, cos1, qLon, y, cx - r);
            visitCell(P, p1, cos1, qLon, y, cx + r);
          }
        }
        if (cy - r <= 0 && cy + r >= P.rows - 1 && cx - r <= 0 && cx + r >= P.cols - 1) break;
        if (bestCount === bestK && outsideBound(P, qLat, qLon, cos1, cy, cx, r) >= bestKm[bestCount - 1]) break;
      }
    }
    var found = [];
    for (var n = 0; n < bestCount; n++) {
      found.push({ index: bestIndex[n], km: bestKm[n], lat: bestLat[n], lon: bestLon[n] });
    }
    return found;
  }

  /* No point outside the (2r+1)² cells around (cy, cx) is nearer than this: its latitude or its
   * longitude differs by at least the distance to the square's edge, and
   * hav θ ≥ cos φ1 · cos φ2 · hav Δλ with cos φ2 ≥ cos(max |lat| of the points). */
  function outsideBound(P, qLat, qLon, cos1, cy, cx, r) {
    var south = (P.lat0 + (cy - r) * P.cell) / P.scale, north = (P.lat0 + (cy + r + 1) * P.cell) / P.scale;
    var west = (P.lon0 + (cx - r) * P.cell) / P.scale, east = (P.lon0 + (cx + r + 1) * P.cell) / P.scale;
    // Less a hair (1e-9°, 0.1 mm): cells are exact in scaled integers, their edges here are not.
    var dLat = Math.max(0, Math.min(qLat - south, north - qLat) - 1e-9) * RAD;
    var dLon = Math.max(0, Math.min(qLon - west, east - qLon) - 1e-9) * RAD;
    var byLat = R * dLat;
    var s = Math.sqrt(Math.max(0, cos1 * P.cosMax)) * Math.sin(Math.min(dLon, Math.PI) / 2);
    var byLon = 2 * R * Math.asin(Math.min(1, s));
    return Math.min(byLat, byLon);
  }

  /* Whether a position lies in a cell of the country mask (meta.land: cells near a 2025 commune
   * centre, rows from the south, bits packed in base 64 as nearest.py writes them). */
  function inCountry(land, lat, lon) {
    var row = Math.floor((lat - land.lat0) / land.step), col = Math.floor((lon - land.lon0) / land.step);
    if (row < 0 || row >= land.rows || col < 0 || col >= land.cols) return false;
    var bit = row * land.cols + col;
    var value = land.alphabet.indexOf(land.bits.charAt(Math.floor(bit / 6)));
    return ((value >> (5 - bit % 6)) & 1) === 1;
  }

  return {
    prepare: prepare, nearest: nearest, inCountry: inCountry, MAX_K: MAX_K
  };
});
