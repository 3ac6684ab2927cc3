/* The search's logic without the page: query parsing, ranking over the sharded index, and the
 * places a query can name (tim-kiem/noi.json, generator/render/search_places.py). search.js
 * draws the page with it; tests/js/ runs it under Node's test runner. */
(function (root, factory) {
  "use strict";
  var common = typeof require === "function" ? require("./common.js") : root.dbCommon;
  var api = factory(common);
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.dbSearchCore = api;
})(this, function (common) {
  "use strict";
  var fold = common.fold, fields = common.fields;

  var CLASS_BONUS = [2, 1, 0]; // name or commune, other fields, only a pre-2025 name
  var EXACT = 6, PREFIX = 3;

  function words(text) {
    return fold(text).match(/[a-z0-9]+/g) || [];
  }

  function isDigits(word) {
    return /^[0-9]+$/.test(word);
  }

  /* ---- ranking over the token shards ---------------------------------------------------- */

  function ranker(meta) {
    var decoded = new Map();
    var byHead = {}; // shard keys by their first two characters
    meta.shards.forEach(function (key) {
      if (key !== meta.keys.short) (byHead[key.slice(0, 2)] = byHead[key.slice(0, 2)] || []).push(key);
    });
    var P = fields(meta.layouts.province);

    function keyLength(word) {
      return isDigits(word[0]) ? meta.keys.digit : meta.keys.letter;
    }

    /* Query words → terms. Consecutive digit groups are one phone number ("0912 345 678"); a
     * number is also looked up without its leading 0 or +84, as the index stores phones. */
    function parse(text) {
      var raw = words(text), terms = [], i = 0;
      while (i < raw.length) {
        var word = raw[i++];
        if (isDigits(word)) while (i < raw.length && isDigits(raw[i])) word += raw[i++];
        var forms = [word];
        if (isDigits(word)) {
          if (word.length >= 11 && word.indexOf("84") === 0) forms.push(word.slice(2));
          if (word.length > 1 && word[0] === "0") forms.push(word.slice(1));
        }
        terms.push({ word: word, forms: forms, prefix: forms.map(function (f) { return f.length >= keyLength(f); }) });
      }
      // The word still being typed is left out while it is too short to look up by prefix.
      var last = terms[terms.length - 1];
      if (terms.length > 1 && !/\s$/.test(text) && last.word.length < keyLength(last.word)) terms.pop();
      return terms;
    }

    /* Neighbouring words as one token, as the index stores them: they live in the first word's
     * shard, which the query fetches anyway. */
    function pairsOf(terms) {
      var pairs = [];
      for (var i = 0; i + 1 < terms.length; i++) {
        var a = terms[i].word;
        var pair = a + meta.keys.pair + terms[i + 1].word;
        if (!isDigits(a) && a.length >= meta.keys.letter) pairs.push({ word: pair, forms: [pair], prefix: [true] });
      }
      return pairs;
    }

    function shardsFor(form) {
      if (form.length < keyLength(form)) return [meta.keys.short];
      return (byHead[form.slice(0, 2)] || []).filter(function (key) {
        return form.indexOf(key) === 0 || key.indexOf(form) === 0;
      });
    }

    /* A posting list is base-36 deltas separated by spaces; read char by char, as lists of tens
     * of thousands of ids are decoded on a keystroke. */
    function postings(token, entry, cls) {
      var key = token + "\u0000" + cls;
      var ids = decoded.get(key);
      if (!ids) {
        var text = entry[cls] || "", out = [], value = 0, previous = -1;
        for (var i = 0; i < text.length; i++) {
          var c = text.charCodeAt(i);
          if (c === 32) { previous += value; out.push(previous); value = 0; }
          else value = value * 36 + (c <= 57 ? c - 48 : c - 87);
        }
        if (text) out.push(previous + value);
        ids = Int32Array.from(out);
        decoded.set(key, ids);
      }
      return ids;
    }

    /* Best score of every point for one term: exact beats prefix, name beats other fields,
     * which beat pre-2025 names. */
    function scoreTerm(term, loaded) {
      var scores = new Uint8Array(meta.n);
      term.forms.forEach(function (form) {
        var prefixOk = form.length >= keyLength(form);
        shardsFor(form).forEach(function (key) {
          var shard = loaded[key] || {};
          var pair = form.indexOf(meta.keys.pair) >= 0;
          Object.keys(shard).forEach(function (token) {
            if (!pair && token.indexOf(meta.keys.pair) >= 0) return;
            var kind = token === form ? EXACT : prefixOk && token.indexOf(form) === 0 ? PREFIX : 0;
            if (!kind) return;
            for (var cls = 0; cls < 3; cls++) {
              var ids = postings(token, shard[token], cls), score = kind + CLASS_BONUS[cls];
              for (var i = 0; i < ids.length; i++) if (scores[ids[i]] < score) scores[ids[i]] = score;
            }
          });
        });
      });
      return scores;
    }

    function provinceRange(slug) {
      for (var i = 0; i < meta.provinces.length; i++) {
        var p = meta.provinces[i];
        if (p[P.slug] === slug) return [p[P.first], p[P.first] + p[P.count]];
      }
      return [0, meta.n];
    }

    /* The ids a filter keeps: {province: slug or "", kind: agent type or ""}. */
    function keeper(filters) {
      var range = filters.province ? provinceRange(filters.province) : [0, meta.n];
      var letter = filters.kind ? meta.agent[filters.kind] : "";
      return function (id) {
        return id >= range[0] && id < range[1] && (!letter || meta.types.charCodeAt(id) === letter.charCodeAt(0));
      };
    }

    /* Ids of the points every term matches, best first; equal scores keep the index order. */
    function rank(terms, loaded, filters) {
      var totals = new Uint16Array(meta.n);
      terms.forEach(function (term, t) {
        var scores = scoreTerm(term, loaded);
        for (var i = 0; i < meta.n; i++) totals[i] = scores[i] && (t === 0 || totals[i]) ? totals[i] + scores[i] : 0;
      });
      // Words side by side in a name ("dien bien" in Điện Biên) rank above the same words apart.
      pairsOf(terms).forEach(function (pair) {
        var scores = scoreTerm(pair, loaded);
        for (var i = 0; i < meta.n; i++) if (totals[i] && scores[i]) totals[i] += scores[i];
      });
      var keep = keeper(filters || {});
      // Scores are small integers: bucket by score (ids come in ascending order), no sort needed.
      var buckets = [];
      for (var id = 0; id < meta.n; id++) {
        var total = totals[id];
        if (total && keep(id)) (buckets[total] || (buckets[total] = [])).push(id);
      }
      var hits = [];
      for (var score = buckets.length - 1; score > 0; score--) if (buckets[score]) hits = hits.concat(buckets[score]);
      return hits;
    }

    function provinceOf(id) {
      var found = meta.provinces[0];
      meta.provinces.forEach(function (p) { if (p[P.first] <= id && p[P.count] > 0) found = p; });
      return found;
    }

    return {
      keyLength: keyLength, parse: parse, pairsOf: pairsOf, shardsFor: shardsFor, rank: rank,
      keeper: keeper, provinceOf: provinceOf, isDigits: isDigits
    };
  }

  /* ---- places ----------------------------------------------------------------------------- */

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

  return {
    words: words, isDigits: isDigits, ranker: ranker, places: places, placeIds: placeIds,
    editDistance: editDistance
  };
});
