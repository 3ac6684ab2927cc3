/* "Tìm điểm thu gần tôi": the nearest collection points (as many as diem.json's "results") to the reader's position, or to the
 * centre of a commune they choose (2025 name or pre-2025 name, with or without diacritics).
 *
 * Data (made by generator/render/nearest.py, fetched relative to the page; row layouts declared
 * in the files and read by name):
 *   diem.bin   uint16 little-endian (lat, lon) pairs in units of 1/scale degree, each the offset
 *              from its grid cell's south-west corner, the points cell by cell;
 *   diem.json  provinces, scale, chunk size, the grid and its number of points per cell, the
 *              number of results, the "far" threshold and the country mask;
 *   chi-tiet/<n>.json  details of points n×chunk … : only the chunks of the results are fetched;
 *   xa.json    the commune chooser, fetched only when it is needed.
 * The geometry (grid search, haversine, country mask) is in grid.js.
 */
(function () {
  "use strict";
  var root = document.getElementById("db-nearest");
  if (!root || !window.dbGrid) return;
  var grid = window.dbGrid, common = window.dbCommon;
  var getJSON = common.getJSON, node = common.node, formatKm = common.formatKm;

  var dataBase = root.getAttribute("data-data") || "./";
  var siteBase = root.getAttribute("data-site") || "../";

  var el = function (id) { return document.getElementById(id); };
  var status = el("db-nearest-status");
  var locateButton = el("db-nearest-locate");
  var results = el("db-nearest-results");
  var heading = el("db-nearest-heading");
  var note = el("db-nearest-note");
  var list = el("db-nearest-list");
  var chooser = el("db-nearest-chooser");
  var provinceSelect = el("db-nearest-province");
  var communeInput = el("db-nearest-commune");
  var suggestions = el("db-nearest-suggestions");

  var points = null, D = null, P = null; // the prepared grid; field indexes of a detail row, a province

  function nearest(qLat, qLon, k) {
    return grid.nearest(points, qLat, qLon, k || points.meta.results);
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
    points = grid.prepare(both[0], both[1]);
    D = common.fields(both[0].layouts.detail);
    P = common.fields(both[0].layouts.province);
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
    var province = points.meta.provinces[row[D.province]];
    var item = node("li", "db-card db-nearest__item");
    item.setAttribute("data-index", String(found.index));
    var title = node("h3", "db-card__name");
    var card = siteBase + "tinh/" + province[P.slug] + "/" + row[D.page] + "/#" + row[D.anchor];
    title.appendChild(link(card, row[D.name]));
    item.appendChild(title);
    var distance = node("p", "db-nearest__distance");
    distance.appendChild(node("strong", "db-nearest__km", formatKm(found.km)));
    distance.appendChild(document.createTextNode(" " + fromLabel));
    if (found.km > points.meta.far_km) {
      distance.appendChild(document.createTextNode(" "));
      distance.appendChild(node("span", "db-nearest__far", "xa hơn " + points.meta.far_km + " km"));
    }
    if (row[D.approximate]) {
      distance.appendChild(document.createTextNode(" "));
      var approx = node("span", "db-approx", "vị trí gần đúng");
      approx.title = "Tỉnh chưa gửi toạ độ; vị trí là trung tâm xã/phường";
      distance.appendChild(approx);
    }
    item.appendChild(distance);
    item.appendChild(node("p", "db-card__agent", row[D.agent]));
    item.appendChild(node("p", "db-card__address", row[D.address] + ", " + row[D.commune] + ", " + province[P.name]));
    var phones = node("ul", "db-card__phones");
    [["Cố định", row[D.fixed], row[D.fixed_e164]], ["Di động", row[D.mobile], row[D.mobile_e164]]].forEach(function (ph) {
      if (!ph[1]) return;
      var li = node("li", "", ph[0] + ": ");
      li.appendChild(link("tel:" + ph[2], ph[1]));
      phones.appendChild(li);
    });
    if (phones.childNodes.length) item.appendChild(phones);
    if (row[D.hours]) item.appendChild(node("p", "db-card__hours", "Giờ làm việc: " + row[D.hours]));
    var links = node("p", "db-card__links");
    // The exact published position (diem.bin's is rounded to the finder's unit).
    directions(row[D.lat], row[D.lon]).forEach(function (d, i) {
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
      var found = nearest(lat, lon);
      return details(found).then(function (rows) {
        if (ticket !== shown) return;
        list.textContent = "";
        found.forEach(function (f, i) { list.appendChild(resultItem(f, rows[i], fromLabel)); });
        heading.textContent = headingText;
        farNote(found, lat, lon, source);
        results.hidden = false;
        root.setAttribute("data-source", source);
        if (!found.length) setStatus("Chưa có điểm thu nào được công bố.");
        heading.focus({ preventScroll: true });
        // The results under the header: on a phone the intro and the buttons fill the first screen.
        results.scrollIntoView({ block: "start" });
      });
    }).catch(function (err) {
      setStatus("Không tải được danh sách điểm thu. Hãy tải lại trang hoặc chọn tỉnh trên trang chủ.");
      if (window.console) console.warn(err);
    });
  }

  /* Points beyond the threshold are not "near": say so, and say when the position itself seems
   * to be outside the country (out of the country mask and far from every point). */
  function farNote(found, lat, lon, source) {
    var far = points.meta.far_km, nearestKm = found.length ? found[0].km : 0;
    var outside = source === "vi-tri" && nearestKm > far && !grid.inCountry(points.meta.land, lat, lon);
    note.textContent = "";
    note.hidden = !(nearestKm > far);
    root.setAttribute("data-far", outside ? "ngoai-nuoc" : nearestKm > far ? "xa" : "gan");
    if (outside) {
      note.appendChild(node("strong", "", "Bạn có vẻ đang ở ngoài Việt Nam."));
      note.appendChild(document.createTextNode(" Điểm thu gần nhất cách bạn " + formatKm(nearestKm) +
        ". Danh bạ chỉ có các điểm thu ở Việt Nam: để tìm theo nơi bạn sẽ đến, hãy chọn xã, phường ở dưới."));
    } else if (nearestKm > far) {
      note.appendChild(node("strong", "", "Điểm thu gần nhất cách " + formatKm(nearestKm) + ", xa hơn " + far + " km."));
      note.appendChild(document.createTextNode(" Khoảng cách là đường chim bay; đường đi thực tế có thể dài hơn nhiều " +
        "(qua núi, qua biển). Hãy gọi điện hỏi trước khi đi."));
    }
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
      common.rememberPosition(c.latitude, c.longitude); // the search then shows distances too
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
  var XC = null, XL = null, XP = null; // field indexes of the chooser's rows (xa.json layouts)
  var communesReady = null;
  var KINDS = /^(xa|phuong|thi tran|dac khu|thanh pho|thi xa|quan|huyen)\s+/;

  var fold = common.foldWords;

  function loadCommunes() {
    if (!communesReady) {
      communesReady = getJSON(dataBase + "xa.json").then(function (data) {
        var entries = [];
        XC = common.fields(data.layouts.commune);
        XL = common.fields(data.layouts.legacy);
        XP = common.fields(data.layouts.province);
        data.communes.forEach(function (c, i) {
          entries.push({
            commune: i, province: c[XC.province], name: c[XC.name], label: c[XC.name],
            key: fold(c[XC.name]).replace(KINDS, ""),
            words: fold(c[XC.name] + " " + data.provinces[c[XC.province]][XP.name]).split(" ")
          });
        });
        data.legacy.forEach(function (l) {
          var target = data.communes[l[XL.commune]], old = data.oldProvinces[l[XL.old]];
          entries.push({
            commune: l[XL.commune], province: target[XC.province], name: l[XL.name], legacy: l,
            label: l[XL.name] + ", " + l[XL.district] + ", " + old + " (tên cũ) → nay là " + target[XC.name],
            key: fold(l[XL.name]).replace(KINDS, ""),
            words: fold(l[XL.name] + " " + l[XL.district] + " " + old).split(" ")
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
    communes.data.provinces.forEach(function (p, i) { if (p[XP.slug] === provinceSlug) provinceIndex = i; });
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

  function provinceName(i) { return communes.data.provinces[i][XP.name]; }

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
    var c = communes.data.communes[entry.commune], name = c[XC.name];
    var where = name + " (" + provinceName(c[XC.province]) + ")";
    var text = "Theo trung tâm xã/phường " + where;
    if (entry.legacy) {
      var l = entry.legacy;
      text += " — trước đây là " + l[XL.name] + ", " + l[XL.district] + ", " + communes.data.oldProvinces[l[XL.old]];
    }
    setStatus("Đang tìm các điểm thu gần trung tâm " + name + "…");
    root.setAttribute("data-commune", name);
    show(c[XC.lat], c[XC.lon], text, "từ trung tâm " + name, "xa").then(function () {
      if (root.getAttribute("data-commune") === name) setStatus("Đã tìm theo trung tâm " + where + ".");
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
