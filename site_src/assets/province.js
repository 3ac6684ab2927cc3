/* A province page (generator/templates/province.md.j2): the filter of its commune list, and the
 * old point URLs. Until the cards moved to one page per commune, a point's card was
 * tinh/<slug>/#diem-<code> and a commune's list tinh/<slug>/#xa-<code>; those links are in
 * bookmarks, printed leaflets and other sites, so a known anchor is sent on to the commune page
 * that now holds it (diem.json beside the page: {pages: [commune folder], anchors: {anchor:
 * page index}}). Without JavaScript the page is the plain list of communes.
 */
(function () {
  "use strict";
  var box = document.querySelector(".db-filter");
  if (!box || !window.dbCommon) return;
  var fold = window.dbCommon.foldWords, getJSON = window.dbCommon.getJSON; // common.js, loaded first

  function follow() {
    var anchor;
    try {
      anchor = decodeURIComponent(location.hash.slice(1));
    } catch {
      return; // not an anchor this page ever had
    }
    if (!/^(diem|xa)-[a-z0-9-]+$/.test(anchor)) return;
    getJSON(box.getAttribute("data-anchors")).then(function (data) {
      if (!data || !Object.prototype.hasOwnProperty.call(data.anchors, anchor)) return;
      var page = data.anchors[anchor];
      var target = data.pages[page] + "/" + (/^diem-/.test(anchor) ? "#" + anchor : "");
      location.replace(target);
    }).catch(function () { /* the anchors file did not load: the reader stays on the list */ });
  }

  var input = box.querySelector("input");
  var status = box.querySelector(".db-filter__status");
  var items = Array.prototype.map.call(document.querySelectorAll(".db-communes li"), function (li) {
    return { li: li, name: " " + fold(li.querySelector("a").textContent) };
  });

  function filter() {
    var words = fold(input.value).split(" ").filter(Boolean);
    var shown = 0;
    items.forEach(function (item) {
      // Every word typed starts a word of the name: "ban h" finds "Xã Bản Hon".
      var match = words.every(function (w) { return item.name.indexOf(" " + w) !== -1; });
      item.li.hidden = !match;
      if (match) shown += 1;
    });
    status.textContent = words.length
      ? (shown ? shown + " xã, phường khớp" : "Không có xã, phường nào khớp. Hãy thử bỏ bớt chữ hoặc bỏ dấu.")
      : "";
  }

  box.hidden = false;
  input.addEventListener("input", filter);
  if (input.value) filter(); // a value the browser restored on going back
  follow();
  window.addEventListener("hashchange", follow);
})();
