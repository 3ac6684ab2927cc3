/* The search's logic without the page: query parsing and ranking over the sharded index
 * (generator/render/search_index.py). places.js reads the places a query can name; search.js
 * draws the page with both; tests/js/ runs them under Node's test runner. */
(function (root, factory) {
  "use strict";
  var common = typeof require === "function" ? require("./common.js") : root.dbCommon;
  var api = factory(common);
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.dbSearchCore = api;
})(this, function (common) {
  "use strict";
  var fold = common.fold, fields = common.fields;

  function words(text) { return fold(text).match(/[a-z0-9]+/g) || []; }

  /* What a query asks for, without the words that name the service rather than a point or a
   * place ("diem thu bhxh quan 1": "quan 1"; no unit of any time is named so), when other words
   * remain: folded words, or the text as it is. */
  var SERVICE = /(^| )(diem thu|dai ly thu|dai ly|noi thu|bao hiem xa hoi|bao hiem y te|bhxh|bhyt)(?= |$)/g;
  function asked(text) {
    var typed = words(text).join(" "), rest = typed.replace(SERVICE, " ").trim();
    return rest && rest !== typed ? rest : text;
  }

  function isDigits(word) { return /^[0-9]+$/.test(word); }

  /* A word typed with Telex while the phone's Vietnamese keyboard was off: "nguyeenx" (Nguyễn),
   * "dduwowngf" (Đường), "binhf" (Bình) → its folded form ("nguyen", "duong", "binh"), or null.
   * Telex writes a tone as s f r x j (z: none) after the vowels, a modified vowel as aa aw ee oo
   * ow uw (w alone: ư) and đ as dd. None of these can stand in a folded Vietnamese syllable after
   * its first vowel, and the result must be one (initial consonant, vowels, final consonant; k as
   * in Đắk Lắk): a word of another language ("viettel", "coop") keeps only its own form. VNI
   * writes marks as digits 1–9 after letters ("nguye6n4", "d9ie65n"): a word that starts with a
   * letter and whose digits, taken out, leave a syllable ("q1", "kp1" leave none). */
  var SYLLABLE = /^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(ch|ng|nh|[cmnptk])?$/;
  function untelex(word) {
    if (/^[a-z]+[1-9][a-z1-9]*$/.test(word)) {
      var vni = word.replace(/[1-9]/g, "");
      return SYLLABLE.test(vni) ? vni : null;
    }
    var vowel = word.search(/[aeiouyw]/);
    if (vowel < 0 || /[0-9]/.test(word)) return null;
    var head = word.slice(0, vowel).replace(/^dd/, "d");
    var body = word.slice(vowel).replace(/[sfrxjz]/g, "").replace(/w/g, head || vowel ? "" : "u")
      .replace(/aa/g, "a").replace(/ee/g, "e").replace(/oo/g, "o");
    var plain = head + (body || (word[vowel] === "w" ? "u" : ""));
    return plain !== word && SYLLABLE.test(plain) ? plain : null;
  }

  /* The query's words, each Telex leftover read as the word it was meant to be. */
  function plainWords(text) {
    return words(text).map(function (word) { return untelex(word) || word; });
  }

  /* ---- ranking over the token shards ---------------------------------------------------- */

  function ranker(meta) {
    var decoded = new Map();
    var byHead = {}; // shard keys by their first two characters
    meta.shards.forEach(function (key) {
      if (key !== meta.keys.short) (byHead[key.slice(0, 2)] = byHead[key.slice(0, 2)] || []).push(key);
    });
    var P = fields(meta.layouts.province);
    // Declared in meta.json (generator/render/search_cards.py, which picks the first screens the
    // shards carry by the same scores): exact beats prefix; name or commune, other fields, then
    // only a pre-2025 name.
    var EXACT = meta.scores.exact, PREFIX = meta.scores.prefix, CLASS_BONUS = meta.scores.class;
    var kindWords = new Set(meta.kinds || []); // "quan", "q", "tp" … (search_places.kind_words)

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
        var forms = [word], plain = untelex(word);
        if (plain) forms.push(plain);
        if (isDigits(word)) {
          if (word.length >= 11 && word.indexOf("84") === 0) forms.push(word.slice(2));
          if (word.length > 1 && word[0] === "0") forms.push(word.slice(1));
        }
        terms.push({ word: word, forms: forms, prefix: forms.map(function (f) { return f.length >= keyLength(f); }) });
      }
      // The word still being typed is left out while it is too short to look up by prefix; but
      // not a number after words: "thon 9", "khu pho 15", "ap 2" end with the number that tells
      // the points of one name apart, matched whole. After a kind ("quan 1", "p 12") the number
      // names a unit, which the place table answers without the index of short words.
      // A text of no word ("(((", "?") has no last word.
      if (terms.length < 2 || /\s$/.test(text)) return terms;
      var last = terms[terms.length - 1], before = terms[terms.length - 2];
      var number = isDigits(last.word) && !kindWords.has(before.word);
      if (last.word.length < keyLength(last.word) && !number) terms.pop();
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

    /* A posting list is the segments of the provinces that list the token, joined by ",": a
     * segment is the province's index in meta.provinces, ":", then base-36 gaps from the
     * province's first id − 1, separated by spaces (generator/render/search_parts.py). Read
     * char by char, as lists of tens of thousands of ids are decoded on a keystroke. */
    var firstOf = meta.provinces.map(function (p) { return p[P.first]; });
    function postings(token, entry, cls) {
      var key = token + "\u0000" + cls;
      var ids = decoded.get(key);
      if (!ids) {
        var text = entry[cls] || "", out = [], value = 0, previous = -1;
        for (var i = 0; i < text.length; i++) {
          var c = text.charCodeAt(i);
          if (c === 32 || c === 44) { previous += value; out.push(previous); value = 0; } // " " or ","
          else if (c === 58) { previous = firstOf[value] - 1; value = 0; } // ":" ends a province's index
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
        var prefixOk = !term.whole && form.length >= keyLength(form);
        shardsFor(form).forEach(function (key) {
          var shard = loaded[key] || {};
          var pair = form.indexOf(meta.keys.pair) >= 0;
          Object.keys(shard).forEach(function (token) {
            if (token === meta.keys.cards || (!pair && token.indexOf(meta.keys.pair) >= 0)) return;
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

  var folded = new Map(); // words repeat across results (Bưu, điện, Phường …): fold each once
  function foldWord(word) {
    var value = folded.get(word);
    if (value === undefined) folded.set(word, value = fold(word));
    return value;
  }

  /* Matches of the terms in a text: [start, end] of each matched word. */
  function matches(text, terms) {
    var found = [], re = /[\p{L}\p{N}]+/gu, m;
    while ((m = re.exec(text))) {
      var word = foldWord(m[0]);
      var hit = terms.some(function (term) {
        return term.forms.some(function (form, i) {
          return word === form || (term.prefix[i] && word.indexOf(form) === 0);
        });
      });
      if (hit) found.push([m.index, m.index + m[0].length]);
    }
    return found;
  }

  function phoneMatches(display, terms) {
    var digits = display.replace(/\D/g, ""), national = digits.replace(/^0/, "");
    var local = display.split(" ").slice(1).join("");
    return terms.some(function (term) {
      return isDigits(term.word) && term.forms.some(function (form) {
        return form.length >= 3 && (digits.indexOf(form) === 0 || national.indexOf(form) === 0 ||
          (display.indexOf("02") === 0 && local.indexOf(form) === 0));
      });
    });
  }

  /* What the page shows for a query: {hits (ids, best first), places (the places it names),
   * place (the one whose points come first), placeCount, inPlace (its ids), rest (the words
   * looked for in a place named within the query), restMissing, suggestion, corrected}.
   * `R`: the ranker (search-core.js); `named`: places.js's places(table, meta); `choice`: the index of the
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
    var result = { places: named.recognise(text, true), hits: textHits, place: null };
    var empty = named.unserved(text), places = result.places;
    if (empty && empty.typedKind && places.length && places.indexOf(empty.place) < 0) {
      // Offered with the others of its name: the 2025 communes with points, this one, then the
      // pre-2025 ones ("phuong dong da": Hà Nội's, with none yet, before Pleiku's former one).
      var old = places.findIndex(function (p) { return p.type === "K"; });
      places.splice(old < 0 ? places.length : old, 0, empty.place);
    }
    var pick = places[choice || 0], first = null;
    if (pick && pick !== (empty && empty.place)) empty = null; else pick = null; // that one: below
    // A commune typed without its kind may be a street of that name ("ly thuong kiet"): points
    // with those words, whole, answer instead. A district or province is not named after a
    // person ("son tra" is not "Sơn La … Trà Lĩnh").
    var street = empty && !empty.typedKind && empty.place.type === "C" && textHits.length;
    if (street && R.rank(terms.map(wholeTerm), loaded, filters).length) empty = null;
    var served = empty ? placeIds(empty, keep, true) : [];
    if (served.length) { // a place with no point yet: its province's, the status line says so
      pick = empty.province;
      first = served;
      result.inPlace = new Set(first);
      result.unserved = empty.place;
      result.nearestFirst = empty.nearestFirst;
    } else if (pick) {
      // The place's points first, then what the words find elsewhere.
      first = placeIds(pick, keep);
      result.inPlace = new Set(first);
    } else {
      var within = named.within(text);
      // The other words are whole unless they end the query: "p 12 go vap" keeps its "12".
      var typed = within && words(text).join(" ");
      var rest = within && R.parse(within.rest + (typed.slice(-within.rest.length) === within.rest ? "" : " "));
      if (within && rest.length) {
        // The other words may name a pre-2025 commune there ("xa nam son dong trieu": of the
        // several Xã Nam Sơn, the one of Đông Triều).
        var inPlace = new Set(placeIds(within.place, keep)), others = named.recognise(within.rest, true), inner = null;
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
      // Found only because a word before the last is the start of another ("min tan" finds "Minh …"),
      // or with every word whole but never side by side in a name ("nha am": a place one letter
      // away): a misspelt place ("Minh Tân", "Nhã Nam") comes first, then what the words found.
      var whole = terms.map(function (term, i) { return i < terms.length - 1 ? wholeTerm(term) : term; });
      var scattered = rank(whole).length > 0, phrase = scattered && whole.concat(R.pairsOf(terms));
      var nearest = !(phrase && R.rank(phrase, loaded, filters).length) && named.suggest(text, scattered ? 1 : 2);
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
   * places of one name, the smallest one that has points in the other, a 2025 one before a
   * pre-2025 commune ("xa binh minh, tinh dong nai"). Null if none has. */
  function nestedIn(outer, places, inOuter, keep) {
    var best = null, bestRank = null;
    places.forEach(function (place) {
      var ids = placeIds(place, keep).filter(function (id) { return inOuter.has(id); });
      var rank = [place.type === "K" ? 1 : 0, place.count];
      if (!ids.length || (best && (rank[0] - bestRank[0] || rank[1] - bestRank[1]) >= 0)) return;
      best = { place: place.count < outer.count ? place : outer, ids: ids };
      bestRank = rank;
    });
    return best;
  }

  function wholeTerm(term) { return Object.assign({ whole: true }, term); }

  /* Point ids of a place that a filter keeps, in index order unless `inOrder` (its ranges'). */
  function placeIds(place, keep, inOrder) {
    var ids = [];
    place.ranges.forEach(function (r) {
      for (var id = r[0]; id < r[0] + r[1]; id++) if (!keep || keep(id)) ids.push(id);
    });
    return inOrder ? ids : ids.sort(function (a, b) { return a - b; });
  }

  return {
    answer: answer, placeIds: placeIds, asked: asked,
    words: words, plainWords: plainWords, untelex: untelex, isDigits: isDigits, ranker: ranker, matches: matches,
    phoneMatches: phoneMatches
  };
});
