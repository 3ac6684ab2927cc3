// Queries as citizens type them on a phone: Telex leftovers with the Vietnamese keyboard off, and
// misspelt places answered with the nearest place's points. Hand-made index and place table whose
// answers are known by construction.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const shared = require("./place_table.js");
const core = require("../../site_src/assets/search-core.js");
const placesOf = require("../../site_src/assets/places.js");
const indexMeta = require("./index_meta.js");

// Points: 0–1 in Phường Sài Gòn, 2 in Xã Bình Dương (Gia Lai), 3–4 in Xã Điện Biên (Gia Lai).
// Point 0 is "Bưu điện Sài Gòn", point 3 "Bưu điện Đường Điện Biên".
const shards = {
  bu: { buu: ["1 3"], buu_dien: ["1 3"] },
  di: { dien: ["1 3 1"], dien_bien: ["4 1"] },
  bi: { binh: ["3"], binh_duong: ["3"], bien: ["4 1"] },
  du: { duong: ["3 1"] },
  sa: { sai: ["1 1"], sai_gon: ["1 1"] },
  go: { gon: ["1 1"] },
  co: { coop: ["", "2"] },
  ta: { tan: ["", "", "5"], tan_thong: ["", "", "5"] }, // point 4's commune was Xã Tân Thông Hội
  th: { thong: ["", "", "5"], thong_hoi: ["", "", "5"] },
  ho: { hoi: ["", "", "5"] },
  be: { ben: ["", "4"] }, // point 3's address: "… bến …"
};
const meta = {
  ...indexMeta,
  n: 5,
  shards: Object.keys(shards),
  provinces: [["ho-chi-minh", "Thành phố Hồ Chí Minh", 0, 2], ["gia-lai", "Tỉnh Gia Lai", 2, 3]],
  agent: {},
  types: "kkkkk",
};
const table = {
  ...shared,
  abbreviations: { q: "quan", tp: "thanh pho", p: "phuong", tx: "thi xa", tt: "thi tran", x: "xa" },
  aliases: { hcm: ["P0"], tthue: ["P1"], dn: ["P0", "P1"] },
  communes: [
    ["Phường Sài Gòn", 0, 0, 2],
    ["Xã Bình Dương", 1, 2, 1],
    ["Xã Điện Biên", 1, 3, 2],
    ["Phường Võ Thị Sáu", 0, 0, 0], // no point yet
    ["Phường Bưu Điện", 0, 0, 0], // no point yet, its words those of points elsewhere
  ],
  old: [["Thành phố Hồ Chí Minh", 0, 1]],
  districts: [["Thành phố Thuận An", 0, [0]], ["Quận 1", 0, [1]], ["Huyện Bưu Điện Sài Gòn", 0, [3]]],
};
const R = core.ranker(meta);
const named = placesOf.places(table, meta);

function answer(text) {
  const terms = R.parse(text);
  const loaded = {};
  terms.concat(R.pairsOf(terms)).forEach((term) => {
    term.forms.forEach((form) => R.shardsFor(form).forEach((key) => { loaded[key] = shards[key] || {}; }));
  });
  return placesOf.answer(R, named, text, terms, loaded, {}, 0);
}

test("a Telex leftover is read as the word it was meant to be", () => {
  const cases = {
    nguyeenx: "nguyen", dduwowngf: "duong", binhf: "binh", truwowngf: "truong", taay: "tay",
    ddaak: "dak", lawsk: "lak", quyeets: "quyet", thoj: "tho",
    // VNI: marks as digits after the letters.
    nguye6n4: "nguyen", d9ie65n: "dien", binh2: "binh", duo7ng2: "duong",
  };
  for (const [typed, plain] of Object.entries(cases)) assert.equal(core.untelex(typed), plain, typed);
});

test("a folded word, a code or a word of another language keeps its own form", () => {
  for (const word of ["nguyen", "dien", "xa", "tinh", "viettel", "hcm", "q1", "p12", "kp1", "912345", "krong", "tr", "1a"]) {
    assert.equal(core.untelex(word), null, word);
  }
});

