/* Collection points on the folium maps (generator/render/maps.py): clustered markers built from
 * compact arrays, popups built only when a marker is opened, and a legend.
 *
 * A province map: payload = {site, center, layouts, provinces: [province row], points: [point
 * row], details: [detail row per point], empty}; the national map: payload = {site, center,
 * layouts, provinces, communes: [commune row], empty}: one marker per commune, clusters counting
 * points, not communes. Every row is read by name: the payload's `layouts` declare the fields
 * (POSITION_LAYOUT, COMMUNE_LAYOUT in generator/render/maps.py; DETAIL_LAYOUT and
 * PROVINCE_LAYOUT in generator/render/nearest.py).
 * Everything from the data is set as text, never as markup.
 *
 * Nothing runs long on the main thread while the page loads (a phone then answers taps at
 * once): markers are made in slices of a few milliseconds, and the clustering works in chunks of
 * 200 markers (its smallest) with the page free in between.
 */
window.dbMaps = (function () {
  "use strict";
  var layers = [];
  // Lighthouse's phone runs the CPU 4× slower: 10 ms here is 40 ms there, under the 50 ms of a
  // long task.
  var CHUNK_MS = 10;
  // The clustering looks at the clock every 200 markers and stops once past this: 200 commune
  // markers take more than this on any phone, so each chunk is the smallest it can be.
  var CLUSTER_CHUNK_MS = 2;
  // 20 px dots: small enough not to hide each other, large enough to tap.
  var exactIcon = L.divIcon({ className: "db-pin", iconSize: [20, 20] });
  var approxIcon = L.divIcon({ className: "db-pin db-pin--approx", iconSize: [20, 20] });

  var common = window.dbCommon, node = common.node; // common.js, loaded before this file

  /* The field indexes of each row layout the payload declares: {point: {lat: 0, …}, …}. */
  function indexes(payload) {
    var at = {};
    Object.keys(payload.layouts).forEach(function (name) { at[name] = common.fields(payload.layouts[name]); });
    return at;
  }

  function popupContent(payload, row) {
    var D = payload.at.detail, P = payload.at.province;
    var province = payload.provinces[row[D.province]];
    var box = node("div", "db-pop");
    box.appendChild(node("strong", "db-pop__name", row[D.name]));
    box.appendChild(node("div", "db-pop__agent", row[D.agent]));
    box.appendChild(node("div", "db-pop__address", row[D.address] + ", " + row[D.commune] + ", " + province[P.name]));
    [["Cố định", row[D.fixed], row[D.fixed_e164]], ["Di động", row[D.mobile], row[D.mobile_e164]]].forEach(function (phone) {
      if (!phone[1]) return;
      var line = node("div", "db-pop__phone", phone[0] + ": ");
      var a = node("a", "", phone[1]);
      a.href = "tel:" + phone[2];
      a.target = "_top";
      line.appendChild(a);
      box.appendChild(line);
    });
    if (row[D.approximate]) {
      box.appendChild(node("div", "db-approx", "vị trí gần đúng (trung tâm xã, phường)"));
    }
    var card = node("a", "db-pop__card", "Xem thông tin điểm thu");
    card.href = payload.site + "tinh/" + province[P.slug] + "/" + row[D.page] + "/#" + row[D.anchor];
    card.target = "_top";
    box.appendChild(card);
    return box;
  }

  function communePopup(payload, row) {
    var C = payload.at.commune, P = payload.at.province;
    var province = payload.provinces[row[C.province]];
    var box = node("div", "db-pop");
    box.appendChild(node("strong", "db-pop__name", row[C.name]));
    box.appendChild(node("div", "db-pop__address", province[P.name]));
    box.appendChild(node("div", "db-pop__count", row[C.points] + " điểm thu"));
    if (row[C.approximate]) {
      box.appendChild(node("div", "db-approx", row[C.approximate] + " điểm có vị trí gần đúng (trung tâm xã, phường)"));
    }
    var list = node("a", "db-pop__card", "Xem các điểm thu của xã, phường này");
    list.href = payload.site + "tinh/" + province[P.slug] + "/" + row[C.page] + "/";
    list.target = "_top";
    box.appendChild(list);
    var map = node("a", "", "Bản đồ " + province[P.name]);
    map.href = province[P.slug] + ".html";
    map.target = "_top";
    box.appendChild(map);
    return box;
  }

  function legendLine(box, className, text) {
    var line = node("div");
    line.appendChild(node("span", "db-legend__pin " + className));
    line.appendChild(document.createTextNode(" " + text));
    box.appendChild(line);
  }

  function legend(map, payload) {
    var control = L.control({ position: "bottomleft" });
    control.onAdd = function () {
      var box = node("div", "db-legend");
      if (payload.communes) {
        box.appendChild(node("div", "", "Mỗi vòng tròn là một xã, phường; số là số điểm thu."));
        legendLine(box, "db-pin db-pin--approx", "Viền đứt nét: mọi điểm của xã có vị trí gần đúng");
      } else {
        legendLine(box, "db-pin", "Vị trí do tỉnh gửi");
        legendLine(box, "db-pin db-pin--approx", "Vị trí gần đúng (trung tâm xã, phường)");
      }
      if (payload.empty) box.appendChild(node("div", "db-legend__empty", payload.empty));
      L.DomEvent.disableClickPropagation(box);
      return box;
    };
    control.addTo(map);
  }

  function pointMarker(payload, p, i) {
    var T = payload.at.point, name = payload.details[i][payload.at.detail.name];
    return L.marker([p[T.lat], p[T.lon]], {
      icon: p[T.approximate] ? approxIcon : exactIcon,
      title: p[T.approximate] ? name + " (vị trí gần đúng)" : name,
      dbIndex: i,
      dbPoints: 1
    });
  }

  function communeMarker(payload, c, i) {
    var C = payload.at.commune, all = c[C.approximate] === c[C.points];
    return L.marker([c[C.lat], c[C.lon]], {
      icon: L.divIcon({
        className: "db-commune" + (all ? " db-commune--approx" : ""),
        html: "<span>" + Number(c[C.points]) + "</span>",
        iconSize: [30, 30]
      }),
      title: c[C.name] + ": " + c[C.points] + " điểm thu" + (all ? " (vị trí gần đúng)" : ""),
      dbIndex: i,
      dbPoints: c[C.points]
    });
  }

  /* Calls make(row, i) for every row, a few milliseconds at a time, then done(results). */
  function sliced(rows, make, done) {
    var results = new Array(rows.length), i = 0;
    function slice() {
      var until = performance.now() + CHUNK_MS / 2;
      do {
        for (var end = Math.min(i + 64, rows.length); i < end; i += 1) results[i] = make(rows[i], i);
      } while (i < rows.length && performance.now() < until);
      if (i < rows.length) setTimeout(slice, 0);
      else done(results);
    }
    slice();
  }

  /* Clusters show how many points they hold (on the national map a marker is a commune). */
  function clusterIcon(cluster) {
    var total = 0;
    cluster.getAllChildMarkers().forEach(function (m) { total += m.options.dbPoints; });
    var size = total < 10 ? "small" : total < 100 ? "medium" : "large";
    return L.divIcon({
      html: "<div><span>" + total + "</span></div>",
      className: "marker-cluster marker-cluster-" + size,
      iconSize: L.point(40, 40)
    });
  }

  /* payload: the data, or the URL of its JSON file (the national map: parsed as JSON in a task of
   * its own rather than compiled with the page's script). */
  function addPoints(map, payload) {
    var started = performance.now();
    if (map.attributionControl) {
      map.attributionControl.setPrefix('<a href="https://leafletjs.com" target="_top">Leaflet</a>');
    }
    var layer = { count: 0, approximate: 0, ms: null };
    // Resolves when every marker is clustered (large maps cluster in chunks, keeping the page responsive).
    layer.ready = new Promise(function (resolve) {
      layer.done = function () { layer.ms = performance.now() - started; resolve(layer); };
    });
    layers.push(layer);
    if (typeof payload === "string") {
      fetch(payload)
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        })
        .then(function (data) { draw(map, data, layer); })
        .catch(function () {
          legend(map, { communes: [], empty: "Không tải được dữ liệu bản đồ. Hãy tải lại trang." });
          layer.done();
        });
    } else {
      draw(map, payload, layer);
    }
    return layer;
  }

  function draw(map, payload, layer) {
    payload.at = indexes(payload);
    var rows = payload.communes || payload.points;
    var R = payload.communes ? payload.at.commune : payload.at.point;
    rows.forEach(function (r) {
      layer.count += payload.communes ? r[R.points] : 1;
      layer.approximate += r[R.approximate];
    });
    if (rows.length) {
      // Framed first, so the tiles load for the view shown and the clusters are computed once.
      var bounds = L.latLngBounds(rows.map(function (r) { return [r[R.lat], r[R.lon]]; }));
      map.fitBounds(bounds, { padding: [20, 20], maxZoom: 15, animate: false });
    } else if (payload.center) {
      map.setView(payload.center, map.getZoom(), { animate: false });
    }
    // The rest in later tasks: the map's first drawing is already one task of the main thread,
    // and the markers must not lengthen it.
    setTimeout(function () { cluster(map, payload, rows, layer); }, 0);
  }

  function cluster(map, payload, rows, layer) {
    var group = L.markerClusterGroup({
      chunkedLoading: true,
      chunkInterval: CLUSTER_CHUNK_MS,
      chunkDelay: 10,
      // Adding the group to the map reports an empty batch (0 of 0) first: not the markers.
      chunkProgress: function (processed, total) { if (total && processed === total) layer.done(); },
      iconCreateFunction: clusterIcon,
      showCoverageOnHover: false,
      maxClusterRadius: 50,
      spiderfyOnMaxZoom: true
    });
    group.on("click", function (event) {
      var marker = event.layer, i = marker.options.dbIndex;
      var content = payload.communes ? communePopup(payload, payload.communes[i]) : popupContent(payload, payload.details[i]);
      L.popup({ maxWidth: 280 }).setLatLng(marker.getLatLng()).setContent(content).openOn(map);
    });
    group.addTo(map);
    legend(map, payload);
    layer.cluster = group;
    if (!rows.length) {
      layer.done();
      return;
    }
    sliced(rows, function (row, i) {
      return payload.communes ? communeMarker(payload, row, i) : pointMarker(payload, row, i);
    }, function (markers) { group.addLayers(markers); });
  }

  return { addPoints: addPoints, layers: layers };
})();
