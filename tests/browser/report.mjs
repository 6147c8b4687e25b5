// tests/browser/report.mjs - the report in a real browser: Debian's
// chromium, headless, driven through the DevTools protocol by
// puppeteer-core. For each page and each width (a 390 x 844 phone, a
// 1280 x 900 desktop): no horizontal overflow of the page, every chart
// shown and drawn, every text of the charts and the page at a readable
// size (measured from the rendered page), and a full-page screenshot kept.
// Usage: node report.mjs OUTDIR REPORT.html...   (exit 0 all good, 1 not)
import { launch, check, tally } from './launch.mjs';
import path from 'node:path';

const [outdir, ...pages] = process.argv.slice(2);
const widths = [
  { name: 'phone', width: 390, height: 844, mobile: true },
  { name: 'desktop', width: 1280, height: 900, mobile: false },
];

const browser = await launch();
try {
  for (const file of pages) {
    for (const w of widths) {
      const page = await browser.newPage();
      const requests = [];
      page.on('request', (r) => { if (!r.url().startsWith('file:')) requests.push(r.url()); });
      await page.setViewport({ width: w.width, height: w.height,
                               isMobile: w.mobile, hasTouch: w.mobile,
                               deviceScaleFactor: 1 });
      await page.setJavaScriptEnabled(false); // the page needs none
      await page.goto('file://' + path.resolve(file), { waitUntil: 'load' });
      const tag = `${path.basename(file)} at ${w.width}px`;
      const m = await page.evaluate(() => {
        const out = { overflow: 0, charts: [], html: [], svgText: [] };
        const doc = document.documentElement;
        out.overflow = doc.scrollWidth - window.innerWidth;
        for (const svg of document.querySelectorAll('svg.chart')) {
          const cs = getComputedStyle(svg);
          if (cs.display === 'none') continue;
          const box = svg.getBoundingClientRect();
          const vb = svg.viewBox.baseVal;
          const scale = box.width / vb.width;
          const marks = svg.querySelectorAll(
            'polyline, circle, rect:not(.band):not(.strip)').length;
          out.charts.push({ id: svg.id, w: box.width, h: box.height,
                            right: box.right, marks });
          for (const t of svg.querySelectorAll('text')) {
            const px = parseFloat(getComputedStyle(t).fontSize) * scale;
            out.svgText.push({ id: svg.id, text: t.textContent.slice(0, 30), px });
          }
        }
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const el = n.parentElement;
          if (!n.textContent.trim() || el.closest('svg')) continue;
          out.html.push({ tag: el.tagName, px: parseFloat(getComputedStyle(el).fontSize) });
        }
        return out;
      });
      check(m.overflow <= 0, `${tag}: the page is ${m.overflow}px wider than the screen`);
      check(m.charts.length >= 6, `${tag}: ${m.charts.length} charts shown`);
      const ids = new Set();
      for (const c of m.charts) {
        const base = c.id.replace(/-[sml]$/, '');
        check(!ids.has(base), `${tag}: ${base} shown twice`);
        ids.add(base);
        check(c.w > 200 && c.h > 100, `${tag}: chart ${c.id} is ${c.w}x${c.h}`);
        check(c.right <= w.width + 0.5, `${tag}: chart ${c.id} runs off the screen`);
        check(c.marks > 0, `${tag}: chart ${c.id} draws nothing`);
        if (w.width >= 1280)
          check(c.w >= 900, `${tag}: chart ${c.id} only ${c.w}px wide on a desktop`);
      }
      const small = m.svgText.filter((t) => t.px < 11 - 0.05);
      const big = m.svgText.filter((t) => t.px > 22);
      check(small.length === 0, `${tag}: ${small.length} chart texts under 11px, e.g. ` +
            JSON.stringify(small.slice(0, 3)));
      check(big.length === 0, `${tag}: ${big.length} chart texts over 22px, e.g. ` +
            JSON.stringify(big.slice(0, 3)));
      const smallHtml = m.html.filter((t) => t.px < 11 - 0.05);
      check(smallHtml.length === 0, `${tag}: ${smallHtml.length} page texts under 11px`);
      check(requests.length === 0, `${tag}: fetched ${requests.join(' ')}`);
      const minPx = Math.min(...m.svgText.map((t) => t.px));
      const maxPx = Math.max(...m.svgText.map((t) => t.px));
      console.log(`${tag}: ${m.charts.length} charts, chart text ${minPx.toFixed(1)}-${maxPx.toFixed(1)}px, ` +
                  `overflow ${m.overflow}px`);
      const shot = path.join(outdir, `${path.basename(file, '.html')}-${w.width}.png`);
      await page.screenshot({ path: shot, fullPage: true });
      await page.close();
    }
  }
} finally {
  await browser.close();
}
console.log(`${tally.passed} passed, ${tally.failed} failed`);
process.exit(tally.failed ? 1 : 0);
