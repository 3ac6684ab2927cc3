/* Máy tính mức đóng trên hai tờ rơi BHXH tự nguyện và BHYT hộ gia đình.
 *
 * The amounts come only from the JSON the generator writes into the page (the parameters in force);
 * nothing here knows a base salary or a rate. The arithmetic repeats, step by step, the integer
 * rounding of generator/policy/contributions.py so that the calculator and the printed tables
 * always agree. No framework, no network.
 */
(function (root) {
  "use strict";

  var BASIS = 10000; // basis points in 100%

  // Half-up rounding of num/den with integers only; the correction steps guard against the one
  // floating-point division.
  function roundHalfUp(num, den) {
    var a = 2 * num + den;
    var b = 2 * den;
    var q = Math.floor(a / b);
    if (q * b > a) {
      q -= 1;
    } else if ((q + 1) * b <= a) {
      q += 1;
    }
    return q;
  }

  function shareOf(amount, bp) {
    return roundHalfUp(amount * bp, BASIS);
  }

  function findGroup(params, key) {
    for (var i = 0; i < params.groups.length; i += 1) {
      if (params.groups[i].key === key) {
        return params.groups[i];
      }
    }
    return null;
  }

  // BHXH tự nguyện for one month and for one payment of `months` months.
  function bhxh(params, income, groupKey, months) {
    var group = findGroup(params, groupKey);
    if (!group || !(income >= params.minIncome && income <= params.maxIncome)) {
      return null;
    }
    var base = shareOf(params.minIncome, params.rateBp);
    var gross = shareOf(income, params.rateBp);
    var state = Math.min(shareOf(base, group.stateBp), gross);
    var local = 0;
    if (group.localAmount !== null && group.localAmount !== undefined) {
      local = group.localAmount;
    } else if (group.localBp !== null && group.localBp !== undefined) {
      local = shareOf(base, group.localBp);
    }
    local = Math.min(local, gross - state);
    var net = gross - state - local;
    return { income: income, gross: gross, state: state, local: local, net: net,
      months: months, total: net * months };
  }

  function bhytMember(params, position) {
    var first = shareOf(params.baseSalary, params.rateBp);
    var bp = params.memberBp[Math.min(position, params.memberBp.length) - 1];
    return shareOf(first, bp);
  }

  // BHYT hộ gia đình: one line per member, and the household's total.
  function bhyt(params, members, months) {
    if (!(members >= 1 && members <= params.maxMembers && Math.floor(members) === members)) {
      return null;
    }
    var lines = [];
    var monthly = 0;
    for (var i = 1; i <= members; i += 1) {
      var amount = bhytMember(params, i);
      monthly += amount;
      lines.push({ position: i, monthly: amount });
    }
    return { members: lines, monthly: monthly, months: months, total: monthly * months };
  }

  function formatVnd(amount) {
    var digits = String(Math.abs(amount)).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
    return (amount < 0 ? "-" : "") + digits + " đ";
  }

  // People type "1.500.000", "1500000" or "1 500 000 đ": keep the digits.
  function parseAmount(text) {
    var digits = String(text).replace(/[^0-9]/g, "");
    return digits ? parseInt(digits, 10) : NaN;
  }

  var api = { roundHalfUp: roundHalfUp, shareOf: shareOf, bhxh: bhxh, bhyt: bhyt,
    bhytMember: bhytMember, formatVnd: formatVnd, parseAmount: parseAmount };

  if (typeof module === "object" && module.exports) {
    module.exports = api;
  } else {
    root.LeafletCalculator = api;
  }
  if (typeof document === "undefined") {
    return;
  }

  function line(list, label, value, field) {
    var item = document.createElement("p");
    item.appendChild(document.createTextNode(label + ": "));
    var strong = document.createElement("strong");
    strong.setAttribute("data-gia-tri", field);
    strong.textContent = value;
    item.appendChild(strong);
    list.appendChild(item);
  }

  // The conditions, period and source of a province's own support, as text (never markup): the
  // support must never read as if everyone gets it.
  function note(list, text, field) {
    if (!text) {
      return;
    }
    var item = document.createElement("p");
    item.className = "to-roi-may-tinh__dieu-kien";
    item.setAttribute("data-gia-tri", field);
    item.textContent = text;
    list.appendChild(item);
  }

  function periodText(months) {
    return months === 1 ? "Mỗi tháng" : "Mỗi lần đóng " + months + " tháng";
  }

  function showBhxh(form, out, params) {
    var income = parseAmount(form.elements.thu_nhap.value);
    var months = parseInt(form.elements.ky_dong.value, 10);
    var result = bhxh(params, income, form.elements.nhom.value, months);
    out.textContent = "";
    if (!result) {
      line(out, "Chưa tính được", "hãy nhập thu nhập từ " + formatVnd(params.minIncome) +
        " đến " + formatVnd(params.maxIncome) + " mỗi tháng", "loi");
      return;
    }
    line(out, "Mức đóng đủ mỗi tháng", formatVnd(result.gross), "muc-dong");
    line(out, "Nhà nước hỗ trợ mỗi tháng", formatVnd(result.state), "nha-nuoc");
    if (params.hasLocal) {
      line(out, "Địa phương hỗ trợ thêm mỗi tháng", formatVnd(result.local), "dia-phuong");
      var group = params.groups.filter(function (g) { return g.key === form.elements.nhom.value; })[0];
      note(out, group && group.localNote, "dieu-kien");
    }
    line(out, "Bạn đóng mỗi tháng", formatVnd(result.net), "thuc-dong");
    if (months !== 1) {
      line(out, periodText(months), formatVnd(result.total), "moi-lan");
    }
  }

  function showBhyt(form, out, params) {
    var members = parseAmount(form.elements.so_nguoi.value);
    var months = parseInt(form.elements.ky_dong.value, 10);
    var result = bhyt(params, members, months);
    out.textContent = "";
    if (!result) {
      line(out, "Chưa tính được", "hãy nhập số người từ 1 đến " + params.maxMembers, "loi");
      return;
    }
    // Members from the last share on pay the same: show them on one line.
    var last = params.memberBp.length;
    result.members.forEach(function (m) {
      if (m.position < last) {
        line(out, "Người thứ " + m.position, formatVnd(m.monthly) + "/tháng", "nguoi-" + m.position);
      }
    });
    if (members >= last) {
      var who = members === last ? "Người thứ " + last
        : "Người thứ " + last + " đến thứ " + members + ", mỗi người";
      line(out, who, formatVnd(bhytMember(params, last)) + "/tháng", "nguoi-" + last);
    }
    line(out, "Cả hộ mỗi tháng", formatVnd(result.monthly), "ca-ho-thang");
    line(out, periodText(months) + " (cả hộ)", formatVnd(result.total), "moi-lan");
    (params.localNotes || []).forEach(function (text, i) { note(out, text, "dieu-kien-" + (i + 1)); });
  }

  function setup(container) {
    if (container.getAttribute("data-san-sang") === "1") {
      return;
    }
    var data = container.querySelector("script[type='application/json']");
    var form = container.querySelector("form");
    var out = container.querySelector("[data-ket-qua]");
    if (!data || !form || !out) {
      return;
    }
    var params = JSON.parse(data.textContent);
    var show = params.kind === "bhyt" ? showBhyt : showBhxh;
    var update = function () { show(form, out, params); };
    form.addEventListener("input", update);
    form.addEventListener("change", update);
    form.addEventListener("submit", function (event) { event.preventDefault(); update(); });
    container.setAttribute("data-san-sang", "1");
    container.hidden = false;
    update();
  }

  function init() {
    var all = document.querySelectorAll("[data-to-roi-may-tinh]");
    for (var i = 0; i < all.length; i += 1) {
      setup(all[i]);
    }
  }

  // setup() runs once per calculator, so initialising from several triggers is harmless.
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
  // mkdocs-material swaps pages without reloading when instant navigation is on; document$
  // fires for every page it shows (it stays silent when the site is opened from file://).
  if (root.document$ && typeof root.document$.subscribe === "function") {
    root.document$.subscribe(init);
  }
})(typeof window !== "undefined" ? window : globalThis);
