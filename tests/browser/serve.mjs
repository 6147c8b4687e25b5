// tests/browser/serve.mjs - tendo serve in a real browser: Debian's
// chromium, headless, driven through the DevTools protocol by
// puppeteer-core, at a 390 x 844 phone (scripts off: the pages must work
// without them) and a 1280 x 900 desktop (scripts on). On each: check in
// with three taps and see today's advice change, log a run and delete it,
// import a watch file, open the plan (make its calendar address) and the
// report; no page wider than the screen, touch targets large enough, text
// readable, nothing fetched from anywhere but the server; a screenshot of
// every page kept.
// Usage: node serve.mjs PHONE_URL DESKTOP_URL OUTDIR FITFILE...
// (a server each, on copies of one database; exit 0 all good)
import { launch, check, tally } from './launch.mjs';
import path from 'node:path';

const [phoneBase, desktopBase, outdir, ...fits] = process.argv.slice(2);
const views = [
  { name: 'phone', width: 390, height: 844, mobile: true, js: false, base: phoneBase },
  { name: 'desktop', width: 1280, height: 900, mobile: false, js: true, base: desktopBase },
];

async function measure(page) {
  return page.evaluate(() => {
    const doc = document.documentElement;
    const small = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!n.textContent.trim() || el.closest('svg')) continue;
      const px = parseFloat(getComputedStyle(el).fontSize);
      if (px < 11) small.push(el.tagName + ':' + px);
    }
    return { overflow: doc.scrollWidth - window.innerWidth, small };
  });
}

async function shot(page, v, name) {
  const m = await measure(page);
  check(m.overflow <= 0, `${v.name} ${name}: ${m.overflow}px wider than the screen`);
  check(m.small.length === 0, `${v.name} ${name}: text under 11px: ${m.small.slice(0, 3)}`);
  await page.screenshot({ path: path.join(outdir, `${name}-${v.width}.png`), fullPage: true });
}