test("a place typed in Telex is recognised", () => {
  for (const typed of ["binhf dduwowng", "Binhf Duwowngf", "xax binhf duwowngf", "ddieenj bieen"]) {
    const found = named.recognise(typed);
    assert.ok(found.length, typed);
    assert.match(found[0].name, typed.includes("ddi") ? /Điện Biên/ : /Bình Dương/, typed);
  }
});

test("words typed in Telex find the points that have them", () => {
  assert.deepEqual(answer("buwu ddieenj").hits.slice(0, 2).sort(), [0, 3]);
  assert.deepEqual(answer("dduwowngf").hits, [2, 3]);
});

test("đ typed as dd finds the place", () => {
  assert.deepEqual(placesOf.placeIds(named.recognise("ddien bien")[0]), [3, 4]);
});

test("a misspelt place with no other result is answered with the nearest place's points", () => {
  for (const typed of ["dien bein", "dienn bien", "xa dien bine", "sai gonn"]) {
    const result = answer(typed);
    assert.equal(result.corrected, true, typed);
    assert.deepEqual(result.hits, typed.startsWith("sai") ? [0, 1] : [3, 4], typed);
    assert.equal(result.place, result.suggestion.place);
  }
});

test("a query with results is not corrected, and nothing near means no result", () => {
  assert.equal(answer("dien bien").corrected, undefined);
  assert.deepEqual(answer("dien bien").hits.slice(0, 2), [3, 4]);
  const none = answer("xyzxyzxyz");
  assert.deepEqual(none.hits, []);
  assert.equal(none.suggestion, null);
});

test("a filter that leaves none of the nearest place's points shows no result", () => {
  const terms = R.parse("dien bein");
  const result = placesOf.answer(R, named, "dien bein", terms, {}, { province: "ho-chi-minh" }, 0);
  assert.deepEqual(result.hits, []);
  assert.equal(result.suggestion.text, "Xã Điện Biên");
});

test("a district or town typed with its former kind is still recognised", () => {
  for (const typed of ["thi xa thuan an", "tx thuan an", "tp thuan an"]) {
    assert.deepEqual(named.recognise(typed).map((p) => p.name), ["Thành phố Thuận An"], typed);
  }
});

test("a commune's kind or a number is never taken for another kind", () => {
  assert.deepEqual(named.recognise("xa thuan an"), []);
  assert.deepEqual(named.recognise("phuong thuan an"), []);
  assert.deepEqual(named.recognise("p 1"), []);
  assert.deepEqual(named.recognise("q 1").map((p) => p.name), ["Quận 1"]);
});

test("an alias that starts like a kind is the alias", () => {
  assert.deepEqual(named.recognise("tt hue").map((p) => p.name), ["Tỉnh Gia Lai"]);
  assert.deepEqual(named.recognise("TT. Huế").map((p) => p.name), ["Tỉnh Gia Lai"]);
});

test("an alias of several places offers each", () => {
  assert.deepEqual(named.recognise("dn").map((p) => p.name).sort(), ["Thành phố Hồ Chí Minh", "Tỉnh Gia Lai"]);
});

test("a kind's abbreviation that nothing has is left out of the words search", () => {
  for (const typed of ["x. tan thong hoi", "x tan thong hoi ", "p.tan thong hoi"]) {
    assert.deepEqual(answer(typed).hits, [4], typed);
  }
  // With every word found, nothing is left out.
  assert.deepEqual(answer("tan thong hoi").hits, [4]);
});

test("a misspelt place found only by the start of a word before the last comes first", () => {
  const result = answer("die bien"); // "die" starts "dien": the words alone find point 3
  assert.equal(result.corrected, true);
  assert.equal(result.place.name, "Xã Điện Biên");
  assert.deepEqual(result.hits, [3, 4]);
});

