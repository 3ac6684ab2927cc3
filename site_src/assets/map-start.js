/* The national map starts when the reader asks for it (generator/render/maps.py, issue 17).
 *
 * Evaluating Leaflet is a task of ~50 ms on a phone and drawing the communes several more, so
 * neither happens while a page loads:
 * - ban-do/toan-quoc.html opens on its picture (#xem-truoc, drawn at build time); the first touch,
 *   wheel or press of its button fetches Leaflet, the map's scripts and styles (listed in the
 *   preview's data-scripts and data-styles) and the data, then draws the map (dbMapDraw, the
 *   document's own script). "#tuong-tac" in its address starts it at once: the maps page opens
 *   it so after the reader tapped there.
 * - ban-do/ shows the same picture as a link to that document; a tap on it, or on a link marked
 *   data-db-map, puts the map in the page instead.
 * Without JavaScript the picture, the links and the list of provinces still work.
 */
(function () {
  "use strict";
  var INTERACTIVE = "#tuong-tac";

  function load(tag, attributes, pending) {
    var element = document.createElement(tag);
    Object.keys(attributes).forEach(function (name) { element[name] = attributes[name]; });
    element.onload = pending.done;
    element.onerror = pending.fail;
    document.head.appendChild(element);
  }

  function startDocument(preview) {
    var button = preview.querySelector(".db-preview__start");
    var status = preview.querySelector(".db-preview__status");
    var started = false;

    function start() {
      if (started) return;
      started = true;
      status.textContent = "Đang tải bản đồ…";
      var styles = JSON.parse(preview.dataset.styles), scripts = JSON.parse(preview.dataset.scripts);
      var left = styles.length + 1, failed = false;
      var pending = {
        done: function () {
          left -= 1;
          if (left === 0 && !failed) draw();
        },
        fail: function () {
          failed = true;
          started = false;
          status.textContent = "Không tải được bản đồ. Hãy kiểm tra kết nối mạng rồi bấm lại.";
        }
      };
      // The data is fetched while Leaflet downloads and runs; maps.js's fetch then finds it.
      var data = document.createElement("link");
      data.rel = "preload";
      data.as = "fetch";
      data.crossOrigin = "anonymous";
      data.href = preview.dataset.data;
      document.head.appendChild(data);
      styles.forEach(function (href) { load("link", { rel: "stylesheet", href: href }, pending); });
      // In order (async = false), and only the last one needs to be waited for.
      var ignore = { done: function () {}, fail: pending.fail };
      scripts.forEach(function (src, i) {
        load("script", { src: src, async: false }, i === scripts.length - 1 ? pending : ignore);
      });
    }

    function draw() {
      window.dbMapDraw();
      // The picture goes once the map has a frame to show: the next task, after Leaflet's own.
      // A keyboard reader who pressed the button is taken to the map (Leaflet makes it focusable).
      setTimeout(function () {
        var focused = preview.contains(document.activeElement);
        preview.remove();
        if (focused) document.querySelector(".folium-map").focus();
      }, 0);
    }

    button.hidden = false;
    button.addEventListener("click", start);
    preview.addEventListener("pointerdown", start);
    preview.addEventListener("wheel", start, { passive: true });
    if (location.hash === INTERACTIVE) start();
  }

  function startInPage(link) {
    link.addEventListener("click", function (event) {
      var holder = document.querySelector(".db-map-preview");
      if (!holder) return; // already a map: the link opens it full screen
      event.preventDefault();
      var frame = document.createElement("iframe");
      frame.className = "db-map db-map--national";
      frame.src = link.getAttribute("href") + INTERACTIVE;
      frame.title = "Bản đồ các điểm thu trên cả nước";
      holder.replaceWith(frame);
      document.querySelectorAll("a[data-db-map]").forEach(function (a) {
        if (a.classList.contains("md-button")) a.textContent = "Mở bản đồ toàn màn hình";
      });
      frame.focus();
    });
  }

  var preview = document.getElementById("xem-truoc");
  if (preview) startDocument(preview);
  document.querySelectorAll("a[data-db-map]").forEach(startInPage);
})();
