// What every hand-made search index of the Node tests shares with the meta.json that
// search_index.py writes: its key lengths, scores and the provinces' row layout (each test's
// points, shards and provinces are its own).
"use strict";
module.exports = {
  keys: { letter: 2, digit: 3, short: "_", pair: "_", cards: "#" },
  scores: { exact: 6, prefix: 3, class: [2, 1, 0] },
  layouts: { province: ["slug", "name", "first", "count"] },
};
