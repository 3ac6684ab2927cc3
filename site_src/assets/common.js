/* Helpers shared by the site's scripts (search, finder, maps, province page): loaded before them as a classic
 * script (window.dbCommon), and by Node's test runner as a CommonJS module (tests/js/).
 *
 * fold() is the same folding as generator/text.py: NFD, marks stripped, đ → d, lower case;
 * foldWords() also keeps only letters and digits, one space between words (names typed in a
 * filter or a chooser: "Xã Bản-Hon" → "xa ban hon"). */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.dbCommon = api;
})(this, function () {
  "use strict";

  function fold(text) {
    return String(text).replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function foldWords(text) {
    return fold(text).replace(/[^a-z0-9]+/g, " ").trim();
  }

  function getJSON(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error(url + ": HTTP " + response.status);
      return response.json();
    });
  }

  function node(tag, className, text) {
    var element = document.createElement(tag);
    if (className) element.className = className;
    if (text !== undefined) element.textContent = text;
    return element;
  }

  /* A positional row layout, as the Python renderers declare it (["code", "name", …]), turned
   * into {code: 0, name: 1, …}: scripts read rows by field name, never by a number. */
  function fields(layout) {
    var index = {};
    layout.forEach(function (name, i) { index[name] = i; });
    return index;
  }

  var EARTH_RADIUS_KM = 6371.0088; // the mean radius generator/geo.py uses too

  /* Great-circle distance (haversine). */
  function distanceKm(lat1, lon1, lat2, lon2) {
    var rad = Math.PI / 180;
    var s1 = Math.sin((lat2 - lat1) * rad / 2), s2 = Math.sin((lon2 - lon1) * rad / 2);
    var a = s1 * s1 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * s2 * s2;
    return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(a));
  }

  /* The reader's position, if the finder found it in this browser session (never sent anywhere). */
  var POSITION_KEY = "db-vi-tri";
  function rememberPosition(lat, lon) {
    try { sessionStorage.setItem(POSITION_KEY, lat + "," + lon); } catch { /* storage off: no distances */ }
  }
  function knownPosition() {
    try {
      var value = (sessionStorage.getItem(POSITION_KEY) || "").split(",").map(Number);
      return value.length === 2 && isFinite(value[0]) && isFinite(value[1]) ? value : null;
    } catch {
      return null;
    }
  }

  function formatNumber(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  }

  function formatKm(km) {
    return km.toFixed(1).replace(".", ",") + " km";
  }

  return {
    fold: fold, foldWords: foldWords, getJSON: getJSON, node: node, fields: fields,
    formatNumber: formatNumber, formatKm: formatKm, distanceKm: distanceKm, EARTH_RADIUS_KM: EARTH_RADIUS_KM,
    rememberPosition: rememberPosition, knownPosition: knownPosition
  };
});
