// ESLint (flat config) for the site's scripts and their Node tests: `npx eslint`.
"use strict";
const js = require("@eslint/js");
const globals = require("globals");

module.exports = [
  { ignores: ["site_src/assets/vendor/**", "site/**", "node_modules/**", ".build/**", "out/**"] },
  js.configs.recommended,
  {
    // Classic scripts run by browsers; the shared ones also export themselves to Node (tests).
    files: ["site_src/assets/**/*.js"],
    languageOptions: {
      ecmaVersion: 2020,
      sourceType: "script",
      globals: { ...globals.browser, L: "readonly", module: "readonly", require: "readonly" },
    },
    rules: { "no-var": "off", strict: ["error", "function"] },
  },
  {
    files: ["tests/js/**/*.js", "eslint.config.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "commonjs", globals: globals.node },
  },
];