const browser = await launch();
try {
  let fitIndex = 0;
  for (const v of views) {
    const base = v.base;
    const page = await browser.newPage();
    const foreign = [];
    // data: URLs are the browser's own (a date input's icon), not fetched
    page.on('request', (r) => {
      const u = r.url();
      if (!u.startsWith(base) && !u.startsWith('data:')) foreign.push(u);
    });
    page.on('dialog', (d) => d.accept());
    await page.setViewport({ width: v.width, height: v.height, isMobile: v.mobile,
                             hasTouch: v.mobile, deviceScaleFactor: 1 });
    await page.setJavaScriptEnabled(v.js);

    // today, before
    await page.goto(base + '/', { waitUntil: 'load' });
    const before = await page.$eval('#level', (e) => e.textContent);
    await shot(page, v, 'today');

    // the check-in: the two answers and Save on the first screen, big
    await page.goto(base + '/check', { waitUntil: 'load' });
    const layout = await page.evaluate(() => {
      const r = (sel) => document.querySelector(sel).getBoundingClientRect();
      const opts = [...document.querySelectorAll('#morning span, #stiffness span')]
        .map((s) => s.getBoundingClientRect());
      return {
        save: r('button.primary').bottom,
        minTap: Math.min(...opts.map((o) => Math.min(o.width, o.height))),
        flagsApart: r('#flags').top > r('button.primary').bottom,
        optionalFolded: !document.querySelector('details').open,
      };
    });
    check(layout.save <= v.height, `${v.name} check-in: Save at ${layout.save}px, below the first screen`);
    check(layout.minTap >= 44, `${v.name} check-in: a tap target of ${layout.minTap}px`);
    check(layout.flagsApart, `${v.name} check-in: the red flags are not apart, after Save`);
    check(layout.optionalFolded, `${v.name} check-in: the optional fields are not folded away`);
    await shot(page, v, 'check');
    const t0 = Date.now();
    await page.click('#morning label:nth-of-type(7)');      // 6/10
    await page.click('#stiffness label:nth-of-type(5)');    // 30 min
    await Promise.all([page.waitForNavigation(), page.click('button.primary')]);
    check(Date.now() - t0 < 20000, `${v.name} check-in took ${Date.now() - t0} ms`);
    check(page.url() === base + '/?saved=check', `${v.name}: after saving at ${page.url()}`);
    const after = await page.$eval('#level', (e) => e.textContent);
    const saved = await page.$('#saved');
    check(saved !== null, `${v.name}: no "saved" after the check-in`);
    check(after !== before, `${v.name}: today did not change (${before} -> ${after}) after morning pain 6`);
    await shot(page, v, 'today-after');

    // log a run, see it, delete it
    await page.goto(base + '/log', { waitUntil: 'load' });
    await page.select('#log select[name=type]', 'run');
    await page.type('#log input[name=minutes]', '25');
    await page.type('#log input[name=km]', '4.2');
    await page.type('#log input[name=pain]', '2');
    await Promise.all([page.waitForNavigation(), page.click('#log button.primary')]);
    const id = new URL(page.url()).searchParams.get('saved');
    check(/^\d+$/.test(id || ''), `${v.name}: logging went to ${page.url()}`);
    check(await page.$(`#session-${id}`) !== null, `${v.name}: the run #${id} is not listed`);
    await shot(page, v, 'log');
    await Promise.all([page.waitForNavigation(),
                       page.click(`#session-${id} button.delete`)]);
    check(await page.$(`#session-${id}`) === null, `${v.name}: the run #${id} is still listed after delete`);

    // import a watch file: the form (no script) or one upload per file
    await page.goto(base + '/import', { waitUntil: 'load' });
    const input = await page.$('#import input[type=file]');
    await input.uploadFile(fits[fitIndex++ % fits.length]);
    if (v.js) {
      await page.click('#import button.primary');
      await page.waitForFunction(() => {
        const li = document.querySelector('#results li');
        return li && !li.querySelector('progress');
      }, { timeout: 20000 });
    } else {
      await Promise.all([page.waitForNavigation(), page.click('#import button.primary')]);
    }
    const result = await page.$eval('#results li', (li) => li.className + ' ' + li.textContent);
    check(/^(imported|duplicate) /.test(result), `${v.name}: import said "${result}"`);
    await shot(page, v, 'import');

    // the plan: a grid of days from today, and a calendar address
    await page.goto(base + '/plan', { waitUntil: 'load' });
    const grid = await page.evaluate(() => ({
      cols: document.querySelectorAll('#plan thead th').length,
      today: document.querySelectorAll('#plan td.today').length,
    }));
    check(grid.cols === 7 && grid.today === 1, `${v.name}: the plan grid ${JSON.stringify(grid)}`);
    if (v.js) {
      await Promise.all([page.waitForNavigation(),
                         page.click('form[action="/calendar/new"] button')]);
      const feed = await page.$eval('#feed', (e) => e.value).catch(() => '');
      check(/\/calendar\/[0-9a-f]{64}\.ics$/.test(feed), `${v.name}: no calendar address: ${feed}`);
    }
    await shot(page, v, 'plan');

    // the report, live
    await page.goto(base + '/report', { waitUntil: 'load' });
    const charts = await page.$$eval('svg.chart', (s) => s.length);
    check(charts >= 6, `${v.name}: the report shows ${charts} charts`);
    await shot(page, v, 'report');

    check(foreign.length === 0, `${v.name}: fetched from elsewhere: ${foreign.join(' ')}`);
    console.log(`${v.name}: ${before} -> ${after} after the check-in; run #${id} logged and deleted; ${result}`);
    await page.close();
  }
} finally {
  await browser.close();
}
console.log(`${tally.passed} passed, ${tally.failed} failed`);
process.exit(tally.failed ? 1 : 0);
