// The search's ranking over a hand-made index of four points, whose answers are known by
// construction (not computed with the implementation).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const core = require("../../site_src/assets/search-core.js");
const indexMeta = require("./index_meta.js");

// Points: 0 "Bưu điện Điện Biên" (agent: Viettel), 1 "Điểm thu Điện Biên Đông",
// 2 "Bưu điện An Biên", 3 "Cửa hàng Viettel" with the mobile 0912 345 678.
// Posting lists are base-36 deltas from -1, one list per class (name, fields, old name).
const shards = {
  bu: { buu: ["1 2"], buu_dien: ["1 2"] },
  di: { dien: ["1 1 1"], dien_bien: ["1 1"] },
  bi: { bien: ["1 1 1"], bien_dong: ["2"] },
  do: { dong: ["2"] },
  an: { an: [], an_bien: ["3"] },
  vi: { viettel: ["4", "1"] }, // in point 3's name, in point 0's agent
  912: { 912345678: ["", "4"] },
  _: { an: ["3"] },
};
const meta = {
  ...indexMeta,
  n: 4,
  shards: Object.keys(shards),
  provinces: [["dien-bien", "Tỉnh Điện Biên", 0, 2], ["an-giang", "Tỉnh An Giang", 2, 2]],
  agent: { "buu-dien": "b", viettel: "v" },
  types: "bkbv",
};

function search(text, filters) {
  const ranker = core.ranker(meta);
  const terms = ranker.parse(text);
  const loaded = {};
  terms.concat(ranker.pairsOf(terms)).forEach((term) => {
    term.forms.forEach((form) => ranker.shardsFor(form).forEach((key) => { loaded[key] = shards[key]; }));
  });
  return ranker.rank(terms, loaded, filters || {});
}

test("every word must match, and words side by side in a name rank first", () => {
  // 0 and 1 have "dien bien" side by side, 2 has the words apart; 3 has neither.
  assert.deepEqual(search("dien bien"), [0, 1, 2]);
  assert.deepEqual(search("buu dien"), [0, 2]);
  assert.deepEqual(search("Điện Biên Đông"), [1]);
});

test("a word long enough is matched as a prefix, an exact word beats a prefix", () => {
  assert.deepEqual(search("die"), [0, 1, 2]);
  assert.deepEqual(search("bie dong"), [1]);
});

test("a name beats another field", () => {
  // "viettel" is in point 3's name and point 0's agent: 3 first although its id is larger.
  assert.deepEqual(search("viettel"), [3, 0]);
});

test("phone digits typed in groups, with 0 or +84, find the phone", () => {
  for (const typed of ["0912 345 678", "0912345", "912 345", "+84 912 345 678"]) {
    assert.deepEqual(search(typed), [3], typed);
  }
});

test("filters keep one province or one agent type", () => {
  assert.deepEqual(search("dien bien", { province: "an-giang" }), [2]);
  assert.deepEqual(search("dien bien", { kind: "buu-dien" }), [0, 2]);
});

test("the word still being typed is left out while it is too short", () => {
  const ranker = core.ranker(meta);
  assert.deepEqual(ranker.parse("dien b").map((t) => t.word), ["dien"]);
  assert.deepEqual(ranker.parse("dien b ").map((t) => t.word), ["dien", "b"]);
  assert.deepEqual(ranker.shardsFor("a"), ["_"]);
});

test("provinceOf finds the province of an id", () => {
  const ranker = core.ranker(meta);
  assert.equal(ranker.provinceOf(1)[0], "dien-bien");
  assert.equal(ranker.provinceOf(3)[0], "an-giang");
});

test("matches marks the words a query found, by prefix once long enough", () => {
  const terms = core.ranker(meta).parse("dien bie");
  assert.deepEqual(core.matches("Bưu điện Điện Biên", terms), [[4, 8], [9, 13], [14, 18]]);
  assert.deepEqual(core.matches("Cửa hàng Viettel", terms), []);
});

test("phoneMatches finds a number typed with or without its 0, or without the area code", () => {
  const ranker = core.ranker(meta);
  assert.equal(core.phoneMatches("0912 345 678", ranker.parse("0912 345")), true);
  assert.equal(core.phoneMatches("0912 345 678", ranker.parse("912345")), true);
  assert.equal(core.phoneMatches("024 3492 8221", ranker.parse("34928")), true);
  assert.equal(core.phoneMatches("0912 345 678", ranker.parse("345678")), false);
});

test("a posting list joins its provinces' segments, each counted from its province's first id", () => {
  // Province 0 starts at id 0, province 1 at id 2: "0:2" is id 1, "1:1 1" are ids 2 and 3.
  const ranker = core.ranker({ ...meta, shards: ["ng"] });
  const loaded = { ng: { nguyen: ["0:2,1:1 1"] } };
  assert.deepEqual(ranker.rank(ranker.parse("nguyen"), loaded, {}), [1, 2, 3]);
});
