// The smaller things of issue 12 (item 7), in Chromium on the demo database:
//   - the unit picker: typing "hai phong" offers "Thành phố Hải Phòng", "dang giang" offers
//     "Phường Đằng Giang"; arrows and Enter choose, Esc closes; the <select> takes the value;
//   - the register search finds the dialogues of a unit by its name ("hai phong");
//   - times in Asia/Ho_Chi_Minh: an attachment stored at 2024-03-05T18:30:00Z shows
//     "06/03/2024 01:30", an audit row at that time "06/03/2024 01:30:00";
//   - no input[type=date] on the pages an officer visits; the report editor's date is
//     dd/mm/yyyy;
//   - at 390×844 the menu is a button (aria-expanded) and the header is short;
//   - the annex table's first column stays visible after a horizontal scroll, with a hint;
//   - printed (emulateMedia print), the annex, list and entry pages name the unit and period.
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { run, login, check, artifacts } from './lib.mjs';

const sql = (db, q) => execFileSync('sqlite3', [db, q], { encoding: 'utf8' }).trim();

async function typeAhead(page, base) {
  await page.goto(`${base}/report?form=bieu-5&unit=31&period=2023S1`);
  const box = page.locator('input[role=combobox][aria-controls]').first();
  check(await box.count() === 1 && await page.locator('select#f-unit').count() === 1,
    'the unit <select> is kept and a combobox input stands beside it');
  await box.click();
  await box.fill('hai phong');
  const list = page.locator(`#${await box.getAttribute('aria-controls')}`);
  check(await box.getAttribute('aria-expanded') === 'true' && await list.isVisible(), 'typing opens the list');
  const first = (await list.locator('[role=option]').first().innerText()).trim();
  check(/Hải Phòng/.test(first), `"hai phong" offers "${first}" first`);
  await box.fill('DANG GIANG');
  const opts = await list.locator('[role=option]').allInnerTexts();
  check(opts.length >= 1 && opts.every((t) => /Đằng Giang/.test(t)), `"DANG GIANG" offers only Đằng Giang: ${opts.join(' | ')}`);
  check(/Ngô Quyền/.test(opts[0]), `a ward is shown under its district: "${opts[0]}"`);
  await box.press('ArrowDown');
  const active = await box.getAttribute('aria-activedescendant');
  check(active && await page.locator(`#${active}`).getAttribute('aria-selected') === 'true',
    'ArrowDown marks an option (aria-activedescendant, aria-selected)');
  await box.press('Enter');
  check(await page.locator('select#f-unit').inputValue() === '11359', 'Enter chooses it: the select holds 11359');
  check(await box.getAttribute('aria-expanded') === 'false', 'and the list closes');
  await box.fill('may');
  check(await box.getAttribute('aria-expanded') === 'true', 'typing again opens it');
  await box.press('Escape');
  check(await box.getAttribute('aria-expanded') === 'false' && !(await list.isVisible()), 'Esc closes it');
  await Promise.all([page.waitForNavigation(), page.locator('select#f-unit').evaluate((s) => s.form.requestSubmit())]);
  check(/unit=11359/.test(page.url()), 'the filter form sends the chosen unit');
  await page.screenshot({ path: path.join(artifacts, 'small-typeahead.png') });
}

// a unit-reference field (any unit, a code input): the search box asks /api/units?scope=all
async function unitRef(browser, base) {
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await ctx.newPage();
  await login(page, base, 'ngoquyen', 'ngoquyen123');
  await page.goto(`${base}/r/conclusions/new`);
  const field = page.locator('#f-responsible_unit');
  const box = page.locator('.unit-pick:has(#f-responsible_unit) input[role=combobox]');
  check(await box.count() === 1, 'the responsible unit (a code) has a search box');
  await box.fill('thanh pho hai phong');
  const list = page.locator(`#${await box.getAttribute('aria-controls')}`);
  await list.locator('[role=option]').first().waitFor();
  const first = await list.locator('[role=option]').first().innerText();
  check(/Thành phố Hải Phòng/.test(first) && /mã 31/.test(first), `a unit outside 304's subtree is offered: ${first.replace(/\s+/g, ' ')}`);
  await box.press('ArrowDown');
  await box.press('Enter');
  check(await field.inputValue() === '31', 'Enter puts its code in the field');
  await ctx.close();
}

