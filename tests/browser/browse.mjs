// tests/browser/browse.mjs -- drive the page of `fil serve` in headless Chromium.
//
// Usage: node browse.mjs BASE_URL SCREENSHOT_DIR [WORD]
//   BASE_URL        where fil serve answers (http://127.0.0.1:8080), with
//                   examples/ already ingested
//   SCREENSHOT_DIR  where river.png, event.png, search.png go (created)
//   WORD            the word to search for (default "Rotterdam", which
//                   examples/ carries)
// Promise: opens the river and checks that events are listed and a
// language filter narrows them; follows the first event that has quotes and
// checks its timeline, its quotes with speakers, its entities and articles,
// and opens an article's text; checks its storyline page; runs a search
// from the search box and checks results with marked matches; saves the
// screenshots. Exits 0
// when every check holds, 1 with "browse: FAILED: ..." on the first that
// does not, 2 on bad usage. A console error, an uncaught page exception or
// a failed request from the page (network failure or HTTP status >= 400)
// fails the test too.
// Browser: Debian's /usr/bin/chromium (CHROMIUM overrides), driven by
// playwright-core; nothing is downloaded.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const [base, shots, word = 'Rotterdam'] = process.argv.slice(2);
if (!base || !shots) {
  console.error('usage: node browse.mjs BASE_URL SCREENSHOT_DIR [WORD]');
  process.exit(2);
}
const root = base.replace(/\/+$/, '');
const TIMEOUT_MS = 10000;

const problems = []; // console errors and failed requests, reported at the end of each step
let browser;

class CheckFailed extends Error {}

function fail(what) {
  throw new CheckFailed(what);
}

function check(cond, what) {
  if (!cond) {
    fail(what);
  }
  console.log(`browse: ok: ${what}`);
}

// Fails the run if the page complained since the last call.
function noProblems(step) {
  if (problems.length) {
    const all = problems.splice(0);
    fail(`${step}: the page reported ${all.length} problem(s):\n  ${all.join('\n  ')}`);
  }
}

