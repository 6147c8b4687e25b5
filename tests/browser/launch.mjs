// tests/browser/launch.mjs - what the browser tests share: Debian's
// chromium started headless for puppeteer-core (CHROMIUM overrides the
// path), and the pass/fail count.
import puppeteer from 'puppeteer-core';

export function launch() {
  return puppeteer.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run',
           '--disable-background-networking', '--disable-component-update',
           '--disable-sync'],
  });
}

export const tally = { passed: 0, failed: 0 };
export function check(ok, what) {
  if (ok) tally.passed++;
  else { tally.failed++; console.log('FAIL: ' + what); }
}