async function registerSearch(page, base) {
  await page.goto(`${base}/r/dialogues?period=`);
  check(/tên đơn vị/.test(await page.locator('#h-q').innerText()), 'the search hint says unit names are searched');
  await page.fill('input[name=q]', 'hai phong');
  await Promise.all([page.waitForNavigation(), page.press('input[name=q]', 'Enter')]);
  const body = await page.locator('main').innerText();
  check(body.includes('ô nhiễm môi trường tại khu vực giáp ranh khu công nghiệp'),
    'the register search "hai phong" lists the dialogue of Thành phố Hải Phòng about pollution');
}

async function times(page, base, db) {
  await page.goto(`${base}/r/documents/new?unit=31`);
  const csrf = await page.locator('input[name=csrf]').first().inputValue();
  const r = await page.request.post(`${base}/api/registers/documents`, {
    headers: { 'X-CSRF-Token': csrf },
    data: { kind: 'CV', symbol: '99-CV/TU', date: '2026-10-05', unit: '31', issued_by: 'cap_uy',
      summary: 'Công văn có tệp đính kèm', fields: 'khac' },
  });
  check(r.ok(), `a document of 2026 to attach to: HTTP ${r.status()}`);
  const id = (await r.json()).id;
  await page.goto(`${base}/r/documents/${id}`);
  const file = path.join(tmpdir(), 'bien-ban.png');
  writeFileSync(file, Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'));
  await page.setInputFiles('#attachments input[type=file]', file);
  await Promise.all([page.waitForNavigation(), page.click('#attachments button[type=submit]')]);
  sql(db, "UPDATE attachments SET created_at='2024-03-05T18:30:00Z';" +
    "UPDATE audit SET at='2024-03-05T18:30:00Z' WHERE id=(SELECT max(id) FROM audit)");
  await page.reload();
  const att = await page.locator('#attachments').innerText();
  check(att.includes('06/03/2024 01:30') && !/UTC/.test(att), `the attachment time is shown in +07: ${att.replace(/\s+/g, ' ').slice(0, 200)}`);
  await page.goto(`${base}/audit`);
  check((await page.locator('main').innerText()).includes('06/03/2024 01:30:00'), 'the audit log shows the time in +07');
}

async function dates(page, base) {
  const pages = ['/documents/report?unit=31&period=2023S1', '/r/dialogues/new', '/r/conclusions/new', '/plans',
    '/report?form=bieu-1&unit=31&period=2023S1', '/entry?form=bieu-1&unit=31&period=2023S1', '/holidays',
    '/completeness?unit=31&period=2023S1', '/r/letters/new', '/r/letters', '/r/models', '/audit', '/units', '/'];
  for (const p of pages) {
    await page.goto(base + p);
    check(await page.locator('input[type=date]').count() === 0, `no native date picker on ${p}`);
    const iso = (await page.locator('main').innerText()).match(/\b\d{4}-\d{2}-\d{2}\b/);
    check(!iso, `no ISO date shown on ${p}${iso ? `: ${iso[0]}` : ''}`);
  }
  await page.goto(`${base}/documents/report?unit=31&period=2023S1`);
  const d = page.locator('#f-date');
  const v = await d.inputValue();
  check(/^(\d{2}\/\d{2}\/\d{4})?$/.test(v) && await d.getAttribute('pattern'), `the report editor's date is dd/mm/yyyy: "${v}"`);
  await d.fill('19/06/2023');
  await Promise.all([page.waitForNavigation(), page.click('form.doc-editor button.primary')]);
  check(await page.locator('#f-date').inputValue() === '19/06/2023', 'a date typed dd/mm/yyyy is saved and shown so');
}

async function phone(browser, base) {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await ctx.newPage();
  await login(page, base, 'ngoquyen', 'ngoquyen123');
  const btn = page.locator('header.top button[aria-controls][aria-expanded]');
  check(await btn.isVisible(), 'on a phone the menu is a button');
  check(await btn.getAttribute('aria-expanded') === 'false', 'closed at first (aria-expanded=false)');
  const h = (await page.locator('header.top').boundingBox()).height;
  check(h <= 80, `the header is short: ${h}px`);
  check(!(await page.locator('header.top nav a[href="/plans"]').isVisible()), 'the links are hidden');
  await page.screenshot({ path: path.join(artifacts, 'small-phone-closed.png') });
  await btn.click();
  check(await btn.getAttribute('aria-expanded') === 'true' && await page.locator('header.top nav a[href="/plans"]').isVisible(),
    'the button opens the menu');
  await page.screenshot({ path: path.join(artifacts, 'small-phone-open.png') });
  await btn.click();
  check(await btn.getAttribute('aria-expanded') === 'false', 'and closes it');
  await btn.click();
  await page.locator('header.top nav a[href="/plans"]').focus();
  await page.keyboard.press('Escape');
  check(await btn.getAttribute('aria-expanded') === 'false' && await btn.evaluate((b) => b === document.activeElement),
    'Esc in the open menu closes it and returns to the button');
  await ctx.close();
  const nojs = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
  const p0 = await nojs.newPage();
  await login(p0, base, 'ngoquyen', 'ngoquyen123');
  check(!(await p0.locator('header.top .menu-btn').isVisible()) && await p0.locator('header.top nav a[href="/plans"]').isVisible(),
    'without the script the links show on a phone and there is no button');
  await p0.goto(`${base}/report?form=bieu-1&unit=304&period=2023S1`);
  check(await p0.locator('select#f-unit').isVisible() && await p0.locator('input[role=combobox]').count() === 0,
    'without the script the unit <select> is there as before');
  await nojs.close();
  const wide = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const p2 = await wide.newPage();
  await login(p2, base, 'ngoquyen', 'ngoquyen123');
  check(!(await p2.locator('header.top button[aria-controls][aria-expanded]').isVisible()) &&
    await p2.locator('header.top nav a[href="/plans"]').isVisible(), 'on a wide screen the links show, no button');
  await wide.close();
}

async function wideTable(browser, base) {
  const ctx = await browser.newContext({ viewport: { width: 800, height: 800 } });
  const page = await ctx.newPage();
  await login(page, base, 'admin', 'admin-dv-123');
  await page.goto(`${base}/report?form=bieu-5&unit=31&period=2023S1`);
  const wrap = page.locator('.table-wrap:has(table.annex)').first();
  const hint = page.locator('.scroll-hint').first();
  check(await hint.isVisible(), 'a wide annex shows a scroll hint');
  check(/kéo sang phải/i.test(await hint.innerText()), 'the hint says "kéo sang phải để xem thêm cột"');
  await wrap.evaluate((w) => { w.scrollLeft = 600; });
  await page.waitForTimeout(100);
  const wb = await wrap.boundingBox();
  const th = await page.locator('table.annex tbody tr:first-child th').first().boundingBox();
  check(th.x >= wb.x - 1 && th.x < wb.x + 20, `the first column stays in view after scrolling (${th.x} vs ${wb.x})`);
  await page.screenshot({ path: path.join(artifacts, 'small-wide-annex.png') });
  await ctx.close();
}

async function printout(page, base) {
  const cases = [
    ['/report?form=bieu-1&unit=304&period=2023S1', 'annex'],
    ['/r/dialogues?unit=304&period=2023S1', 'list'],
    ['/entry?form=bieu-1&unit=304&period=2023S1', 'entry'],
  ];
  for (const [p, what] of cases) {
    await page.goto(base + p);
    const head = page.locator('.print-head');
    check(await head.count() === 1 && !(await head.isVisible()), `${what}: the print header is hidden on screen`);
    await page.emulateMedia({ media: 'print' });
    const t = await head.innerText().catch(() => '');
    check(await head.isVisible() && t.includes('Quận Ngô Quyền') && /6 tháng đầu năm 2023/i.test(t),
      `${what}: printed, it names the unit and the period: "${t}"`);
    if (what === 'annex') await page.screenshot({ path: path.join(artifacts, 'small-print-annex.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
  }
}

run('small', async ({ browser, srv }) => {
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await login(page, srv.base, 'admin', 'admin-dv-123');
  const steps = [
    ['type-ahead', () => typeAhead(page, srv.base)],
    ['unit reference', () => unitRef(browser, srv.base)],
    ['register search', () => registerSearch(page, srv.base)],
    ['times', () => times(page, srv.base, srv.db)],
    ['dates', () => dates(page, srv.base)],
    ['phone menu', () => phone(browser, srv.base)],
    ['wide table', () => wideTable(browser, srv.base)],
    ['printout', () => printout(page, srv.base)],
  ];
  const failed = [];
  for (const [name, fn] of steps) {
    try { await fn(); } catch (e) { failed.push(name); console.error(`not ok - ${name}: ${e.message}`); }
  }
  check(errors.length === 0, `no script errors: ${errors.slice(0, 3).join(' | ')}`);
  if (failed.length) throw new Error(`failed: ${failed.join(', ')}`);
});
