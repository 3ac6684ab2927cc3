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
  var COMMUNE_KINDS = { xa: 1, phuong: 1, "dac khu": 1 };

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
    function recognise(text) {
      var found = recogniseWords(text);
      if (found.length) return found;
      var plain = core.plainWords(text).join(" ");
      return plain === words(text).join(" ") ? found : recogniseWords(plain);
    }

    function recogniseWords(text) {
      var query = split(text), found = lookup(query.key, query.kind);
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
      var key = split(core.plainWords(text).join(" ")).key;
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

    /* The words of a kind, written or abbreviated ("thi", "xa", "tp", "x"): left out of the
     * words search when a query finds nothing with them ("x. tan thong hoi", whose commune is
     * now part of another and is found by its pre-2025 name). */
    var kindWords = new Set(Object.keys(table.abbreviations));
    kinds.forEach(function (parts) { parts.forEach(function (part) { kindWords.add(part); }); });
    function isKindWord(word) {
      return kindWords.has(word);
    }

    return { recognise: recognise, suggest: suggest, within: within, kindOf: kindOf, bare: bare, isKindWord: isKindWord };
  }

  function compare(a, b) {
    for (var i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
    return 0;
  }

  /* What the page shows for a query: {hits (ids, best first), places (the places it names),
   * place (the one whose points come first), placeCount, inPlace (its ids), rest (the words
   * looked for in a place named within the query), restMissing, suggestion, corrected}.
   * `R`: the ranker (search-core.js); `named`: places(table, meta); `choice`: the index of the
   * place picked among several of one name; `loaded`: the token shards of the terms. */
  function answer(R, named, text, terms, loaded, filters, choice) {
    var keep = R.keeper(filters || {});
    // Without the words of a kind when nothing has them all ("x. tan thong hoi", "tp hcm" in a
    // district): a commune now part of another is found by its pre-2025 name.
    function rank(terms) {
      var hits = terms.length ? R.rank(terms, loaded, filters) : [];
      var unkinded = terms.filter(function (term) { return !named.isKindWord(term.word); });
      return hits.length || !unkinded.length || unkinded.length === terms.length ? hits : R.rank(unkinded, loaded, filters);
    }
    var textHits = terms.length ? R.rank(terms, loaded, filters) : [];
    var result = { places: named.recognise(text), hits: textHits, place: null };
    var pick = result.places[choice || 0], first = null;
    if (pick) {
      // The place's points first, then what the words find elsewhere.
      first = placeIds(pick, keep);
      result.inPlace = new Set(first);
    } else {
      var within = named.within(text);
      // The other words are whole unless they end the query: "p 12 go vap" keeps its "12".
      var typed = within && words(text).join(" ");
      var rest = within && R.parse(within.rest + (typed.slice(-within.rest.length) === within.rest ? "" : " "));
      if (within && rest.length) {
        var inPlace = new Set(placeIds(within.place, keep)), others = named.recognise(within.rest), inner = null;
        for (var i = 0; i < within.places.length && !inner; i++) {
          var outer = within.places[i];
          inner = nestedIn(outer, others, i ? new Set(placeIds(outer, keep)) : inPlace, keep);
        }
        if (inner) {
          // The other words name a place inside it ("xa tan tien, tinh ca mau", "quan 1 tp
          // hcm"): of all the places of that name, the one there.
          pick = inner.place;
          first = inner.ids;
          result.inPlace = new Set(first);
        } else {
          // "viettel ha noi": what the other words find in the place, best first; those with
          // every word typed first ("cua hang viettel tan lac": the shop of that name).
          pick = within.place;
          result.rest = within.rest;
          var all = textHits.filter(function (id) { return inPlace.has(id); }), allSet = new Set(all);
          first = all.concat(rank(rest).filter(function (id) { return inPlace.has(id) && !allSet.has(id); }));
          if (!first.length && !textHits.length) {
            // Nothing has those words there: the place's points are still an answer.
            first = placeIds(within.place, keep);
            result.restMissing = true;
          }
        }
      }
    }
    if (first && first.length) { // a filter may leave none of the place's points
      var seen = new Set(first);
      result.place = pick;
      result.placeCount = first.length;
      result.hits = first.concat(textHits.filter(function (id) { return !seen.has(id); }));
    }
    if (!result.hits.length) result.hits = rank(terms);
    if (!result.place && terms.length > 1 && result.hits.length) {
      // Found only because a word before the last is the start of another ("min tan" finds
      // "Minh …"): a misspelt place ("Minh Tân") comes first, then what the words found.
      var whole = terms.map(function (term, i) { return i < terms.length - 1 ? Object.assign({ whole: true }, term) : term; });
      var nearest = !rank(whole).length && named.suggest(text);
      var nearIds = nearest && placeIds(nearest.place, keep);
      if (nearIds && nearIds.length) {
        var nearSet = new Set(nearIds);
        result.suggestion = nearest;
        result.corrected = true;
        result.place = nearest.place;
        result.placeCount = nearIds.length;
        result.inPlace = nearSet;
        result.hits = nearIds.concat(result.hits.filter(function (id) { return !nearSet.has(id); }));
      }
    }
    if (!result.hits.length) {
      result.suggestion = named.suggest(text);
      // A misspelt place ("dien bein", "thahn cong"): its nearest name's points are the answer,
      // said so on the status line; a phone shows nothing useful for "no result".
      var near = result.suggestion && placeIds(result.suggestion.place, keep);
      if (near && near.length) {
        result.corrected = true;
        result.place = result.suggestion.place;
        result.placeCount = near.length;
        result.inPlace = new Set(near);
        result.hits = near;
      }
    }
    return result;
  }

  /* Two places a query names, one in the other ("tan tien lang son", "quan 1 tp hcm", "ca mau
   * tran van thoi"): {place, ids}, the points of both, named after the smaller place; of the
   * places of one name, the smallest one that has points in the other. Null if none has. */
  function nestedIn(outer, places, inOuter, keep) {
    var best = null;
    places.forEach(function (place) {
      var ids = placeIds(place, keep).filter(function (id) { return inOuter.has(id); });
      if (!ids.length || (best && place.count >= best.place.count)) return;
      best = { place: place.count < outer.count ? place : outer, ids: ids };
    });
    return best;
  }

  /* Point ids of a place, in index order, that a filter keeps. */
  function placeIds(place, keep) {
    var ids = [];
    place.ranges.forEach(function (r) {
      for (var id = r[0]; id < r[0] + r[1]; id++) if (!keep || keep(id)) ids.push(id);
    });
    return ids.sort(function (a, b) { return a - b; });
  }

  return { places: places, placeIds: placeIds, answer: answer, editDistance: editDistance };
});
