/* The places a query can name (tim-kiem/noi.json, generator/render/search_places.py): 2025
 * provinces and communes, pre-2025 provinces and districts, the reviewed aliases; and the
 * nearest place name to a misspelt query. Without the page: search.js uses it, tests/js/ runs it
 * under Node's test runner. */
(function (root, factory) {
  "use strict";
  var node = typeof require === "function";
  var api = factory(node ? require("./common.js") : root.dbCommon, node ? require("./search-core.js") : root.dbSearchCore);
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.dbPlaces = api;
})(this, function (common, core) {
  "use strict";
  var fold = common.fold, fields = common.fields, words = core.words, isDigits = core.isDigits;

  var ORDER = { P: 0, O: 1, D: 2, C: 3 }; // 2025 province, old province, old district, commune

  /* Optimal string alignment distance (a swap of two neighbours counts one: "bein" → "bien"),
   * or limit + 1 as soon as it must exceed limit. */
  function editDistance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var before = null, previous = [], current = [];
    for (var j = 0; j <= b.length; j++) previous[j] = j;
    for (var i = 1; i <= a.length; i++) {
      current = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
        if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          value = Math.min(value, before[j - 2] + 1);
        }
        current[j] = value;
        if (value < best) best = value;
      }
      if (best > limit) return limit + 1;
      before = previous;
      previous = current;
    }
    return previous[b.length];
  }

  /* short form of a 2025 province for labels: "Thành phố Hồ Chí Minh" → "TP Hồ Chí Minh". */
  function shortProvince(name) {
    return name.replace(/^Thành phố /, "TP ").replace(/^Tỉnh /, "tỉnh ");
  }

  function bareProvince(name) {
    return name.replace(/^(Thành phố|Tỉnh) /, "");
  }

  /* The place table with the index's provinces: recognise(text) → the places it names, best
   * first; suggest(text) → the nearest place name by spelling, or null. */
  function places(table, meta) {
    var P = fields(meta.layouts.province), C = fields(table.layouts.commune);
    var O = fields(table.layouts.old), D = fields(table.layouts.district);
    var kinds = table.kinds.map(function (kind) { return kind.split(" "); });
    var byKey = new Map(), all = [];

    function kindOf(name) {
      var w = words(name);
      for (var k = 0; k < kinds.length; k++) {
        if (kinds[k].every(function (part, i) { return w[i] === part; })) return table.kinds[k];
      }
      return "";
    }

    function bare(name) {
      var kind = kindOf(name), w = words(name);
      return w.slice(kind ? kind.split(" ").length : 0).join("");
    }

    function make(type, index) {
      var place = { type: type, index: index, ranges: [] };
      if (type === "P") {
        var p = meta.provinces[index];
        place.name = p[P.name];
        place.ranges.push([p[P.first], p[P.count]]);
      } else if (type === "C") {
        var c = table.communes[index];
        place.name = c[C.name];
        place.province = c[C.province];
        if (c[C.count]) place.ranges.push([c[C.first], c[C.count]]);
      } else if (type === "D") {
        var d = table.districts[index];
        place.name = d[D.name];
        place.old = d[D.old];
        place.communes = d[D.communes];
      } else {
        place.name = table.old[index][O.name];
        place.province = table.old[index][O.province];
        place.communes = [];
        var seen = {};
        table.districts.forEach(function (row) {
          if (row[D.old] !== index) return;
          row[D.communes].forEach(function (n) { if (!seen[n]) { seen[n] = 1; place.communes.push(n); } });
        });
      }
      if (place.communes) {
        place.communes.forEach(function (n) {
          var row = table.communes[n];
          if (row[C.count]) place.ranges.push([row[C.first], row[C.count]]);
        });
        place.ranges.sort(function (a, b) { return a[0] - b[0]; });
      }
      place.count = place.ranges.reduce(function (sum, r) { return sum + r[1]; }, 0);
      place.kind = kindOf(place.name);
      place.label = label(place);
      return place;
    }

    function label(place) {
      var provinces = meta.provinces;
      if (place.type === "P") return place.name;
      if (place.type === "C") return place.name + ", " + shortProvince(provinces[place.province][P.name]).replace(/^tỉnh /, "");
      if (place.type === "O") return place.name + " cũ (nay thuộc " + shortProvince(provinces[place.province][P.name]) + ")";
      var old = table.old[place.old], now = provinces[old[O.province]][P.name];
      var where = old[O.same] ? shortProvince(now) : shortProvince(old[O.name]) + " cũ, nay thuộc " + shortProvince(now);
      return place.name + " cũ (" + where + ")";
    }

    function add(key, ref) {
      if (!key) return;
      if (!byKey.has(key)) byKey.set(key, []);
      byKey.get(key).push(ref);
      all.push([key, ref]);
    }
    meta.provinces.forEach(function (p, i) { add(bare(p[P.name]), "P" + i); });
    table.old.forEach(function (o, i) { if (!o[O.same]) add(bare(o[O.name]), "O" + i); });
    table.districts.forEach(function (d, i) { add(bare(d[D.name]), "D" + i); });
    table.communes.forEach(function (c, i) { add(bare(c[C.name]), "C" + i); });

    var made = new Map();
    function place(ref) {
      if (!made.has(ref)) made.set(ref, make(ref[0], Number(ref.slice(1))));
      return made.get(ref);
    }

    function lookup(key, kind) {
      // A number alone is a phone number or a code; with a kind it names "Quận 1", "Phường 12".
      if (!key || (isDigits(key) && !kind)) return [];
      var refs = (table.aliases[key] || []).concat(byKey.get(key) || []);
      var found = [], seen = {};
      refs.forEach(function (ref) {
        if (seen[ref]) return;
        seen[ref] = 1;
        var p = place(ref);
        // A place without points cannot answer the query: the words search does.
        if ((!kind || p.kind === kind) && p.count) found.push(p);
      });
      return found;
    }

    /* The kind a query starts with ("quận", "tp", "q.") and the rest of it, joined. */
    function split(text) {
      var w = words(text);
      for (var k = 0; k < kinds.length; k++) {
        var parts = kinds[k];
        if (w.length > parts.length && parts.every(function (part, i) { return w[i] === part; })) {
          return { kind: table.kinds[k], key: w.slice(parts.length).join("") };
        }
      }
      if (w.length > 1 && table.abbreviations[w[0]]) return { kind: table.abbreviations[w[0]], key: w.slice(1).join("") };
      return { kind: "", key: w.join("") };
    }

    function recognise(text) {
      var query = split(text), found = lookup(query.key, query.kind);
      if (!found.length && !query.kind) {
        // Joined: "q1", "tphcm", "quan1".
        var prefixes = Object.keys(table.abbreviations).map(function (a) { return [a, table.abbreviations[a]]; })
          .concat(table.kinds.map(function (k) { return [k.replace(/ /g, ""), k]; }));
        for (var i = 0; i < prefixes.length && !found.length; i++) {
          var prefix = prefixes[i][0];
          if (query.key.length > prefix.length && query.key.indexOf(prefix) === 0) {
            found = lookup(query.key.slice(prefix.length), prefixes[i][1]);
          }
        }
      }
      // Typed with its diacritics ("Quang Bình"), a name spelt exactly so comes first.
      var typed = text.normalize("NFC").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
      var accented = fold(text) !== text.toLowerCase();
      function exact(p) {
        if (!accented) return 0;
        var name = p.name.normalize("NFC").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
        return name === typed || name.slice(-typed.length) === typed ? 0 : 1;
      }
      return found.sort(function (a, b) {
        return exact(a) - exact(b) || ORDER[a.type] - ORDER[b.type] || b.count - a.count || a.index - b.index;
      });
    }

    function suggest(text) {
      var key = split(text).key;
      if (key.length < 4 || isDigits(key)) return null;
      var limit = key.length >= 8 ? 2 : 1, best = null;
      function consider(candidate, ref) {
        var d = editDistance(key, candidate, limit);
        if (d > limit || d === 0) return;
        var p = place(ref);
        if (!p.count) return; // a name without points would lead to no result again
        var rank = [d, ORDER[p.type], -p.count];
        if (!best || compare(rank, best.rank) < 0) best = { rank: rank, place: p };
      }
      all.forEach(function (entry) { consider(entry[0], entry[1]); });
      Object.keys(table.aliases).forEach(function (alias) { consider(alias, table.aliases[alias][0]); });
      if (!best) return null;
      var p = best.place;
      return { place: p, text: p.type === "P" || p.type === "O" ? bareProvince(p.name) : p.name };
    }

    /* A place named at the end (or the start) of a longer query: "viettel ha noi", "buu dien
     * q1" → {place, rest}. The place part is two words or more, an alias or a joined numbered
     * unit ("q1"), so that one common word ("dien", "van") is never taken for a commune. */
    function within(text) {
      var w = words(text);
      for (var size = w.length - 1; size >= 1; size--) {
        var splits = [[w.slice(w.length - size), w.slice(0, w.length - size)], [w.slice(0, size), w.slice(size)]];
        for (var i = 0; i < splits.length; i++) {
          var part = splits[i][0];
          if (part.length < 2 && !table.aliases[part[0]] && !/[0-9]/.test(part[0])) continue;
          var found = recognise(part.join(" "));
          if (found.length) return { place: found[0], places: found, rest: splits[i][1].join(" ") };
        }
      }
      return null;
    }

    return { recognise: recognise, suggest: suggest, within: within, kindOf: kindOf, bare: bare };
  }

  function compare(a, b) {
    for (var i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
    return 0;
  }

  /* Point ids of a place, in index order, that a filter keeps. */
  function placeIds(place, keep) {
    var ids = [];
    place.ranges.forEach(function (r) {
      for (var id = r[0]; id < r[0] + r[1]; id++) if (!keep || keep(id)) ids.push(id);
    });
    return ids.sort(function (a, b) { return a - b; });
  }

  return { places: places, placeIds: placeIds, editDistance: editDistance };
});
