/* "Tìm điểm thu gần tôi": the 5 nearest collection points to the reader's position, or to the
 * centre of a commune they choose (2025 name or pre-2025 name, with or without diacritics).
 *
 * Data (made by generator/render/nearest.py, fetched relative to the page):
 *   diem.bin   int32 little-endian (lat, lon) × 10^6 pairs, each the offset from its grid cell's
 *              south-west corner, the points cell by cell;
 *   diem.json  provinces, scale, chunk size, the grid and its number of points per cell;
 *   chi-tiet/<n>.json  details of points n×chunk … : only the chunks of the 5 results are fetched;
 *   xa.json    the commune chooser, fetched only when it is needed.
 * Distances are haversine on a sphere of 6371.0088 km, as generator/geo.py computes them, so the
 * site and the Python tests rank the same way. A grid of cells (built with the files, the points
 * stored cell by cell) limits the search to the cells around the position; rings of cells are
 * added until no point outside them can be closer than the 5th found.
 */
(function () {
  "use strict";
  var root = document.getElementById("db-nearest");
  if (!root) return;

  var R = 6371.0088;
  var RAD = Math.PI / 180;
  var K = 5;
  var dataBase = root.getAttribute("data-data") || "./";
  var siteBase = root.getAttribute("data-site") || "../";

  var el = function (id) { return document.getElementById(id); };
  var status = el("db-nearest-status");
  var locateButton = el("db-nearest-locate");
  var results = el("db-nearest-results");
  var heading = el("db-nearest-heading");
  var list = el("db-nearest-list");
  var chooser = el("db-nearest-chooser");
  var provinceSelect = el("db-nearest-province");
  var communeInput = el("db-nearest-commune");
  var suggestions = el("db-nearest-suggestions");

  function getJSON(url) {
    return fetch(url).then(function (r) {
      if (!r.ok) throw new Error(url + ": HTTP " + r.status);
      return r.json();
    });
  }

  /* ---- points and grid ------------------------------------------------------------------- */

  var points = null; // {n, pairs, scale, lat0, lon0, cell, rows, cols, start, cosMax, meta}

  /* Nothing to decode: a point is stored as its offset from its cell's south-west corner, and
   * read only when the search visits its cell. (A pass over 30,000 points on a page's first
   * search, before the JIT has warmed up, cost 20 ms.) */
  function prepare(meta, buffer) {
    var grid = meta.grid, start = new Int32Array(grid.counts.length + 1);
    for (var c = 0; c < grid.counts.length; c++) start[c + 1] = start[c] + grid.counts[c];
    return {
      // Typed arrays read the platform's byte order: little-endian on every device browsers run on.
      n: buffer.byteLength / 8, pairs: new Int32Array(buffer), scale: meta.scale,
      lat0: grid.lat0, lon0: grid.lon0, cell: grid.cell, rows: grid.rows, cols: grid.cols, start: start,
      cosMax: Math.cos(grid.max_abs_lat / meta.scale * RAD), meta: meta
    };
  }

  function haversine(p1, cos1, lon1, lat2, lon2) {
    var p2 = lat2 * RAD;
    var s1 = Math.sin((p2 - p1) / 2), s2 = Math.sin((lon2 - lon1) * RAD / 2);
    var a = s1 * s1 + cos1 * Math.cos(p2) * s2 * s2;
    return 2 * R * Math.asin(Math.sqrt(a));
  }

  /* The k nearest points as [{index, km, lat, lon}], nearest first; equal distances keep the
   * canonical order. The search allocates nothing per point, so no garbage collection pauses it. */
  var bestKm = new Float64Array(16), bestIndex = new Int32Array(16), bestCount = 0, bestK = K;
  var bestLat = new Float64Array(16), bestLon = new Float64Array(16);

  function consider(p1, cos1, qLon, i, lat, lon) {
    var d = haversine(p1, cos1, qLon, lat, lon);
    var last = bestCount - 1;
    if (bestCount === bestK && (d > bestKm[last] || (d === bestKm[last] && i > bestIndex[last]))) return;
    var j = bestCount === bestK ? last : bestCount++;
    while (j > 0 && (bestKm[j - 1] > d || (bestKm[j - 1] === d && bestIndex[j - 1] > i))) {
      bestKm[j] = bestKm[j - 1];
      bestIndex[j] = bestIndex[j - 1];
      bestLat[j] = bestLat[j - 1];
      bestLon[j] = bestLon[j - 1];
      j--;
    }
    bestKm[j] = d;
    bestIndex[j] = i;
    bestLat[j] = lat;
    bestLon[j] = lon;
  }

  function visitCell(p1, cos1, qLon, y, x) {
    var P = points;
    if (y < 0 || y >= P.rows || x < 0 || x >= P.cols) return;
    var c = y * P.cols + x, south = P.lat0 + y * P.cell, west = P.lon0 + x * P.cell;
    for (var i = P.start[c], end = P.start[c + 1]; i < end; i++) {
      // Integers below 2^31 add exactly: the same degrees as the Python side's scaled / SCALE.
      consider(p1, cos1, qLon, i, (south + P.pairs[2 * i]) / P.scale, (west + P.pairs[2 * i + 1]) / P.scale);
    }
  }

  function nearest(qLat, qLon, k) {
    var P = points;
    bestK = Math.min(k || K, bestKm.length);
    bestCount = 0;
    if (P.n) {
      var p1 = qLat * RAD, cos1 = Math.cos(p1);
      var cy = Math.floor((qLat * P.scale - P.lat0) / P.cell), cx = Math.floor((qLon * P.scale - P.lon0) / P.cell);
      for (var r = 0; ; r++) {
        if (r === 0) visitCell(p1, cos1, qLon, cy, cx);
        else {
          for (var x = cx - r; x <= cx + r; x++) {
            visitCell(p1, cos1, qLon, cy - r, x);
            visitCell(p1, cos1, qLon, cy + r, x);
          }
          for (var y = cy - r + 1; y <= cy + r - 1; y++) {
            visitCell(p1, cos1, qLon, y, cx - r);
            visitCell(p1, cos1, qLon, y, cx + r);
          }
        }
        if (cy - r <= 0 && cy + r >= P.rows - 1 && cx - r <= 0 && cx + r >= P.cols - 1) break;
        if (bestCount === bestK && outsideBound(qLat, qLon, cos1, cy, cx, r) >= bestKm[bestCount - 1]) break;
      }
    }
    var found = [];
    for (var n = 0; n < bestCount; n++) {
      found.push({ index: bestIndex[n], km: bestKm[n], lat: bestLat[n], lon: bestLon[n] });
    }
    return found;
  }

  /* No point outside the (2r+1)² cells around (cy, cx) is nearer than this: its latitude or its
   * longitude differs by at least the distance to the square's edge, and
   * hav θ ≥ cos φ1 · cos φ2 · hav Δλ with cos φ2 ≥ cos(max |lat| of the points). */
  function outsideBound(qLat, qLon, cos1, cy, cx, r) {
    var P = points;
    var south = (P.lat0 + (cy - r) * P.cell) / P.scale, north = (P.lat0 + (cy + r + 1) * P.cell) / P.scale;
    var west = (P.lon0 + (cx - r) * P.cell) / P.scale, east = (P.lon0 + (cx + r + 1) * P.cell) / P.scale;
    // Less a hair (1e-9°, 0.1 mm): cells are exact in scaled integers, their edges here are not.
    var dLat = Math.max(0, Math.min(qLat - south, north - qLat) - 1e-9) * RAD;
    var dLon = Math.max(0, Math.min(qLon - west, east - qLon) - 1e-9) * RAD;
    var byLat = R * dLat;
    var s = Math.sqrt(Math.max(0, cos1 * P.cosMax)) * Math.sin(Math.min(dLon, Math.PI) / 2);
    var byLon = 2 * R * Math.asin(Math.min(1, s));
    return Math.min(byLat, byLon);
  }

  var timings = {};
  var pointsReady = Promise.all([
    getJSON(dataBase + "diem.json"),
    fetch(dataBase + "diem.bin").then(function (r) {
      if (!r.ok) throw new Error("diem.bin: HTTP " + r.status);
      return r.arrayBuffer();
    })
  ]).then(function (both) {
    var started = performance.now();
    points = prepare(both[0], both[1]);
    timings.prepare = performance.now() - started; // once per page
    return points;
  });

  var chunks = {};
  function chunk(n) {
    if (!chunks[n]) chunks[n] = getJSON(dataBase + "chi-tiet/" + n + ".json");
    return chunks[n];
  }

  function details(found) {
    var size = points.meta.chunk;
    return Promise.all(found.map(function (f) {
      return chunk(Math.floor(f.index / size)).then(function (rows) { return rows[f.index % size]; });
    }));
  }

  /* ---- showing results -------------------------------------------------------------------- */

  function formatKm(km) {
    return km.toFixed(1).replace(".", ",") + " km";
  }

  function node(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function link(href, text) {
    var a = node("a", "", text);
    a.href = href;
    return a;
  }

  function directions(lat, lon) {
    var where = encodeURIComponent(lat.toFixed(6) + "," + lon.toFixed(6));
    return [
      ["Google Maps", "https://www.google.com/maps/dir/?api=1&destination=" + where],
      ["OpenStreetMap", "https://www.openstreetmap.org/directions?to=" + where]
    ];
  }

  function resultItem(found, row, fromLabel) {
    var province = points.meta.provinces[row[0]];
    var item = node("li", "db-card db-nearest__item");
    item.setAttribute("data-index", String(found.index));
    var title = node("h3", "db-card__name");
    title.appendChild(link(siteBase + "tinh/" + province[0] + "/#" + row[1], row[2]));
    item.appendChild(title);
    var distance = node("p", "db-nearest__distance");
    distance.appendChild(node("strong", "db-nearest__km", formatKm(found.km)));
    distance.appendChild(document.createTextNode(" " + fromLabel));
    if (row[11]) {
      distance.appendChild(document.createTextNode(" "));
      var approx = node("span", "db-approx", "vị trí gần đúng");
      approx.title = "Tỉnh chưa gửi toạ độ; vị trí là trung tâm xã/phường";
      distance.appendChild(approx);
    }
    item.appendChild(distance);
    item.appendChild(node("p", "db-card__agent", row[3]));
    item.appendChild(node("p", "db-card__address", row[4] + ", " + row[5] + ", " + province[1]));
    var phones = node("ul", "db-card__phones");
    [["Cố định", row[6], row[7]], ["Di động", row[8], row[9]]].forEach(function (ph) {
      if (!ph[1]) return;
      var li = node("li", "", ph[0] + ": ");
      li.appendChild(link("tel:" + ph[2], ph[1]));
      phones.appendChild(li);
    });
    if (phones.childNodes.length) item.appendChild(phones);
    if (row[10]) item.appendChild(node("p", "db-card__hours", "Giờ làm việc: " + row[10]));
    var links = node("p", "db-card__links");
    directions(found.lat, found.lon).forEach(function (d, i) {
      if (i) links.appendChild(document.createTextNode(" · "));
      var a = link(d[1], "Chỉ đường (" + d[0] + ")");
      a.rel = "noopener";
      links.appendChild(a);
    });
    item.appendChild(links);
    return item;
  }

  var shown = 0; // a later request replaces an earlier one that is still loading
  function show(lat, lon, headingText, fromLabel, source) {
    var ticket = ++shown;
    return pointsReady.then(function () {
      var found = nearest(lat, lon, K);
      return details(found).then(function (rows) {
        if (ticket !== shown) return;
        list.textContent = "";
        found.forEach(function (f, i) { list.appendChild(resultItem(f, rows[i], fromLabel)); });
        heading.textContent = headingText;
        results.hidden = false;
        root.setAttribute("data-source", source);
        if (!found.length) setStatus("Chưa có điểm thu nào được công bố.");
        heading.focus();
      });
    }).catch(function (err) {
      setStatus("Không tải được danh sách điểm thu. Hãy tải lại trang hoặc chọn tỉnh trên trang chủ.");
      if (window.console) console.warn(err);
    });
  }

  function setStatus(text) { status.textContent = text; }

  /* ---- geolocation ------------------------------------------------------------------------ */

  function locate() {
    if (!("geolocation" in navigator)) {
      noPosition("Trình duyệt này không cho biết vị trí.");
      return;
    }
    setStatus("Đang xác định vị trí của bạn…");
    navigator.geolocation.getCurrentPosition(function (pos) {
      var c = pos.coords;
      var accuracy = c.accuracy ? " (sai số khoảng " + formatAccuracy(c.accuracy) + ")" : "";
      setStatus("Đã xác định vị trí của bạn" + accuracy + ".");
      root.setAttribute("data-position", c.latitude + "," + c.longitude);
      show(c.latitude, c.longitude, "Theo vị trí của bạn", "từ vị trí của bạn", "vi-tri");
    }, function (err) {
      var why = {
        1: "Bạn chưa cho phép trang web biết vị trí.",
        2: "Không xác định được vị trí của bạn.",
        3: "Xác định vị trí quá lâu."
      }[err.code] || "Không xác định được vị trí của bạn.";
      noPosition(why);
    }, { enableHighAccuracy: false, timeout: 15000, maximumAge: 300000 });
  }

  function formatAccuracy(m) {
    return m >= 1000 ? formatKm(m / 1000) : Math.round(m) + " m";
  }

  function noPosition(why) {
    setStatus(why + " Hãy chọn xã, phường của bạn ở dưới.");
    root.setAttribute("data-geolocation", "khong");
    openChooser(true);
  }

  /* ---- commune chooser -------------------------------------------------------------------- */

  var communes = null;
  var communesReady = null;
  var KINDS = /^(xa|phuong|thi tran|dac khu|thanh pho|thi xa|quan|huyen)\s+/;

  function fold(text) {
    return text.replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();
  }

  function loadCommunes() {
    if (!communesReady) {
      communesReady = getJSON(dataBase + "xa.json").then(function (data) {
        var entries = [];
        data.communes.forEach(function (c, i) {
          entries.push({
            commune: i, province: c[1], name: c[0], label: c[0], key: fold(c[0]).replace(KINDS, ""),
            words: fold(c[0] + " " + data.provinces[c[1]][1]).split(" ")
          });
        });
        data.legacy.forEach(function (l) {
          var target = data.communes[l[3]];
          entries.push({
            commune: l[3], province: target[1], name: l[0], legacy: l,
            label: l[0] + ", " + l[1] + ", " + data.oldProvinces[l[2]] + " (tên cũ) → nay là " + target[0],
            key: fold(l[0]).replace(KINDS, ""),
            words: fold(l[0] + " " + l[1] + " " + data.oldProvinces[l[2]]).split(" ")
          });
        });
        communes = { data: data, entries: entries };
        return communes;
      });
    }
    return communesReady;
  }

  function openChooser(focus) {
    chooser.hidden = false;
    loadCommunes().then(function () {
      if (communeInput.value) suggest();
    }).catch(function () {
      setStatus("Không tải được danh sách xã, phường. Hãy tải lại trang.");
    });
    if (focus) communeInput.focus();
  }

  function matches(query, provinceSlug) {
    var q = fold(query).replace(KINDS, "");
    if (!q || !communes) return [];
    var exact = bare(query.normalize("NFC"));
    var provinceIndex = -1;
    communes.data.provinces.forEach(function (p, i) { if (p[0] === provinceSlug) provinceIndex = i; });
    var words = q.split(" ");
    var scored = [];
    communes.entries.forEach(function (e, order) {
      if (provinceIndex >= 0 && e.province !== provinceIndex) return;
      var tier;
      if (e.key === q) tier = 0;
      else if (q.indexOf(e.key + " ") === 0) tier = 1; // the name, then its district or province
      else if (e.key.indexOf(q) === 0) tier = 2;
      else {
        // Every word typed starts a word of the name, its district or its province.
        var all = words.every(function (w) {
          return e.words.some(function (k) { return k.indexOf(w) === 0; });
        });
        if (!all) return;
        tier = 3;
      }
      // Then names that begin with what was typed, diacritics included (Cẩm Giàng before Cẩm
      // Giang), then 2025 names before old ones.
      scored.push([tier, bare(e.name).indexOf(exact) === 0 ? 0 : 1, e.legacy ? 1 : 0, order, e]);
    });
    scored.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || a[3] - b[3]; });
    return scored.slice(0, 8).map(function (s) { return s[4]; });
  }

  function bare(name) {
    return name.trim().toLowerCase().replace(/\s+/g, " ").replace(/^(xã|phường|thị trấn|đặc khu)\s+/, "");
  }

  function provinceName(i) { return communes.data.provinces[i][1]; }

  function suggest() {
    var found = matches(communeInput.value, provinceSelect.value);
    suggestions.textContent = "";
    found.forEach(function (e) {
      var li = node("li");
      var button = node("button", "db-nearest__suggestion", e.label + " — " + provinceName(e.province));
      button.type = "button";
      button.addEventListener("click", function () { choose(e); });
      li.appendChild(button);
      suggestions.appendChild(li);
    });
    if (communeInput.value.trim() && !found.length) {
      suggestions.appendChild(node("li", "db-nearest__none", "Không thấy xã, phường nào có tên này" +
        (provinceSelect.value ? " trong tỉnh, thành phố đã chọn." : ".")));
    }
    return found;
  }

  function choose(entry) {
    var c = communes.data.communes[entry.commune];
    var where = c[0] + " (" + provinceName(c[1]) + ")";
    var text = "Theo trung tâm xã/phường " + where;
    if (entry.legacy) {
      var l = entry.legacy;
      text += " — trước đây là " + l[0] + ", " + l[1] + ", " + communes.data.oldProvinces[l[2]];
    }
    setStatus("Đang tìm các điểm thu gần trung tâm " + c[0] + "…");
    root.setAttribute("data-commune", c[0]);
    show(c[2], c[3], text, "từ trung tâm " + c[0], "xa").then(function () {
      if (root.getAttribute("data-commune") === c[0]) setStatus("Đã tìm theo trung tâm " + where + ".");
    });
    suggestions.textContent = "";
  }

  communeInput.addEventListener("input", function () { loadCommunes().then(suggest); });
  communeInput.addEventListener("focus", function () { loadCommunes(); });
  provinceSelect.addEventListener("change", function () { if (communes && communeInput.value) suggest(); });
  chooser.addEventListener("submit", function (event) {
    event.preventDefault();
    loadCommunes().then(function () {
      var found = suggest();
      if (found.length) choose(found[0]);
    });
  });

  /* ---- start ------------------------------------------------------------------------------ */

  // ?tinh=<slug> or #tinh-<slug>: the leaflets of a province link the finder of that province.
  var wanted = new URLSearchParams(location.search).get("tinh") ||
    (location.hash.indexOf("#tinh-") === 0 ? location.hash.slice(6) : "");
  if (wanted && provinceSelect.querySelector('option[value="' + wanted.replace(/[^a-z0-9-]/g, "") + '"]')) {
    provinceSelect.value = wanted;
  }
  chooser.hidden = false;
  locateButton.hidden = !("geolocation" in navigator);
  locateButton.addEventListener("click", locate);

  window.dbNearest = {
    ready: pointsReady,
    timings: timings,
    nearest: nearest,
    fold: fold
  };

  locate();
})();