test("the last word being typed is a start, not a typo", () => {
  const result = answer("dien bie");
  assert.equal(result.corrected, undefined);
  assert.deepEqual(result.hits.slice(0, 2), [3, 4]);
});

test("a number after words is a whole word, not a start still being typed", () => {
  assert.deepEqual(R.parse("thon 9").map((t) => t.word), ["thon", "9"]);
  assert.deepEqual(R.parse("khu pho 15").map((t) => t.word), ["khu", "pho", "15"]);
  assert.deepEqual(R.parse("buu dien t").map((t) => t.word), ["buu", "dien"]);
});

test("in a place named within the query, the points with every word typed come first", () => {
  // Point 0 "Cửa hàng Viettel Mường Hoa", point 1 "Cửa hàng Viettel Tân Lạc", both in Xã Mường
  // Hoa, which took the territory of Huyện Tân Lạc (pre-2025 name: class 2 for point 0).
  const tanLac = {
    cu: { cua: ["1 1"], cua_hang: ["1 1"] },
    ha: { hang: ["1 1"], hang_viettel: ["1 1"] },
    vi: { viettel: ["1 1"], viettel_tan: ["2"] },
    ta: { tan: ["2", "", "1"], tan_lac: ["2", "", "1"] },
    la: { lac: ["2", "", "1"] },
  };
  const m = Object.assign({}, meta, {
    n: 2, shards: Object.keys(tanLac), provinces: [["phu-tho", "Tỉnh Phú Thọ", 0, 2]], types: "kk",
  });
  const t = Object.assign({}, table, {
    aliases: {}, communes: [["Xã Mường Hoa", 0, 0, 2]], old: [["Tỉnh Hòa Bình", 0, 0]],
    districts: [["Huyện Tân Lạc", 0, [0]]],
  });
  const ranker = core.ranker(m), text = "cua hang viettel tan lac", terms = ranker.parse(text);
  const result = placesOf.answer(ranker, placesOf.places(t, m), text, terms, tanLac, {}, 0);
  assert.equal(result.place.name, "Huyện Tân Lạc");
  assert.deepEqual(result.hits, [1, 0]);
});

test("a commune and its province typed together are that commune, whichever comes first", () => {
  // Two communes named Điện Biên: one in Gia Lai (points 3–4), one in TP Hồ Chí Minh (point 1).
  const t = Object.assign({}, table, {
    communes: [["Phường Sài Gòn", 0, 0, 1], ["Xã Điện Biên", 0, 1, 1], ["Xã Bình Dương", 1, 2, 1], ["Xã Điện Biên", 1, 3, 2]],
  });
  const two = placesOf.places(t, meta);
  for (const typed of ["dien bien gia lai", "xa dien bien, tinh gia lai", "gia lai dien bien"]) {
    const terms = R.parse(typed);
    const result = placesOf.answer(R, two, typed, terms, {}, {}, 0);
    assert.equal(result.place.name, "Xã Điện Biên", typed);
    assert.deepEqual(result.hits.slice(0, 2), [3, 4], typed);
  }
  const hcm = placesOf.answer(R, two, "dien bien hcm", R.parse("dien bien hcm"), {}, {}, 0);
  assert.deepEqual(hcm.hits.slice(0, 1), [1]);
});

test("a one-word kind that may start a name is not dropped to find another place", () => {
  const t = Object.assign({}, table, { communes: table.communes.concat([["Xã Sơn Thành", 1, 2, 1]]) });
  const two = placesOf.places(t, meta);
  assert.deepEqual(two.recognise("quan son thanh"), []);
  assert.deepEqual(two.recognise("tx son thanh").map((p) => p.name), ["Xã Sơn Thành"]);
});

