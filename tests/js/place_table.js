// What every hand-made place table of the Node tests shares with the one search_places.py writes:
// its rows' layouts and the kinds of unit (their values are each test's own).
"use strict";
module.exports = {
  layouts: {
    commune: ["name", "province", "first", "count"],
    old: ["name", "province", "same"],
    district: ["name", "old", "communes"],
  },
  kinds: ["thanh pho", "thi tran", "dac khu", "thi xa", "phuong", "huyen", "quan", "tinh", "xa"],
};
