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

  // 2025 province, old province, old district, commune, old commune
  var ORDER = { P: 0, O: 1, D: 2, C: 3, K: 4 };
  var COMMUNE_KINDS = { xa: 1, phuong: 1, "dac khu": 1 };
  var OLD_KINDS = { xa: 1, phuong: 1, "thi tran": 1 }; // the kinds of pre-2025 communes

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
      } else if (type === "K") {
        place.name = oldRows[index][0];
        place.district = oldRows[index][1];
        place.communes = oldRows[index][2];
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
      if (place.type === "K") {
        var district = table.districts[place.district], was = table.old[district[D.old]];
        var takers = place.communes.slice(0, 2).map(function (n) { return table.communes[n][C.name]; });
        return place.name + " cũ (" + district[D.name] + ", " + bareProvince(was[O.name]) + "), nay thuộc " +
          takers.join(", ") + (place.communes.length > 2 ? "…" : "");
      }
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

    /* Pre-2025 communes (meta.oldCommunes: about 10,000, kept out of the table the home page
     * preloads), added by shard, the first letter of their bare name, as the page fetches them. */
    var oldRows = [], oldByKey = new Map(), oldLoaded = {}, oldMeta = meta.oldCommunes;
    function oldShard(key) {
      return isDigits(key.charAt(0)) ? "0" : key.charAt(0);
    }

    function addOld(key, shard) {
      if (oldLoaded[key]) return;
      oldLoaded[key] = true;
      var K = fields(shard.layouts.commune);
      shard.rows.forEach(function (row) {
        var bareName = bare(row[K.name]);
        if (!oldByKey.has(bareName)) oldByKey.set(bareName, []);
        oldByKey.get(bareName).push("K" + oldRows.length);
        oldRows.push([row[K.name], row[K.district], row[K.communes]]);
      });
    }

    /* A query may name a pre-2025 commune when it starts with a commune's kind ("xa nam son", "p
     * 12", "thi tran cu chi"). Without one, the words search finds it by its pre-2025 name: "tran
     * hung dao" is a street more often than a ward that no longer exists. */
    function mayBeOld(query) {
      return Boolean(oldMeta && query.key && OLD_KINDS[query.kind]);
    }

    /* The shards of pre-2025 communes `text` needs and the page has not given yet. */
    function oldShards(text) {
      var wanted = {};
      [text, core.plainWords(text).join(" ")].forEach(function (typed) {
        var query = split(typed), numbered = joined(query.key).filter(function (q) { return isDigits(q.key); });
        (query.kind ? [query] : numbered).forEach(function (q) {
          var key = q.key && oldShard(q.key);
          if (key && !oldLoaded[key] && oldMeta && oldMeta.shards.indexOf(key) >= 0 && mayBeOld(q)) wanted[key] = 1;
        });
      });
      return Object.keys(wanted);
    }

    /* The kinds a joined key may start with and the rest: "q1" → {kind: "quan", key: "1"}. */
    var prefixes = Object.keys(table.abbreviations).map(function (a) { return [a, table.abbreviations[a]]; })
      .concat(table.kinds.map(function (k) { return [k.replace(/ /g, ""), k]; }));
    function joined(key) {
      return prefixes.filter(function (p) { return key.length > p[0].length && key.indexOf(p[0]) === 0; })
        .map(function (p) { return { kind: p[1], key: key.slice(p[0].length) }; });
    }

    /* The places after fetching, with `get(path)` (a promise of the parsed file), the shards of
     * pre-2025 communes `text` needs, and the communes' centres of the province of a place with no
     * point yet it names; a file that fails leaves those communes to the words search, and the
     * province's points in their order. */
    function withOld(text, get) {
      var at = centresWanted(text), centre = at !== null && get(meta.centres + at + ".json")
        .then(function (file) { addCentres(at, file); }, function () {});
      return Promise.all(oldShards(text).map(function (key) {
        return get(oldMeta.dir + key + ".json").then(function (shard) { addOld(key, shard); }, function () {});
      }).concat(centre ? [centre] : [])).then(function () { return api; });
    }

    /* Pre-2025 communes of that name and kind, with points, but not one that is the 2025 commune
     * of that name already found (Xã An Bình, merged into Xã An Bình). */
    function oldLookup(key, kind, found) {
      var same = {};
      found.forEach(function (p) { if (p.type === "C") same[p.index] = 1; });
      return (oldByKey.get(key) || []).map(place).filter(function (p) {
        return (!kind || p.kind === kind) && p.count && !p.communes.some(function (n) { return same[n]; });
      });
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
        // A place without points cannot answer the query: the words search does (or, asked by
        // `unserved`, its province).
        if ((!kind || p.kind === kind) && (p.count || keepEmpty)) found.push(p);
      });
      return found;
    }

    /* The kind a query starts with ("quận", "tp", "q.") and the rest of it, joined. */
    function split(text) {
      var w = words(text);
      for (var k = 0; k < kinds.length; k++) {
        var parts = kinds[k];
        if (w.length > parts.length && parts.every(function (part, i) { return w[i] === part; })) {
          // A one-word kind may be the start of a name ("Quan Sơn", "Tĩnh Gia"): only a kind of
          // two words or an abbreviation is surely a kind.
          return { kind: table.kinds[k], key: w.slice(parts.length).join(""), sure: parts.length > 1 };
        }
      }
      if (w.length > 1 && table.abbreviations[w[0]]) {
        return { kind: table.abbreviations[w[0]], key: w.slice(1).join(""), sure: true };
      }
      return { kind: "", key: w.join("") };
    }

    /* The places a query names, best first; a query typed with Telex leftovers ("binhf
     * dduwowng") is read as its plain words when its own words name none. */
    function recognise(text, withOld) {
      var found = recogniseWords(text, withOld);
      if (found.length) return found;
      var plain = core.plainWords(text).join(" ");
      return plain === words(text).join(" ") ? found : recogniseWords(plain, withOld);
    }

    /* withOld: the whole query, which may name a pre-2025 commune; never a part of one. */
    function recogniseWords(text, withOld) {
      var query = split(text), found = lookup(query.key, query.kind);
      // Typed with a commune's kind, the pre-2025 communes of that name are offered after the
      // 2025 ones (offered first when there are none).
      if (withOld && mayBeOld(query)) {
        found = found.concat(oldLookup(query.key, query.kind, found));
      }
      if (!found.length && query.kind) {
        // An alias that starts like a kind ("tt hue": Thừa Thiên Huế, not a thị trấn), then a
        // district or town named by its former kind ("thi xa thuan an", a thành phố since 2020).
        // Never for a number ("p 1" is not "Quận 1"), a commune's kind ("xa an lac" with no such
        // 2025 commune is a pre-2025 one, which the words search finds where it was), nor a
        // word that may start a name ("quan son thanh" is not Xã Sơn Thành).
        found = lookup(words(text).join(""), "");
        var other = query.sure && !isDigits(query.key) && !COMMUNE_KINDS[query.kind];
        if (!found.length && other) found = lookup(query.key, "");
      }
      if (!found.length && !query.kind) {
        // Joined: "q1", "tphcm", "quan1"; an old ward by its number, "p12", once its kind's
        // 2025 units have none of that name.
        var parts = joined(query.key);
        for (var i = 0; i < parts.length && !found.length; i++) {
          found = lookup(parts[i].key, parts[i].kind);
          if (!found.length && withOld && isDigits(parts[i].key) && mayBeOld(parts[i])) {
            found = oldLookup(parts[i].key, parts[i].kind, []);
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

    /* The first place the text names that has no point yet ("Phường Thủ Dầu Một" before a list
     * gives it one), its province, and the id ranges of the province's points that answer instead,
     * those nearest to it first once the province's centres are given (`nearestFirst`); and
     * whether it was typed with its kind (`typedKind`: without, a street may share its name). */
    var keepEmpty = false, centres = {};
    function unserved(text) {
      keepEmpty = true;
      var empty = recognise(text, false).filter(function (p) { return !p.count && p.type !== "P"; })[0];
      keepEmpty = false;
      if (!empty) return null;
      var anchor = empty.type === "C" ? empty.index : empty.communes && empty.communes[0];
      var province = empty.province !== undefined ? empty.province : table.communes[anchor][C.province];
      var near = nearestFirst(centres[province], anchor), whole = place("P" + province);
      return { place: empty, province: whole, ranges: near || whole.ranges, nearestFirst: Boolean(near),
        typedKind: Boolean(split(text).kind) };
    }

    /* The province whose communes' centres `text` needs and the page has not given yet, or null. */
    function centresWanted(text) {
      var empty = meta.centres && unserved(text);
      return empty && !centres[empty.province.index] ? empty.province.index : null;
    }

    function addCentres(province, file) { centres[province] = file; }

    /* The id ranges of the province's communes with points, the nearest to the commune `anchor`
     * first; null without the centres (or an anchor). */
    function nearestFirst(file, anchor) {
      if (!file || anchor === undefined || !file.at[anchor - file.first]) return null;
      var from = file.at[anchor - file.first], cos = Math.cos(from[0] * Math.PI / 180);
      function distance(at) { return Math.pow(at[0] - from[0], 2) + Math.pow((at[1] - from[1]) * cos, 2); }
      return file.at.map(function (at, i) { return [distance(at), file.first + i]; })
        .filter(function (pair) { return table.communes[pair[1]][C.count]; })
        .sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; })
        .map(function (pair) { var row = table.communes[pair[1]]; return [row[C.first], row[C.count]]; });
    }

    function suggest(text, most) {
      var key = split(core.plainWords(text).join(" ")).key;
      if (key.length < 4 || isDigits(key)) return null;
      var limit = Math.min(key.length >= 8 ? 2 : 1, most || 2), best = null;
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

    /* The words of a kind, written or abbreviated ("thi", "xa", "tp", "x"): left out of the
     * words search when a query finds nothing with them ("x. tan thong hoi", whose commune is
     * now part of another and is found by its pre-2025 name). */
    var kindWords = new Set(Object.keys(table.abbreviations));
    kinds.forEach(function (parts) { parts.forEach(function (part) { kindWords.add(part); }); });
    function isKindWord(word) {
      return kindWords.has(word);
    }

    var api = {
      recognise: recognise, suggest: suggest, unserved: unserved, within: within, kindOf: kindOf, bare: bare, isKindWord: isKindWord,
      oldShards: oldShards, addOld: addOld, withOld: withOld, centresWanted: centresWanted, addCentres: addCentres
    };
    return api;
  }

  function compare(a, b) {
    for (var i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
    return 0;
  }

  // The answer to a query is search-core.js's, with the places this file reads.
  return { places: places, placeIds: core.placeIds, answer: core.answer, editDistance: editDistance };
});