// Waits until probe(), run in the page, gives a value pred accepts. The
// polling is done here, in node: the server's Content-Security-Policy
// forbids the string evaluation page.waitForFunction falls back to.
async function waitUntil(page, probe, pred, what) {
  const end = Date.now() + TIMEOUT_MS;
  for (;;) {
    const value = await page.evaluate(probe);
    if (pred(value)) return;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what} (at ${value})`);
    await page.waitForTimeout(50);
  }
}

async function waitHash(page, pred) {
  await waitUntil(page, () => location.hash, pred, 'the location');
}

async function waitLoaded(page) {
  // Every view removes aria-busy when its answer is drawn (or failed), and
  // names the location it draws in data-route: a view of the previous
  // location (its hashchange not handled yet) does not count.
  await waitUntil(page, () => {
    const v = document.getElementById('view');
    return Boolean(v && v.getAttribute('data-route') === location.hash &&
                   !v.hasAttribute('aria-busy') && !v.querySelector('.loading'));
  }, (done) => done, 'the view to load');
  const err = await page.locator('#view .state.error').count();
  if (err) {
    fail(`the page shows an error: ${await page.locator('#view .state.error').first().innerText()}`);
  }
}

async function river(page) {
  await page.goto(`${root}/`, { waitUntil: 'load' });
  await waitLoaded(page);
  const cards = page.locator('.river article.event');
  const n = await cards.count();
  check(n > 0, `the river lists events (${n})`);
  const first = cards.first();
  check((await first.locator('h2 a').innerText()).trim().length > 0, 'the first event has a label');
  check(await first.locator('.sources li').count() > 0, 'the first event names its sources');
  check(await first.locator('.facts .chip.lang').count() > 0, 'the first event shows its languages');
  check(await page.locator('form.filters select[name=lang]').count() === 1,
        'the river has a language filter');
  check(await page.locator('form.filters select[name=source]').count() === 1,
        'the river has a source filter');
  check(await page.locator('form.filters input[name=entity]').count() === 1,
        'the river has an entity filter');
  await page.screenshot({ path: join(shots, 'river.png'), fullPage: false });
  noProblems('river');

  // A filter narrows the river and shows itself as a removable chip.
  const lang = await page.locator('form.filters select[name=lang] option').nth(1).getAttribute('value');
  await page.selectOption('form.filters select[name=lang]', lang);
  await waitHash(page, (h) => h.includes(`lang=${lang}`));
  await waitLoaded(page);
  check(await page.locator('.active-filters .chip.active').count() === 1,
        `the language filter (${lang}) is applied and shown`);
  check(await page.locator('.river article.event').count() > 0, `events in ${lang} are listed`);
  noProblems('river filter');
  return n;
}

// Opens events from the river until one has quotes; the examples have several.
async function eventPage(page) {
  await page.goto(`${root}/#/`, { waitUntil: 'load' });
  await waitLoaded(page);
  const links = await page.locator('.river article.event h2 a').evaluateAll(
    (as) => as.map((a) => a.getAttribute('href')));
  for (const href of links) {
    await page.goto(`${root}/#/`, { waitUntil: 'load' });
    await waitLoaded(page);
    await page.click(`.river article.event h2 a[href="${href}"]`);
    await waitHash(page, (h) => h === href);
    await waitLoaded(page);
    noProblems(`event ${href}`);
    if (await page.locator('ul.quotes li').count() === 0) {
      continue;
    }
    check((await page.locator('main h1').innerText()).trim().length > 0, `event ${href} has a label`);
    const steps = await page.locator('ol.timeline li').count();
    check(steps > 0, `event ${href} shows its timeline (${steps} entries)`);
    check(await page.locator('ol.timeline li time').first().innerText() !== '',
          'timeline entries are dated');
    const quotes = await page.locator('ul.quotes li').count();
    const speakers = await page.locator('ul.quotes li .speaker:not(.unknown)').count();
    check(speakers > 0, `event ${href} shows quotes (${quotes}) with speakers (${speakers})`);
    check((await page.locator('ul.quotes li .carried').first().innerText()).includes('carried by'),
          'quotes name the outlets that carried them');
    check(await page.locator('.ents ul.entities li').count() > 0, 'the event lists its entities');
    const arts = await page.locator('table.articles tbody tr').count();
    check(arts > 0, `the event lists its articles (${arts})`);
    await page.screenshot({ path: join(shots, 'event.png'), fullPage: true });
    await page.locator('table.articles button.linkish').first().click();
    await page.waitForSelector('tr.reader .article-text p, tr.reader .state.error', { timeout: TIMEOUT_MS });
    check(await page.locator('tr.reader .article-text p').count() > 0, 'an article opens to its text');
    noProblems(`event ${href}, article text`);

    const story = page.locator('a.storyline-link');
    if (await story.count()) {
      await story.click();
      await waitHash(page, (h) => h.startsWith('#/storyline/'));
      await waitLoaded(page);
      check(await page.locator('ol.story-events article.event').count() > 0,
            'the storyline lists its events');
      noProblems('storyline');
    }
    return;
  }
  fail(`none of the ${links.length} events of the river shows a quote`);
}

async function search(page) {
  await page.goto(`${root}/#/`, { waitUntil: 'load' });
  await waitLoaded(page);
  await page.fill('#search-q', word);
  await page.press('#search-q', 'Enter');
  await waitHash(page, (h) => h.startsWith('#/search'));
  await waitLoaded(page);
  const n = await page.locator('ol.results li.result').count();
  check(n > 0, `searching "${word}" lists articles (${n})`);
  check(await page.locator('ol.results .snippet mark').count() > 0, 'snippets mark the matched words');
  const raw = await page.locator('ol.results').innerText();
  check(!/[\uE000\uE001]/.test(raw), 'no raw match markers are left in the snippets');
  await page.screenshot({ path: join(shots, 'search.png'), fullPage: false });
  noProblems('search');
}

async function main() {
  mkdirSync(shots, { recursive: true });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(TIMEOUT_MS);
  page.on('console', (m) => {
    if (m.type() === 'error') {
      problems.push(`console error: ${m.text()}`);
    }
  });
  page.on('pageerror', (e) => problems.push(`uncaught exception: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));
  page.on('response', (r) => {
    if (r.status() >= 400) {
      problems.push(`HTTP ${r.status()} for ${r.url()}`);
    }
  });

  await river(page);
  await eventPage(page);
  await search(page);
  noProblems('end');
  console.log(`browse: all checks passed; screenshots in ${shots}`);
}

main().then(async () => {
  await browser.close();
}, async (e) => {
  // Playwright's own errors carry a coloured call log; its first line says it.
  const msg = e instanceof CheckFailed ? e.message :
    String(e.message).replace(/\x1b\[[0-9;]*m/g, '').split('\n')[0];
  console.error(`browse: FAILED: ${msg}`);
  // What the page reported before the failure is often its cause.
  if (problems.length) {
    console.error(`browse: the page reported:\n  ${problems.join('\n  ')}`);
  }
  if (browser) {
    await browser.close().catch(() => {});
  }
  process.exit(1);
});
