// Places a query names, on a hand-made table whose answers are known by construction.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const core = require("../../site_src/assets/places.js");

const meta = {
  layouts: { province: ["slug", "name", "first", "count"] },
  provinces: [["ho-chi-minh", "Thành phố Hồ Chí Minh", 0, 6], ["gia-lai", "Tỉnh Gia Lai", 6, 3]],
};
const table = {
  layouts: {
    commune: ["name", "province", "first", "count"],
    old: ["name", "province", "same"],
    district: ["name", "old", "communes"],
  },
  kinds: ["thanh pho", "thi tran", "dac khu", "thi xa", "phuong", "huyen", "quan", "tinh", "xa"],
  abbreviations: { q: "quan", tp: "thanh pho", p: "phuong" },
  aliases: { tphcm: ["P0"], hcm: ["P0"], saigon: ["P0"] },
  communes: [
    ["Phường Sài Gòn", 0, 0, 2], // ids 0–1
    ["Phường Bến Thành", 0, 2, 1], // id 2
    ["Phường Thủ Dầu Một", 0, 3, 3], // ids 3–5
    ["Xã Bình Dương", 1, 6, 1], // id 6
    ["Xã Điện Biên", 1, 7, 2], // ids 7–8
    ["Phường Bình Dương", 0, 0, 0], // no point
  ],
  old: [["Tỉnh Bình Dương", 0, 0], ["Thành phố Hồ Chí Minh", 0, 1]],
  districts: [["Quận 1", 1, [0, 1]], ["Thành phố Thủ Dầu Một", 0, [2, 5]]],
};
const places = core.places(table, meta);
const labels = (text) => places.recognise(text).map((p) => p.label + " — " + p.count);

test("an old province that is also a commune name offers both, the old province first", () => {
  assert.deepEqual(labels("binh duong"), [
    "Tỉnh Bình Dương cũ (nay thuộc TP Hồ Chí Minh) — 3",
    "Xã Bình Dương, Gia Lai — 1",
  ]);
  assert.deepEqual(core.placeIds(places.recognise("Bình Dương")[0]), [3, 4, 5]);
});

test("numbered districts need their kind, written in full, abbreviated or joined", () => {
  for (const typed of ["quan 1", "Quận 1", "q1", "q.1", "Q. 1", "quan1"]) {
    assert.deepEqual(labels(typed), ["Quận 1 cũ (TP Hồ Chí Minh) — 3"], typed);
  }
  assert.deepEqual(core.placeIds(places.recognise("q1")[0]), [0, 1, 2]);
  assert.deepEqual(labels("1"), []);
  assert.deepEqual(labels("p 1"), []);
});

test("abbreviations and aliases come from the table", () => {
  for (const typed of ["tphcm", "tp hcm", "TP. HCM", "hcm", "ho chi minh", "hochiminh"]) {
    assert.deepEqual(labels(typed), ["Thành phố Hồ Chí Minh — 6"], typed);
  }
  assert.deepEqual(labels("sai gon"), ["Thành phố Hồ Chí Minh — 6", "Phường Sài Gòn, TP Hồ Chí Minh — 2"]);
  assert.deepEqual(labels("p sai gon"), ["Phường Sài Gòn, TP Hồ Chí Minh — 2"]);
});

test("a place without points is not offered", () => {
  assert.ok(!labels("binh duong").some((l) => l.startsWith("Phường Bình Dương")));
});

test("a district of a province of the same name says where it is now", () => {
  assert.deepEqual(labels("thu dau mot").slice(0, 1), ["Thành phố Thủ Dầu Một cũ (tỉnh Bình Dương cũ, nay thuộc TP Hồ Chí Minh) — 3"]);
});

test("a misspelt place gets the nearest name by edit distance", () => {
  assert.equal(places.suggest("dien bein").text, "Xã Điện Biên");
  assert.equal(places.suggest("ben thanhh").text, "Phường Bến Thành");
  assert.equal(places.suggest("xyzxyzxyz"), null);
  assert.equal(places.suggest("ab"), null);
});

test("edit distance counts a swap of neighbours once and stops past its limit", () => {
  assert.equal(core.editDistance("kitten", "sitting", 5), 3);
  assert.equal(core.editDistance("bein", "bien", 2), 1);
  assert.equal(core.editDistance("abc", "abc", 1), 0);
  assert.equal(core.editDistance("abcdef", "uvwxyz", 2), 3);
  assert.equal(core.editDistance("a", "abcd", 1), 2);
});

test("a place at the end or the start of a longer query is found with the rest of the words", () => {
  const named = places.within("buu dien q1");
  assert.equal(named.place.label, "Quận 1 cũ (TP Hồ Chí Minh)");
  assert.equal(named.rest, "buu dien");
  assert.equal(places.within("tphcm buu dien").rest, "buu dien");
  assert.equal(places.within("viettel binh duong").place.label, "Tỉnh Bình Dương cũ (nay thuộc TP Hồ Chí Minh)");
  // One ordinary word is never taken for a place, even if a commune bears it.
  assert.equal(places.within("buu dien"), null);
});
