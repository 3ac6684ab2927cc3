// Folding and the shared helpers; expected answers written by hand.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const common = require("../../site_src/assets/common.js");

test("fold strips marks, turns đ into d and lowers case", () => {
  assert.equal(common.fold("Điện Biên"), "dien bien");
  assert.equal(common.fold("ĐẮK LẮK"), "dak lak");
  assert.equal(common.fold("Thừa Thiên Huế"), "thua thien hue");
  assert.equal(common.fold("Quận 1"), "quan 1");
  assert.equal(common.fold("Bà Rịa - Vũng Tàu"), "ba ria - vung tau");
});

test("fold gives the same answer for composed and decomposed input", () => {
  const composed = "Nguyễn Trãi".normalize("NFC");
  const decomposed = composed.normalize("NFD");
  assert.notEqual(composed, decomposed);
  assert.equal(common.fold(composed), "nguyen trai");
  assert.equal(common.fold(decomposed), "nguyen trai");
});

test("foldWords keeps the words of a name, folded, one space apart", () => {
  assert.equal(common.foldWords("Xã Bản-Hon"), "xa ban hon");
  assert.equal(common.foldWords("  Phường  Đống Đa (cũ) "), "phuong dong da cu");
  assert.equal(common.foldWords("TT. Mường Tè"), "tt muong te");
});

test("fields turns a declared layout into indexes by name", () => {
  assert.deepEqual(common.fields(["code", "name", "phone"]), { code: 0, name: 1, phone: 2 });
});

test("numbers and distances are written the Vietnamese way", () => {
  assert.equal(common.formatNumber(1234567), "1.234.567");
  assert.equal(common.formatNumber(219), "219");
  assert.equal(common.formatKm(30.04), "30,0 km");
});
