// Lighthouse on several pages in one Node process and one Chromium, one page after the other:
// the CLI starts Node, loads Lighthouse and launches a browser for every page, which cost the
// tests about as much CPU as the audits themselves. Same settings as `lighthouse URL` with the
// CLI flags of scripts/benchmarks/quality.py (Lighthouse's default mobile config), but for the
// waits after the load given in "quiet" (tests/test_lighthouse.py, QUIET).
//
//   node tests/lighthouse.mjs '{"chromePath": …, "chromeFlags": […], "categories": […],
//                               "blockedUrlPatterns": […], "urls": […], "quiet": {…}}'
//
// Prints the JSON list of the reports (LHR), in the order of the URLs.
/* global process, console */
import * as ChromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

const settings = JSON.parse(process.argv[2]);
const chrome = await ChromeLauncher.launch({
  chromePath: settings.chromePath,
  chromeFlags: settings.chromeFlags,
  logLevel: "error",
});
try {
  const reports = [];
  for (const url of settings.urls) {
    const result = await lighthouse(url, {
      port: chrome.port,
      logLevel: "error",
      output: "json",
      onlyCategories: settings.categories,
      blockedUrlPatterns: settings.blockedUrlPatterns,
      // The full-page screenshot only illustrates the HTML report; no score depends on it.
      disableFullPageScreenshot: true,
      ...settings.quiet,
    });
    if (result.lhr.runtimeError) {
      throw new Error(`${url}: ${result.lhr.runtimeError.code} ${result.lhr.runtimeError.message}`);
    }
    reports.push(result.lhr);
  }
  process.stdout.write(JSON.stringify(reports));
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await chrome.kill();
}
