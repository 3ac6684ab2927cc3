// Places a query names, on a hand-made table whose answers are known by construction.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const shared = require("./place_table.js");
const core = require("../../site_src/assets/places.js");
const indexMeta = require("./index_meta.js");

const meta = {
  layouts: indexMeta.layouts,
  provinces: [["ho-chi-minh", "Thành phố Hồ Chí Minh", 0, 6], ["gia-lai", "Tỉnh Gia Lai", 6, 3]],
};
const table = {
  ...shared,
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

// Pre-2025 communes, fetched by shard (xa-cu/<first letter>.json) only for a query that starts
// with a commune's kind. District 0 is Quận 1 (Hồ Chí Minh), 1 Thủ Dầu Một (Bình Dương).
const oldShardFiles = {
  "xa-cu/n.json": { layouts: { commune: ["name", "district", "communes"] }, rows: [["Xã Nam Sơn", 0, [1]], ["Xã Nam Sơn", 1, [2]]] },
  "xa-cu/s.json": { layouts: { commune: ["name", "district", "communes"] }, rows: [["Phường Sài Gòn", 0, [0]]] },
  "xa-cu/0.json": { layouts: { commune: ["communes", "name", "district"] }, rows: [[[1], "Phường 12", 0]] },
};
function withOldCommunes() {
  const asked = [];
  const named = core.places(table, Object.assign({ oldCommunes: { dir: "xa-cu/", shards: ["0", "n", "s"] } }, meta));
  const get = (path) => { asked.push(path); return oldShardFiles[path] ? Promise.resolve(oldShardFiles[path]) : Promise.reject(new Error(path)); };
  const oldLabels = (text) => named.recognise(text, true).map((p) => p.label + " — " + p.count);
  return { named, asked, get, oldLabels };
}

test("only a query that starts with a commune's kind asks for the pre-2025 communes of its first letter", () => {
  const { named } = withOldCommunes();
  assert.deepEqual(named.oldShards("xa nam son"), ["n"]);
  assert.deepEqual(named.oldShards("Phường Nam Sơn"), ["n"]);
  assert.deepEqual(named.oldShards("p 12"), ["0"]);
  assert.deepEqual(named.oldShards("p12"), ["0"]);
  assert.deepEqual(named.oldShards("thi tran nam"), ["n"]);
  for (const typed of ["nam son", "quan 1", "xa", "binh duong", "h. nam son", "xa kien"]) {
    assert.deepEqual(named.oldShards(typed), [], typed); // no kind, another kind, no such shard
  }
  // Without the manifest's entry (an older index) nothing is asked.
  assert.deepEqual(places.oldShards("xa nam son"), []);
});

test("an old commune typed with its kind offers each old commune of that name, where it was and what took it", async () => {
  const { named, asked, get, oldLabels } = withOldCommunes();
  assert.deepEqual(oldLabels("xa nam son"), []); // not fetched yet
  await named.withOld("xa nam son", get);
  assert.deepEqual(asked, ["xa-cu/n.json"]);
  assert.deepEqual(oldLabels("xa nam son"), [
    "Xã Nam Sơn cũ (Thành phố Thủ Dầu Một, Bình Dương), nay thuộc Phường Thủ Dầu Một — 3",
    "Xã Nam Sơn cũ (Quận 1, Hồ Chí Minh), nay thuộc Phường Bến Thành — 1",
  ]);
  assert.deepEqual(core.placeIds(named.recognise("Xã Nam Sơn", true)[0]), [3, 4, 5]);
  assert.deepEqual(named.oldShards("xa nam son"), []); // fetched once
  // Not as a part of a longer query, nor by the callers that do not ask for them.
  assert.equal(named.within("buu dien xa nam son"), null);
  assert.deepEqual(named.recognise("xa nam son"), []);
  // Nor a kind that is not a commune's.
  assert.deepEqual(oldLabels("huyen nam son"), []);
});

test("a numbered old ward needs its kind, and a 2025 commune of the name comes first, not twice", async () => {
  const { named, get, oldLabels } = withOldCommunes();
  await Promise.all(["p 12", "p sai gon"].map((text) => named.withOld(text, get)));
  assert.deepEqual(oldLabels("p 12"), ["Phường 12 cũ (Quận 1, Hồ Chí Minh), nay thuộc Phường Bến Thành — 1"]);
  for (const typed of ["phuong 12", "p12", "p.12", "phuong12", "Phường 12"]) assert.deepEqual(oldLabels(typed), oldLabels("p 12"), typed);
  assert.deepEqual(oldLabels("12"), []);
  // The old Phường Sài Gòn is in the 2025 one: one choice.
  assert.deepEqual(oldLabels("p sai gon"), ["Phường Sài Gòn, TP Hồ Chí Minh — 2"]);
});

test("a shard that cannot be fetched leaves the places as they were", async () => {
  const { named, get, oldLabels } = withOldCommunes();
  const meta2 = Object.assign({}, meta, { oldCommunes: { dir: "missing/", shards: ["n"] } });
  const broken = core.places(table, meta2);
  assert.equal(await broken.withOld("xa nam son", get), broken);
  assert.deepEqual(broken.recognise("xa nam son", true), []);
  assert.deepEqual(broken.oldShards("xa nam son"), ["n"]); // asked again next time
  assert.equal(await named.withOld("quan 1", get), named);
  assert.deepEqual(oldLabels("quan 1"), ["Quận 1 cũ (TP Hồ Chí Minh) — 3"]);
});
