// Runs queries over a built site's search index as search.js does (placesOf.answer), for
// tests/test_search_typed.py: node tests/js/run_queries.js SITE QUERIES.json → for each query,
// the codes of its first five results and the label of the place it put first.
"use strict";
const fs = require("fs");
const path = require("path");
const core = require("../../site_src/assets/search-core.js");
const placesOf = require("../../site_src/assets/places.js");

const [site, file] = process.argv.slice(2);
const dir = path.join(site, "tim-kiem");
const read = (name) => JSON.parse(fs.readFileSync(path.join(dir, name), "utf8"));
const meta = read("meta.json");
const R = core.ranker(meta);
const named = placesOf.places(read(meta.places), meta);
const CODE = meta.layouts.point.indexOf("code");
const shards = new Map(), chunks = new Map();
const shard = (key) => shards.get(key) || shards.set(key, read("t/" + key + ".json")).get(key);
const chunk = (n) => chunks.get(n) || chunks.set(n, read("d/" + n + ".json")).get(n);

function run(typed) {
  const text = core.asked(typed); // as search.js
  let terms = R.parse(text);
  if (!terms.length) return { codes: [], place: "" };
  // As search.js: one word too short to look up is left out unless other words name a place.
  if (terms.length === 1 && terms[0].word.length < R.keyLength(terms[0].word)) {
    if (core.words(text).length < 2) return { codes: [], place: "" };
    terms = [];
  }
  const loaded = {};
  terms.concat(R.pairsOf(terms)).forEach((term) => {
    term.forms.forEach((form) => R.shardsFor(form).forEach((key) => { loaded[key] = shard(key); }));
  });
  // As search.js: the shards of pre-2025 communes the text may name ("xa nam son").
  named.oldShards(text).forEach((key) => named.addOld(key, read(meta.oldCommunes.dir + key + ".json")));
  // As search.js: the communes' centres of the province of a place with no point yet.
  const province = named.centresWanted(text);
  if (province !== null) named.addCentres(province, read(meta.centres + province + ".json"));
  const result = placesOf.answer(R, named, text, terms, loaded, {}, 0);
  const codes = result.hits.slice(0, 5).map((id) => chunk(Math.floor(id / meta.chunk)).p[id % meta.chunk][CODE]);
  return { codes: codes, place: result.place ? result.place.label : "" };
}

const queries = JSON.parse(fs.readFileSync(file, "utf8"));
process.stdout.write(JSON.stringify(queries.map(run)));
