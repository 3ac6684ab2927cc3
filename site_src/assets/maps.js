/* Collection points on the folium maps (generator/render/maps.py): clustered markers built from
 * compact arrays, popups built only when a marker is opened, and a legend.
 *
 * A province map: payload = {site, center, provinces: [[slug, name]], points: [[lat, lon,
 * approximate]], details: [detail row per point], folders: [commune page folder], folder: [index
 * in folders per point], empty}; a detail row is [province index, card anchor, name, agent,
 * address, commune, fixed phone, fixed E.164, mobile phone, mobile E.164, hours, approximate]
 * (generator/render/nearest.py).
 * The national map: payload = {site, center, provinces, communes: [[lat, lon, points,
 * approximate points, province index, commune code, commune name, commune page folder]], empty}:
 * one marker per commune, clusters counting points, not communes.
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

  var node = window.dbCommon.node; // common.js, loaded before this file

  function popupContent(payload, row, i) {
    var province = payload.provinces[row[0]];
    var box = node("div", "db-pop");
    box.appendChild(node("strong", "db-pop__name", row[2]));
    box.appendChild(node("div", "db-pop__agent", row[3]));
    box.appendChild(node("div", "db-pop__address", row[4] + ", " + row[5] + ", " + province[1]));
    [["Cố định", row[6], row[7]], ["Di động", row[8], row[9]]].forEach(function (phone) {
      if (!phone[1]) return;
      var line = node("div", "db-pop__phone", phone[0] + ": ");
      var a = node("a", "", phone[1]);
      a.href = "tel:" + phone[2];
      a.target = "_top";
      line.appendChild(a);
      box.appendChild(line);
    });
    if (row[11]) {
      box.appendChild(node("div", "db-approx", "vị trí gần đúng (trung tâm xã, phường)"));
    }
    var card = node("a", "db-pop__card", "Xem thông tin điểm thu");
    card.href = payload.site + "tinh/" + province[0] + "/" + payload.folders[payload.folder[i]] + "/#" + row[1];
    card.target = "_top";
    box.appendChild(card);
    return box;
  }

  function communePopup(payload, row) {
    var province = payload.provinces[row[4]];
    var box = node("div", "db-pop");
    box.appendChild(node("strong", "db-pop__name", row[6]));
    box.appendChild(node("div", "db-pop__address", province[1]));
    box.appendChild(node("div", "db-pop__count", row[2] + " điểm thu"));
    if (row[3]) {
      box.appendChild(node("div", "db-approx", row[3] + " điểm có vị trí gần đúng (trung tâm xã, phường)"));
    }
    var list = node("a", "db-pop__card", "Xem các điểm thu của xã, phường này");
    list.href = payload.site + "tinh/" + province[0] + "/" + row[7] + "/";
    list.target = "_top";
    box.appendChild(list);
    var map = node("a", "", "Bản đồ " + province[1]);
    map.href = province[0] + ".html";
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
    var name = payload.details[i][2];
    return L.marker([p[0], p[1]], {
      icon: p[2] ? approxIcon : exactIcon,
      title: p[2] ? name + " (vị trí gần đúng)" : name,
      dbIndex: i,
      dbPoints: 1
    });
  }

  function communeMarker(payload, c, i) {
    var all = c[3] === c[2];
    return L.marker([c[0], c[1]], {
      icon: L.divIcon({
        className: "db-commune" + (all ? " db-commune--approx" : ""),
        html: "<span>" + Number(c[2]) + "</span>",
        iconSize: [30, 30]
      }),
      title: c[6] + ": " + c[2] + " điểm thu" + (all ? " (vị trí gần đúng)" : ""),
      dbIndex: i,
      dbPoints: c[2]
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
    var rows = payload.communes || payload.points;
    rows.forEach(function (r) {
      layer.count += payload.communes ? r[2] : 1;
      layer.approximate += payload.communes ? r[3] : r[2];
    });
    if (rows.length) {
      // Framed first, so the tiles load for the view shown and the clusters are computed once.
      var bounds = L.latLngBounds(rows.map(function (r) { return [r[0], r[1]]; }));
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
      chunkProgress: function (processed, total) { if (processed === total) layer.done(); },
      iconCreateFunction: clusterIcon,
      showCoverageOnHover: false,
      maxClusterRadius: 50,
      spiderfyOnMaxZoom: true
    });
    group.on("click", function (event) {
      var marker = event.layer, i = marker.options.dbIndex;
      var content = payload.communes ? communePopup(payload, payload.communes[i]) : popupContent(payload, payload.details[i], i);
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
