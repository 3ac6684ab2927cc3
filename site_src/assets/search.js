/* Search of the directory: diacritic-folded (đ → d), every word must match, prefix matching,
 * phone digits. Reads the sharded index written by generator/render/search_index.py: meta.json,
 * then only the token shards of the words typed and the record chunks of the results shown.
 * Progressive enhancement: without it, the home page lists the provinces and each province page
 * its communes and points. */
(function () {
  "use strict";
  var root = document.getElementById("db-search");
  if (!root || !window.fetch || !root.querySelector("form")) return;

  var PAGE = 20;
  var FIRST_SCREEN = 5; // results a phone shows without scrolling, with room to spare
  var CLASS_BONUS = [2, 1, 0]; // name or commune, other fields, only a pre-2025 name
  var EXACT = 6, PREFIX = 3;
  var FIELD_LABELS = {
    name: "tên điểm thu", agent: "đại lý", address: "địa chỉ", commune: "xã, phường",
    province: "tỉnh, thành phố", phone: "số điện thoại", code: "mã điểm thu", legacy: "tên cũ"
  };
  var base = root.getAttribute("data-index");
  var form = root.querySelector("form");
  var input = form.querySelector("input[name=q]");
  var provinceSelect = form.querySelector("select[name=tinh]");
  var kindSelect = form.querySelector("select[name=loai]");
  var status = root.querySelector(".db-search__status");
  var list = root.querySelector(".db-search__results");
  var more = root.querySelector(".db-search__more");
  var meta = null, metaPromise = null;
  var shards = new Map(), chunks = new Map(), decoded = new Map();
  var sequence = 0, current = null;

  function fold(text) {
    return text.replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  var folded = new Map(); // words repeat across results (Bưu, điện, Phường …): fold each once
  function foldWord(word) {
    var value = folded.get(word);
    if (value === undefined) folded.set(word, value = fold(word));
    return value;
  }

  function formatNumber(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  }

  function words(text) {
    return fold(text).match(/[a-z0-9]+/g) || [];
  }

  function isDigits(word) {
    return /^[0-9]+$/.test(word);
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

  function keyLength(word) {
    return isDigits(word[0]) ? meta.keys.digit : meta.keys.letter;
  }

  function shardsFor(form) {
    if (form.length < keyLength(form)) return [meta.keys.short];
    return (meta.byHead[form.slice(0, 2)] || []).filter(function (key) {
      return form.indexOf(key) === 0 || key.indexOf(form) === 0;
    });
  }

  function getJSON(path, cache) {
    if (!cache.has(path)) {
      cache.set(path, fetch(base + path + "?v=" + meta.v).then(function (response) {
        if (!response.ok) throw new Error(response.status + " " + path);
        return response.json();
      }).catch(function (error) { cache.delete(path); throw error; }));
    }
    return cache.get(path);
  }

  function loadMeta() {
    if (!metaPromise) {
      // Revalidated every time (a 304 when unchanged): its version names the files of this build.
      metaPromise = fetch(base + "meta.json", { cache: "no-cache" }).then(function (response) {
        if (!response.ok) throw new Error(response.status + " meta.json");
        return response.json();
      }).then(function (data) {
        data.byHead = {}; // shard keys by their first two characters
        data.shards.forEach(function (key) {
          if (key !== data.keys.short) (data.byHead[key.slice(0, 2)] = data.byHead[key.slice(0, 2)] || []).push(key);
        });
        meta = data;
        return data;
      })
        .catch(function (error) { metaPromise = null; throw error; });
    }
    return metaPromise;
  }

  /* A posting list is base-36 deltas separated by spaces; read char by char, as lists of tens of
   * thousands of ids are decoded on a keystroke. */
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

  /* Best score of every point for one term: exact beats prefix, name beats other fields, which
   * beat pre-2025 names. */
  function scoreTerm(term, loaded) {
    var scores = new Uint8Array(meta.n);
    term.forms.forEach(function (form) {
      var prefixOk = form.length >= keyLength(form);
      shardsFor(form).forEach(function (key) {
        var shard = loaded[key];
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
      if (p[0] === slug) return [p[2], p[2] + p[3]];
    }
    return [0, meta.n];
  }

  function provinceOf(id) {
    var found = meta.provinces[0];
    meta.provinces.forEach(function (p) { if (p[2] <= id && p[3] > 0) found = p; });
    return found;
  }

  function rank(terms, loaded, filters) {
    // Every term must match: a point's total stays 0 as soon as one term misses it.
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
    var range = filters.province ? provinceRange(filters.province) : [0, meta.n];
    var letter = filters.kind ? meta.agent[filters.kind] : "";
    // Scores are small integers: bucket by score (ids come in ascending order), no sort needed.
    var buckets = [];
    for (var id = range[0]; id < range[1]; id++) {
      var total = totals[id];
      if (total && (!letter || meta.types.charCodeAt(id) === letter.charCodeAt(0))) {
        (buckets[total] || (buckets[total] = [])).push(id);
      }
    }
    var hits = [];
    for (var score = buckets.length - 1; score > 0; score--) if (buckets[score]) hits = hits.concat(buckets[score]);
    return hits;
  }

  function search(text, filters, started) {
    var mine = ++sequence;
    var terms = parse(text);
    if (!terms.length) { show(null); return Promise.resolve(); }
    var state = {
      terms: terms, hits: [], shown: 0, text: text.trim(), started: started, work: 0,
      key: [text, filters.province, filters.kind].join("|")
    };
    // One letter or two digits match thousands of points by chance: a phone would fetch the index
    // of short words and a page of records to show nothing useful. Ask for one more character.
    if (terms.length === 1 && terms[0].word.length < keyLength(terms[0].word)) {
      state.hint = isDigits(terms[0].word)
        ? "Gõ ít nhất 3 chữ số để tìm theo số điện thoại."
        : "Gõ thêm ít nhất một chữ nữa để tìm.";
      return showMore(mine, current = state);
    }
    var keys = new Set();
    terms.concat(pairsOf(terms)).forEach(function (term) {
      term.forms.forEach(function (f) { shardsFor(f).forEach(function (k) { keys.add(k); }); });
    });
    var loaded = {};
    return Promise.all(Array.from(keys).map(function (key) {
      return getJSON("t/" + key + ".json", shards).then(function (shard) { loaded[key] = shard; });
    })).then(function () {
      if (mine !== sequence) return;
      var begun = performance.now();
      state.hits = rank(terms, loaded, filters);
      state.work += performance.now() - begun;
      return showMore(mine, current = state);
    });
  }

  /* One page of results, painted in two steps: the first screen as soon as its records arrive,
   * then the rest of the page. The results of a phone number or a common word are spread over
   * many record chunks; waiting for all of them before painting anything made the first result
   * wait for the slowest of up to twenty files. */
  function showMore(mine, state) {
    var slice = state.hits.slice(state.shown, state.shown + PAGE);
    state.target = state.shown + slice.length;
    return paint(mine, state, slice.slice(0, FIRST_SCREEN)).then(function (painted) {
      if (!painted || slice.length <= FIRST_SCREEN) return;
      // After the first screen is on screen: its frame then lays out five results, not twenty.
      return new Promise(afterFrame).then(function () {
        if (mine === sequence) return paint(mine, state, slice.slice(FIRST_SCREEN));
      });
    });
  }

  function paint(mine, state, ids) {
    var needed = Array.from(new Set(ids.map(function (id) { return Math.floor(id / meta.chunk); })));
    return Promise.all(needed.map(function (n) { return getJSON("d/" + n + ".json", chunks); }))
      .then(function (loadedChunks) {
        if (mine !== sequence) return false;
        var begun = performance.now();
        var byNumber = {};
        needed.forEach(function (n, i) { byNumber[n] = loadedChunks[i]; });
        if (!state.shown) list.textContent = "";
        ids.forEach(function (id) { list.appendChild(renderHit(id, byNumber[Math.floor(id / meta.chunk)], state.terms)); });
        state.shown += ids.length;
        show(state);
        state.work += performance.now() - begun;
        return true;
      });
  }

  function show(state) {
    if (!state) {
      current = null;
      list.textContent = "";
      status.textContent = "";
      more.hidden = true;
      delete root.dataset.ms;
      return;
    }
    var count = state.hits.length;
    var where = provinceSelect.value ? " ở " + provinceSelect.options[provinceSelect.selectedIndex].text : "";
    if (!count) list.textContent = "";
    status.textContent = state.hint || (count
      ? "Tìm thấy " + formatNumber(count) + " điểm thu" + where + " cho “" + state.text + "”" +
        (count > state.target ? ", đang hiện " + formatNumber(state.target) + "." : ".")
      : "Không tìm thấy điểm thu nào" + where + " cho “" + state.text + "”. Hãy thử bớt một từ, bỏ bộ lọc, " +
        "hoặc chọn tỉnh, thành phố trong danh sách bên dưới.");
    more.hidden = count <= state.shown || state.shown < state.target;
    // For tests and the benchmark, once the page of results is on screen: what it answers, how
    // long the first results and the whole page took since the keystroke, and how much of that
    // was the page's own script (the rest is waiting for files, and the browser's frames).
    if (state.firstMs === undefined) {
      state.firstMs = null;
      afterFrame(function () { state.firstMs = elapsed(state); });
    }
    if (state.shown < state.target) return;
    afterFrame(function () {
      if (state !== current) return;
      root.dataset.query = state.key;
      root.dataset.shown = state.shown;
      root.dataset.firstMs = state.firstMs;
      root.dataset.ms = elapsed(state);
      root.dataset.work = state.work.toFixed(1);
    });
  }

  function elapsed(state) {
    return (performance.now() - state.started).toFixed(1);
  }

  /* Runs after the browser has laid out and painted what the page changed: a frame callback runs
   * before that work, a task queued from it runs after. */
  function afterFrame(callback) {
    requestAnimationFrame(function () { setTimeout(callback, 0); });
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

  function highlighted(tag, className, text, terms) {
    var element = document.createElement(tag), at = 0;
    if (className) element.className = className;
    matches(text, terms).forEach(function (span) {
      element.appendChild(document.createTextNode(text.slice(at, span[0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(span[0], span[1]);
      element.appendChild(mark);
      at = span[1];
    });
    element.appendChild(document.createTextNode(text.slice(at)));
    return element;
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

  function renderHit(id, chunk, terms) {
    var r = chunk.p[id % meta.chunk], commune = chunk.c[r[5]], province = provinceOf(id);
    var item = document.createElement("li"), fields = [];
    item.className = "db-hit";
    // Not a heading: twenty results under the page's h1 would break the heading outline.
    var heading = document.createElement("p");
    heading.className = "db-hit__name";
    var link = highlighted("a", "", r[2], terms);
    link.href = "tinh/" + province[0] + "/#" + r[1];
    heading.appendChild(link);
    item.appendChild(heading);
    var place = commune[0] + ", " + province[1];
    item.appendChild(highlighted("p", "db-hit__address", r[4] + ", " + place, terms));
    item.appendChild(highlighted("p", "db-hit__agent", r[3], terms));
    [[r[6], r[7], "Cố định"], [r[8], r[9], "Di động"]].forEach(function (phone) {
      if (!phone[0]) return;
      var line = document.createElement("p"), call = document.createElement("a");
      line.className = "db-hit__phone";
      line.appendChild(document.createTextNode(phone[2] + ": "));
      call.href = "tel:" + phone[1];
      call.textContent = phone[0];
      if (phoneMatches(phone[0], terms)) { call.className = "db-hit__matched"; fields.push("phone"); }
      line.appendChild(call);
      item.appendChild(line);
    });
    var own = { name: r[2], agent: r[3], address: r[4], commune: commune[0], province: province[1], code: r[0] };
    Object.keys(own).forEach(function (key) { if (matches(own[key], terms).length) fields.push(key); });
    // A term found in none of the point's own fields was found in a pre-2025 name of its commune.
    var ownText = Object.keys(own).map(function (k) { return own[k]; }).join(" ");
    var unmatched = terms.filter(function (term) {
      return !matches(ownText, [term]).length &&
        !(r[6] && phoneMatches(r[6], [term])) && !(r[8] && phoneMatches(r[8], [term]));
    });
    var olds = unmatched.length ? commune[1].filter(function (label) { return matches(label, unmatched).length; }) : [];
    if (olds.length) {
      fields.push("legacy");
      var before = highlighted("p", "db-hit__legacy", "trước đây: " + olds.slice(0, 2).join("; ") +
        (olds.length > 2 ? " …" : ""), unmatched);
      item.appendChild(before);
    }
    var label = document.createElement("p");
    label.className = "db-hit__why";
    label.textContent = "Khớp: " + fields.filter(function (f, i) { return fields.indexOf(f) === i; })
      .map(function (f) { return FIELD_LABELS[f]; }).join(", ");
    item.appendChild(label);
    return item;
  }

  function filters() {
    return { province: provinceSelect.value, kind: kindSelect.value };
  }

  function remember() {
    var params = new URLSearchParams(location.search);
    [["q", input.value.trim()], ["tinh", provinceSelect.value], ["loai", kindSelect.value]].forEach(function (p) {
      if (p[1]) params.set(p[0], p[1]); else params.delete(p[0]);
    });
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
  }

  function run() {
    var started = performance.now();
    loadMeta().then(function () {
      return search(input.value, filters(), started);
    }).then(remember).catch(function () {
      status.textContent = "Chưa tải được dữ liệu tìm kiếm. Hãy kiểm tra kết nối rồi thử lại, " +
        "hoặc chọn tỉnh, thành phố trong danh sách bên dưới.";
    });
  }

  form.hidden = false;
  form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
  input.addEventListener("input", run);
  input.addEventListener("focus", function () { loadMeta().catch(function () {}); }, { once: true });
  provinceSelect.addEventListener("change", run);
  kindSelect.addEventListener("change", run);
  more.addEventListener("click", function () {
    if (current) showMore(sequence, current);
  });

  var params = new URLSearchParams(location.search);
  if (params.get("tinh")) provinceSelect.value = params.get("tinh");
  if (params.get("loai")) kindSelect.value = params.get("loai");
  if (params.get("q")) { input.value = params.get("q"); run(); }
})();
