/* Search of the directory: diacritic-folded (đ → d), every word must match, prefix matching,
 * phone digits, and places: a query that names a province, a commune or a pre-2025 province,
 * district or commune ("binh duong", "quan 1", "tphcm", "xa nam son") is answered with that
 * place's points first. Reads the sharded index written by generator/render/search_index.py:
 * meta.json, then only the token shards of the words typed (each carries the records of the first
 * screen of the words that first fetch it), the place table (once), the pre-2025 communes of the
 * typed name's first letter (if it may name one), the communes' centres of the province of a
 * commune with no point yet (if it names one) and the record chunks the shards do not carry.
 * The logic is in search-core.js and places.js; this file draws the page.
 * Progressive enhancement: without it, the home page lists the provinces and each province page
 * its communes and points. */
(function () {
  "use strict";
  var root = document.getElementById("db-search");
  if (!root || !window.fetch || !root.querySelector("form") || !window.dbSearchCore || !window.dbPlaces) return;
  var core = window.dbSearchCore, common = window.dbCommon, placesOf = window.dbPlaces;
  var node = common.node, fields = common.fields, formatNumber = common.formatNumber;

  var PAGE = 20;
  var MAX_CHOICES = 3; // places offered for one name: more would push the results off the screen
  var base = root.getAttribute("data-index");
  var form = root.querySelector("form");
  var input = form.querySelector("input[name=q]"), provinceSelect = form.querySelector("select[name=tinh]");
  var kindSelect = form.querySelector("select[name=loai]");
  var status = root.querySelector(".db-search__status"), choices = root.querySelector(".db-search__places");
  var list = root.querySelector(".db-search__results"), more = root.querySelector(".db-search__more");
  var meta = null, metaPromise = null, rankerOf = null, placesPromise = null;
  var F = null, PF = null, CF = null; // field indexes of the index's rows (meta.layouts)
  var shards = new Map(), chunks = new Map();
  // Records carried by the shards (the first screen of the words that fetch each): id → [record,
  // commune row]. A first screen found here is painted without waiting for a record chunk.
  var cards = new Map();
  var sequence = 0, current = null, chosen = {}; // chosen: query → index of the place picked
  // The newest query whose results are on screen. While someone types faster than a slow link
  // answers, each answer arrives after the next keystroke: an answer newer than what is shown is
  // painted rather than dropped, so results appear while typing and never go back to older ones.
  var onScreen = 0;
  function getJSON(path, cache) {
    if (!cache.has(path)) {
      cache.set(path, common.getJSON(base + path + "?v=" + meta.v)
        .catch(function (error) { cache.delete(path); throw error; }));
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
        meta = data;
        rankerOf = core.ranker(data);
        F = fields(data.layouts.point);
        PF = fields(data.layouts.province);
        CF = fields(data.layouts.commune);
        return data;
      }).catch(function (error) { metaPromise = null; throw error; });
    }
    return metaPromise;
  }

  /* The place table: preloaded by the home page with meta.json (both are needed by whatever is
   * typed first), and read when the box gets the focus: reading it while the page loads was a
   * long task of its own, and the page is then at its busiest. */
  function loadPlaces() {
    if (!placesPromise) {
      placesPromise = getJSON(meta.places, new Map()).then(function (table) {
        // Indexed in a task of its own, not in the one that parsed the file.
        return new Promise(function (resolve) { setTimeout(resolve, 0); }).then(function () {
          return placesOf.places(table, meta);
        });
      }).catch(function (error) { placesPromise = null; throw error; });
    }
    return placesPromise;
  }

  function search(text, filters, started, submitted) {
    var mine = ++sequence;
    // Words that only name the service ("diem thu bhxh") are left out; the query is shown as typed.
    var R = rankerOf, typed = text, terms = R.parse(text = core.asked(text));
    if (!terms.length) { onScreen = mine; show(null); return Promise.resolve(); }
    var state = {
      terms: terms, hits: [], shown: 0, text: typed.trim(), started: started, work: 0, places: [],
      submitted: submitted, key: [typed, filters.province, filters.kind].join("|")
    };
    // One letter or two digits match thousands of points by chance: a phone would fetch the index of short
    // words and a page of records to show nothing useful. Ask for more, unless the words name a place ("q.1").
    var tooShort = terms.length === 1 && terms[0].word.length < R.keyLength(terms[0].word);
    var hint = tooShort && (core.isDigits(terms[0].word)
      ? "Gõ ít nhất " + R.keyLength(terms[0].word) + " chữ số để tìm theo số điện thoại."
      : "Gõ thêm ít nhất một chữ nữa để tìm.");
    if (tooShort && core.words(text).length < 2) {
      state.hint = hint;
      return showMore(mine, state);
    }
    if (tooShort) terms = [];
    var keys = new Set();
    terms.concat(R.pairsOf(terms)).forEach(function (term) {
      term.forms.forEach(function (f) { R.shardsFor(f).forEach(function (k) { keys.add(k); }); });
    });
    var loaded = {};
    return Promise.all(Array.from(keys).map(function (key) {
      return getJSON("t/" + key + ".json", shards).then(function (shard) {
        loaded[key] = shard;
        keepCards(shard[meta.keys.cards]);
      });
    }).concat([loadPlaces().then(function (named) { // and the pre-2025 communes it may name
      return named.withOld(text, function (path) { return getJSON(path, shards); }); })])).then(function (done) {
      if (mine < onScreen) return;
      var begun = performance.now();
      var found = placesOf.answer(R, done[done.length - 1], text, terms, loaded, filters, chosen[state.text]);
      Object.keys(found).forEach(function (key) { state[key] = found[key]; });
      if (tooShort && !state.places.length) state.hint = hint;
      state.work += performance.now() - begun;
      return showMore(mine, state);
    });
  }

  function keepCards(carried) {
    if (!carried) return;
    Object.keys(carried.p).forEach(function (id) {
      if (!cards.has(+id)) cards.set(+id, [carried.p[id], carried.c[carried.p[id][F.commune]]]);
    });
  }

  /* The record and commune row of a result, from the shards' cards or a loaded chunk. */
  function rowOf(id, byNumber) {
    var chunk = byNumber[Math.floor(id / meta.chunk)];
    if (!chunk) return cards.get(id);
    var r = chunk.p[id % meta.chunk];
    return [r, chunk.c[r[F.commune]]];
  }

  /* One page of results, painted in two steps: the first screen as soon as its records arrive,
   * then the rest of the page. The results of a phone number or a common word are spread over
   * many record chunks; waiting for all of them before painting anything made the first result
   * wait for the slowest of up to twenty files. */
  function showMore(mine, state) {
    var slice = state.hits.slice(state.shown, state.shown + PAGE);
    state.target = state.shown + slice.length;
    var first = meta.first;
    return paint(mine, state, slice.slice(0, first)).then(function (painted) {
      if (!painted || slice.length <= first) return;
      // After the first screen is on screen: its frame then lays out five results, not twenty.
      return new Promise(afterFrame).then(function () {
        if (mine === onScreen) return paint(mine, state, slice.slice(first));
      });
    });
  }

  function paint(mine, state, ids) {
    var needed = Array.from(new Set(ids.filter(function (id) { return !cards.has(id); })
      .map(function (id) { return Math.floor(id / meta.chunk); })));
    return Promise.all(needed.map(function (n) { return getJSON("d/" + n + ".json", chunks); }))
      .then(function (loadedChunks) {
        if (mine < onScreen) return false;
        onScreen = mine;
        current = state;
        var begun = performance.now();
        var byNumber = {};
        needed.forEach(function (n, i) { byNumber[n] = loadedChunks[i]; });
        var fresh = !state.shown;
        if (fresh) list.textContent = "";
        ids.forEach(function (id) { list.appendChild(renderHit(id, rowOf(id, byNumber), state)); });
        state.shown += ids.length;
        show(state);
        if (fresh) bringIntoView(state);
        state.work += performance.now() - begun;
        return true;
      });
  }

  /* The first result must be on the first screen of a phone: while typing, the search box is
   * scrolled to the top when the first result would start too low; after Enter (keyboard
   * closed), the results themselves go to the top. */
  function bringIntoView(state) {
    if (state.submitted) {
      status.scrollIntoView({ block: "start" });
      return;
    }
    var first = list.firstElementChild;
    if (first && first.getBoundingClientRect().top > window.innerHeight * 0.6) {
      input.scrollIntoView({ block: "start" });
    }
  }

  function placeLabel(place) {
    return place.label + " — " + formatNumber(place.count) + " điểm";
  }

  function showChoices(state) {
    choices.textContent = "";
    if (state.places.length < 2) { choices.hidden = true; return; }
    choices.appendChild(node("p", "db-search__places-title", "Bạn muốn tìm ở đâu?"));
    var row = node("ul", "db-search__choices");
    state.places.slice(0, MAX_CHOICES).forEach(function (place, i) {
      var item = node("li"), button = node("button", "db-search__choice", placeLabel(place));
      button.type = "button";
      button.setAttribute("aria-pressed", String(place === state.place || place === state.unserved));
      button.addEventListener("click", function () {
        chosen[state.text] = i;
        run(true);
      });
      item.appendChild(button);
      row.appendChild(item);
    });
    choices.appendChild(row);
    choices.hidden = false;
  }

  function showSuggestion(state) {
    if (!state.suggestion) return;
    var line = node("p", "db-search__suggest", "Có phải bạn muốn tìm ");
    var button = node("button", "db-search__suggestion", state.suggestion.text);
    button.type = "button";
    button.addEventListener("click", function () {
      input.value = state.suggestion.text;
      run(true);
    });
    line.appendChild(button);
    line.appendChild(document.createTextNode("?"));
    status.appendChild(line);
  }

  function show(state) {
    if (!state) {
      current = null;
      list.textContent = "";
      status.textContent = "";
      choices.textContent = "";
      choices.hidden = true;
      more.hidden = true;
      delete root.dataset.ms;
      return;
    }
    var count = state.hits.length;
    var where = provinceSelect.value ? " ở " + provinceSelect.options[provinceSelect.selectedIndex].text : "";
    if (!count) list.textContent = "";
    var found = "Tìm thấy " + formatNumber(count) + " điểm thu" + where;
    if (state.corrected) {
      found = "Không tìm thấy điểm thu nào cho “" + state.text + "”. Đây là " + formatNumber(count) +
        " điểm thu ở " + state.place.label + ", tên gần giống nhất.";
    } else if (state.unserved) {
      found = state.unserved.label + " chưa có điểm thu nào trong danh bạ. Đây là " + formatNumber(state.placeCount) +
        " điểm thu ở " + state.place.label + (state.nearestFirst ? ", xếp từ gần đến xa." : ".");
    } else if (state.restMissing) {
      found = "Không có điểm thu nào có “" + state.rest + "” ở " + state.place.label + ". Đây là " +
        formatNumber(count) + " điểm thu ở đó.";
    } else if (!state.place) found += " cho “" + state.text + "”.";
    else if (state.placeCount === count) found += " ở " + state.place.label + ".";
    else {
      found += ": trước hết " + formatNumber(state.placeCount) + " điểm" +
        (state.rest ? " có “" + state.rest + "”" : "") + " ở " + state.place.label + ".";
    }
    status.textContent = state.hint || (count
      ? found
      : "Không tìm thấy điểm thu nào" + where + " cho “" + state.text + "”. Hãy thử bớt một từ, bỏ bộ lọc, " +
        "hoặc chọn tỉnh, thành phố trong danh sách bên dưới.");
    if (!count || state.corrected) showSuggestion(state);
    showChoices(state);
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
      root.dataset.place = state.place ? state.place.label : "";
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

  function highlighted(tag, className, text, terms) {
    var element = node(tag, className), at = 0;
    core.matches(text, terms).forEach(function (span) {
      element.appendChild(document.createTextNode(text.slice(at, span[0])));
      element.appendChild(node("mark", "", text.slice(span[0], span[1])));
      at = span[1];
    });
    element.appendChild(document.createTextNode(text.slice(at)));
    return element;
  }

  /* A compact card: name, address, agent, one call button; a line of explanation only when what
   * matched is not on the card (a pre-2025 name of the commune, the point's code). */
  function renderHit(id, row, state) {
    var terms = state.terms, r = row[0], commune = row[1];
    var province = rankerOf.provinceOf(id), slug = province[PF.slug], provinceName = province[PF.name];
    var item = node("li", "db-hit"), text = node("div", "db-hit__text");
    item.appendChild(text);
    // Not a heading: twenty results under the page's h1 would break the heading outline.
    var heading = node("p", "db-hit__name");
    var link = highlighted("a", "", r[F.name], terms);
    link.href = "tinh/" + slug + "/" + r[F.page] + "/#" + r[F.anchor];
    heading.appendChild(link);
    text.appendChild(heading);
    var place = commune[CF.name] + ", " + provinceName;
    var address = highlighted("p", "db-hit__address", r[F.address] + ", " + place, terms);
    var here = common.knownPosition();
    if (here && r[F.lat] !== null) {
      // From the position the finder found in this session; about, when the point's own is not known.
      var km = common.formatKm(common.distanceKm(here[0], here[1], r[F.lat], r[F.lon]));
      address.insertBefore(node("strong", "db-hit__km", (r[F.approximate] ? "khoảng " : "") + km + " · "), address.firstChild);
    }
    text.appendChild(address);
    text.appendChild(highlighted("p", "db-hit__agent", r[F.agent], terms));
    var phones = [[r[F.mobile], r[F.mobile_e164]], [r[F.fixed], r[F.fixed_e164]]].filter(function (p) { return p[0]; });
    var matched = phones.filter(function (p) { return core.phoneMatches(p[0], terms); });
    var phone = matched[0] || phones[0];
    if (phone) {
      var call = node("a", "db-hit__call");
      call.href = "tel:" + phone[1];
      call.appendChild(node("span", "db-hit__call-verb", "Gọi"));
      call.appendChild(document.createTextNode(" "));
      var number = node("span", "db-hit__call-number", phone[0]);
      if (matched.length) number.className += " db-hit__matched";
      call.appendChild(number);
      item.appendChild(call);
    }
    // A point of the place the query named needs no explanation: the status line names the place.
    if (state.inPlace && state.inPlace.has(id)) return item;
    var own = [r[F.name], r[F.agent], r[F.address], commune[CF.name], provinceName].join(" ");
    var unmatched = terms.filter(function (term) {
      return !core.matches(own, [term]).length && !phones.some(function (p) { return core.phoneMatches(p[0], [term]); });
    });
    if (!unmatched.length) return item;
    var olds = commune[CF.legacy].filter(function (label) { return core.matches(label, unmatched).length; });
    if (olds.length) {
      text.appendChild(highlighted("p", "db-hit__why db-hit__legacy", "Trước 2025 thuộc: " +
        olds[0] + (olds.length > 1 ? " …" : ""), unmatched));
    } else if (core.matches(r[F.code], unmatched).length) {
      text.appendChild(highlighted("p", "db-hit__why", "Mã điểm thu: " + r[F.code], unmatched));
    }
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

  function run(submitted) {
    var started = performance.now();
    loadMeta().then(function () {
      return search(input.value, filters(), started, submitted === true);
    }).then(remember).catch(function () {
      status.textContent = "Chưa tải được dữ liệu tìm kiếm. Hãy kiểm tra kết nối rồi thử lại, " +
        "hoặc chọn tỉnh, thành phố trong danh sách bên dưới.";
    });
  }

  form.hidden = false;
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    input.blur(); // closes the phone's keyboard: the results get the whole screen
    run(true);
  });
  input.addEventListener("input", function () { run(false); });
  // Already on their way (preloaded): the manifest is read now, the place table once someone is
  // about to type, so the first keystroke waits only for its shard.
  loadMeta().catch(function () {});
  input.addEventListener("focus", function () { loadMeta().then(loadPlaces).catch(function () {}); }, { once: true });
  provinceSelect.addEventListener("change", function () { run(false); });
  kindSelect.addEventListener("change", function () { run(false); });
  more.addEventListener("click", function () { if (current) showMore(onScreen, current); });

  var params = new URLSearchParams(location.search);
  if (params.get("tinh")) provinceSelect.value = params.get("tinh");
  if (params.get("loai")) kindSelect.value = params.get("loai");
  if (provinceSelect.value || kindSelect.value) form.querySelector("details").open = true;
  if (params.get("q")) { input.value = params.get("q"); run(false); }
})();
