/* Helpers shared by the site's scripts (search, finder, maps): loaded before them as a classic
 * script (window.dbCommon), and by Node's test runner as a CommonJS module (tests/js/).
 *
 * fold() is the same folding as generator/text.py: NFD, marks stripped, đ → d, lower case. */
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

  function formatNumber(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  }

  function formatKm(km) {
    return km.toFixed(1).replace(".", ",") + " km";
  }

  return {
    fold: fold, getJSON: getJSON, node: node, fields: fields,
    formatNumber: formatNumber, formatKm: formatKm
  };
});
