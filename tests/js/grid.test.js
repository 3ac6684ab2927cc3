// The finder's grid search against a brute force written here, and the country mask.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const grid = require("../../site_src/assets/grid.js");
const common = require("../../site_src/assets/common.js");

const R = 6371.0088;
function bruteKm(lat1, lon1, lat2, lon2) {
  const rad = Math.PI / 180;
  const a = Math.sin((lat2 - lat1) * rad / 2) ** 2 +
    Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin((lon2 - lon1) * rad / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(a));
}

// A 3 × 4 grid of 0.2° cells from (10°N, 105°E); points given in degrees, stored as the files do:
// 16-bit offsets from their cell's corner in units of 1/250,000 degree.
const SCALE = 250000, CELL = 50000, LAT0 = 10 * SCALE, LON0 = 105 * SCALE, ROWS = 3, COLS = 4;
function build(points) {
  const cells = points.map(([lat, lon]) => {
    const y = Math.floor((Math.round(lat * SCALE) - LAT0) / CELL), x = Math.floor((Math.round(lon * SCALE) - LON0) / CELL);
    return y * COLS + x;
  });
  const order = points.map((_, i) => i).sort((a, b) => cells[a] - cells[b] || a - b);
  const counts = new Array(ROWS * COLS).fill(0);
  const pairs = new Uint16Array(points.length * 2);
  order.forEach((i, n) => {
    counts[cells[i]] += 1;
    pairs[2 * n] = (Math.round(points[i][0] * SCALE) - LAT0) % CELL;
    pairs[2 * n + 1] = (Math.round(points[i][1] * SCALE) - LON0) % CELL;
  });
  const meta = { scale: SCALE, grid: { cell: CELL, lat0: LAT0, lon0: LON0, rows: ROWS, cols: COLS, counts, max_abs_lat: 10.6 * SCALE } };
  return { prepared: grid.prepare(meta, pairs.buffer), order };
}

test("one degree of latitude is 111.195 km on the project's sphere", () => {
  assert.ok(Math.abs(common.distanceKm(0, 0, 1, 0) - 6371.0088 * Math.PI / 180) < 1e-9);
  // A quarter of the equator.
  assert.ok(Math.abs(common.distanceKm(0, 0, 0, 90) - 6371.0088 * Math.PI / 2) < 1e-6);
});

test("the k nearest are the brute force's k nearest, in order", () => {
  let seed = 7;
  const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  // Positions as the finder stores them: whole units of 1/SCALE degree.
  const points = Array.from({ length: 200 }, () => [10 + random() * 0.6, 105 + random() * 0.8])
    .map(([lat, lon]) => [Math.round(lat * SCALE) / SCALE, Math.round(lon * SCALE) / SCALE]);
  const { prepared, order } = build(points);
  for (let q = 0; q < 30; q++) {
    const lat = 9.8 + random() * 1.0, lon = 104.8 + random() * 1.2;
    const expected = points.map((p, i) => [bruteKm(lat, lon, p[0], p[1]), i])
      .sort((a, b) => a[0] - b[0] || a[1] - b[1]).slice(0, 5).map((e) => e[1]);
    const found = grid.nearest(prepared, lat, lon, 5).map((f) => order[f.index]);
    assert.deepEqual(found, expected, `query ${lat},${lon}`);
  }
});

test("fewer points than asked gives them all", () => {
  const { prepared } = build([[10.1, 105.1], [10.5, 105.7]]);
  assert.equal(grid.nearest(prepared, 10, 105, 5).length, 2);
});

test("the country mask reads one bit per cell, rows from the south", () => {
  // 2 rows × 3 columns: bits 101 / 010 → "101010" = 42 = "q" in base 64.
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const land = { lat0: 8, lon0: 102, step: 0.25, rows: 2, cols: 3, alphabet, bits: "q" };
  assert.equal(grid.inCountry(land, 8.1, 102.1), true);
  assert.equal(grid.inCountry(land, 8.1, 102.3), false);
  assert.equal(grid.inCountry(land, 8.1, 102.6), true);
  assert.equal(grid.inCountry(land, 8.3, 102.3), true);
  assert.equal(grid.inCountry(land, 8.3, 102.6), false);
  assert.equal(grid.inCountry(land, 13.75, 100.5), false); // outside the mask's box
});

test("offsets take 16 bits: a point at a cell's far corner reads back exactly", () => {
  const far = [10 + (CELL - 1) / SCALE, 105 + (4 * CELL - 1) / SCALE]; // the last unit of cell (0, 3)
  const { prepared } = build([far, [10.3, 105.3]]);
  assert.equal(prepared.pairs.BYTES_PER_ELEMENT, 2);
  const [found] = grid.nearest(prepared, far[0], far[1], 1);
  assert.deepEqual([found.lat, found.lon, found.km], [far[0], far[1], 0]);
});