test("a kind's abbreviation is no misspelling: the words found are the answer", () => {
  // Xã Tân Long Hội is one letter from "tan thong hoi", which point 4 has as its pre-2025 name.
  const t = Object.assign({}, table, { communes: table.communes.concat([["Xã Tân Long Hội", 0, 0, 1]]) });
  const near = placesOf.places(t, meta), text = "x. tan thong hoi", terms = R.parse(text);
  const loaded = {};
  terms.concat(R.pairsOf(terms)).forEach((term) => {
    term.forms.forEach((form) => R.shardsFor(form).forEach((key) => { loaded[key] = shards[key] || {}; }));
  });
  const result = placesOf.answer(R, near, text, terms, loaded, {}, 0);
  assert.equal(result.corrected, undefined);
  assert.deepEqual(result.hits, [4]);
});

test("a number after a kind names a unit and is left to the place table while typed", () => {
  const withKinds = core.ranker(Object.assign({}, meta, { kinds: ["p", "phuong", "q", "quan"] }));
  assert.deepEqual(withKinds.parse("quan 1").map((t) => t.word), ["quan"]);
  assert.deepEqual(withKinds.parse("p 12").map((t) => t.word), ["p"]);
  assert.deepEqual(withKinds.parse("thon 9").map((t) => t.word), ["thon", "9"]);
  assert.deepEqual(withKinds.parse("quan 1 ").map((t) => t.word), ["quan", "1"]);
});

test("words before a place named at the end are whole: their number is kept", () => {
  // Point 4's commune was "Xã Tân Thông Hội 2" (pre-2025) in Huyện Thuận An, now Xã Điện Biên.
  const numbered = Object.assign({}, shards, { _: { 2: ["", "", "5"] } });
  const m = Object.assign({}, meta, { kinds: ["x", "xa"], shards: Object.keys(numbered) });
  const t = Object.assign({}, table, { districts: [["Huyện Thuận An", 0, [2]]] });
  const ranker = core.ranker(m), near = placesOf.places(t, m), text = "x 2 thuan an", terms = ranker.parse(text);
  const loaded = {};
  terms.concat(ranker.pairsOf(terms)).forEach((term) => {
    term.forms.forEach((form) => ranker.shardsFor(form).forEach((key) => { loaded[key] = numbered[key] || {}; }));
  });
  const result = placesOf.answer(ranker, near, text, terms, loaded, {}, 0);
  assert.equal(result.place.name, "Huyện Thuận An");
  assert.deepEqual(result.hits, [4]);
});

test("a text of no word is parsed as no term, and answered with nothing", () => {
  const ranker = core.ranker(meta), near = placesOf.places(table, meta);
  for (const text of ["(((", "?", "   ", "<>", "[", "\u200b", "🙂", ""]) {
    const terms = ranker.parse(text);
    assert.deepEqual(terms, [], text);
    assert.deepEqual(placesOf.answer(ranker, near, text, terms, {}, {}, 0).hits, [], text);
  }
});

test("a place with no point yet is answered with its province's points, and said so", () => {
  for (const typed of ["vo thi sau", "phuong vo thi sau", "P. Võ Thị Sáu"]) {
    const result = answer(typed);
    assert.equal(result.unserved.name, "Phường Võ Thị Sáu", typed);
    assert.equal(result.place.name, "Thành phố Hồ Chí Minh", typed);
    assert.deepEqual(result.hits, [0, 1], typed);
  }
});

test("a commune with no point yet whose words are found elsewhere needs its kind to be answered so", () => {
  assert.equal(answer("buu dien").unserved, undefined);
  assert.deepEqual(answer("buu dien").hits.slice().sort(), [0, 3]);
  assert.equal(answer("phuong buu dien").unserved.name, "Phường Bưu Điện");
  // A district is not named after a street: without its kind, and its words found elsewhere.
  const district = answer("buu dien sai gon");
  assert.equal(district.unserved.name, "Huyện Bưu Điện Sài Gòn");
  assert.equal(district.place.name, "Thành phố Hồ Chí Minh");
  // A place with points of the same name is the answer, never the province.
  assert.equal(answer("p sai gon").unserved, undefined);
  assert.equal(answer("p sai gon").place.name, "Phường Sài Gòn");
});

test("with the centres of its province's communes, a place with no point yet lists the nearest first", () => {
  const near = {
    ...meta,
    n: 3,
    provinces: [["ho-chi-minh", "Thành phố Hồ Chí Minh", 0, 3]],
    centres: "toa-do/",
  };
  const places = placesOf.places({
    ...shared,
    abbreviations: { p: "phuong" },
    aliases: {},
    communes: [
      ["Phường Tân Định", 0, 0, 1],
      ["Phường Bến Thành", 0, 1, 1],
      ["Phường Cầu Kho", 0, 2, 1],
      ["Phường Đa Kao", 0, 0, 0], // no point yet
    ],
    old: [],
    districts: [],
  }, near);
  const ranker = core.ranker(near);
  const ask = (text) => placesOf.answer(ranker, places, text, ranker.parse(text), {}, {}, 0);
  assert.equal(places.centresWanted("p da kao"), 0);
  assert.equal(places.centresWanted("p tan dinh"), null); // it has points
  assert.deepEqual(ask("p da kao").hits, [0, 1, 2]); // the province's order, without the centres
  assert.equal(ask("p da kao").nearestFirst, false);
  places.addCentres(0, { first: 0, at: [[10.0, 106.0], [10.5, 106.5], [11.0, 107.0], [10.9, 106.9]] });
  assert.equal(places.centresWanted("p da kao"), null); // given once
  assert.deepEqual(ask("p da kao").hits, [2, 1, 0]);
  assert.equal(ask("p da kao").nearestFirst, true);
  assert.equal(ask("p da kao").place.name, "Thành phố Hồ Chí Minh");
});

test("words that only name the service are left out when others remain", () => {
  assert.equal(core.asked("Điểm thu BHXH Quận 1"), "quan 1");
  assert.equal(core.asked("đại lý thu bảo hiểm y tế p sai gon"), "p sai gon");
  assert.equal(core.asked("noi thu bhyt"), "noi thu bhyt"); // nothing else: as typed
  assert.equal(core.asked("thu duc"), "thu duc"); // "thu" alone is a word of names
  assert.equal(core.asked("bhxhx sai gon"), "bhxhx sai gon"); // whole words only
  const result = answer(core.asked("diem thu bhxh p sai gon"));
  assert.equal(result.place.name, "Phường Sài Gòn");
  assert.deepEqual(result.hits, [0, 1]);
});

test("a 2025 commune with no point yet is offered before the pre-2025 communes of its name", () => {
  const named2 = placesOf.places(table, { ...meta, oldCommunes: { dir: "xa-cu/", shards: ["v"] } });
  named2.addOld("v", { layouts: { commune: ["name", "district", "communes"] }, rows: [["Phường Võ Thị Sáu", 1, [1]]] });
  const ask = (choice) => placesOf.answer(R, named2, "p vo thi sau", R.parse("p vo thi sau"), {}, {}, choice);
  assert.deepEqual(ask(0).places.map((p) => p.name + " — " + p.count), ["Phường Võ Thị Sáu — 0", "Phường Võ Thị Sáu — 1"]);
  assert.equal(ask(0).unserved.name, "Phường Võ Thị Sáu");
  assert.equal(ask(0).place.name, "Thành phố Hồ Chí Minh");
  assert.deepEqual(ask(0).hits, [0, 1]);
  // The pre-2025 one, chosen: the points of the commune that took it.
  assert.equal(ask(1).unserved, undefined);
  assert.deepEqual(ask(1).hits, [2]);
});

test("words found whole but never side by side in a name are a place one letter away, first", () => {
  const result = answer("dien ben"); // point 3 has both words, apart
  assert.equal(result.corrected, true);
  assert.equal(result.place.name, "Xã Điện Biên");
  assert.deepEqual(result.hits, [3, 4]);
  // Side by side in a name ("Bưu điện Sài Gòn"): what the words found, uncorrected.
  assert.equal(answer("buu dien").corrected, undefined);
});
