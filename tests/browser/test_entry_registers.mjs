// Issue 12, items 1, 2, 4 (entry) and 6, as a ward officer (maychai, Phường Máy Chai 11329),
// a viewer and the admin would meet them in Chromium:
//   1. a cell the dialogue register counts is shown computed (its count, no input) and links
//      to the records, whose list holds exactly that many;
//   2. an error rule (Biểu 6: accepted ≤ recommendations) refuses the save at the field and
//      keeps what was typed; a warning rule (Biểu 1: resolved ≤ received) saves and is shown
//      as a warning at entry and under the annex; the submit box asks to acknowledge
//      warnings only, and where the annex has an error it offers no submit but says why;
//   4. the grid of an approved period, of a period locked from above and of a viewer is a
//      read-only view that says who approved it and when, in words (no "bieu-6 kỳ 2024");
//   6. an annex number from records opens the filtered list with that many records, a
//      formula or total opens the units behind it, and a hand-entered number its history.
import path from 'node:path';
import { run, login, check, artifacts } from './lib.mjs';

const UNIT = '11329';
const listCount = async (page) => {
  const m = /(\d+) bản ghi/.exec(await page.locator('nav.pager').innerText());
  return m ? Number(m[1]) : -1;
};
const num = (s) => Number(String(s).trim().replace(/\./g, ''));
const save = async (page) => {
  const [r] = await Promise.all([page.waitForNavigation(), page.click('form.entry button.primary')]);
  return r;
};

async function registerFed(page) {
  await page.goto(`${page.base}/entry?form=bieu-5&period=2024S2&unit=${UNIT}`);
  check(await page.locator('#v2').count() === 0, 'Biểu 5 2024S2: the co-chaired periodic dialogues (1 record) take no input');
  check(await page.locator('#v0').count() === 1, 'Biểu 5 2024S2: a cell with no record of the unit still takes input');
  const fed = page.locator('td.fed[data-col="2"] a');
  check(await fed.count() === 1 && (await fed.innerText()).trim() === '1', 'the register-fed cell shows its count 1 as a link');
  const href = await fed.getAttribute('href');
  check(href === `/r/dialogues?unit=${UNIT}&period=2024S2&level=3&f_type=dinh_ky&f_chair=dong_chu_tri`,
    `the link is the filtered register list (got ${href})`);
  await page.screenshot({ path: path.join(artifacts, 'entry-fed.png'), fullPage: true });
  await Promise.all([page.waitForNavigation(), fed.click()]);
  check(await listCount(page) === 1, 'the list it opens holds exactly 1 record');
}

async function errorRule(page) {
  const url = `${page.base}/entry?form=bieu-6&period=2023S2&unit=${UNIT}`;
  await page.goto(url);
  await page.fill('#v2', '9');
  await page.fill('#v3', '1.865');
  const r = await save(page);
  check(r.status() === 422, `an error rule refuses the save (status ${r.status()})`);
  check(await page.locator('#v3').getAttribute('aria-invalid') === 'true', 'the refused field is marked invalid');
  const msg = await page.locator('#e-v3').innerText();
  check(/không được nhiều hơn/.test(msg) && /1\.865/.test(msg) && /\b9\b/.test(msg), `the rule is shown at the field: ${msg}`);
  check(['1.865', '1865'].includes(await page.locator('#v3').inputValue()), 'what was typed is kept');
  await page.screenshot({ path: path.join(artifacts, 'entry-error-rule.png'), fullPage: true });
  await page.goto(url);
  check(await page.locator('#v3').inputValue() === '', 'nothing was saved');
}

async function warningRule(page) {
  await page.goto(`${page.base}/entry?form=bieu-1&period=2024S2&unit=${UNIT}`);
  await page.fill('#v28', '1');
  await page.fill('#v31', '3');
  const r = await save(page);
  check(r.status() === 200 && /\/report\?.*saved=1/.test(page.url()), 'a warning rule does not block the save');
  const under = await page.locator('#rule-problems').innerText();
  check(/Cảnh báo/.test(under) && /nhiều hơn số nhận/.test(under) && !/Lỗi/.test(under),
    `under the annex it is a warning, worded as one: ${under}`);
  check(await page.locator('#f-ack').count() === 1, 'the submit box asks to acknowledge the warning');
  check(await page.locator('#submission button', { hasText: 'Gửi báo cáo' }).count() === 1, 'and offers the submit');
  await page.goto(`${page.base}/entry?form=bieu-1&period=2024S2&unit=${UNIT}`);
  const at = await page.locator('#rule-problems').innerText();
  check(/Cảnh báo/.test(at) && /nhiều hơn số nhận/.test(at), 'the entry grid shows the warning too');
}

async function errorInAnnex(page) {
  const entry = `${page.base}/entry?form=bieu-6&period=2023S2&unit=${UNIT}`;
  await page.goto(entry);
  await page.fill('#v2', '9');
  await page.fill('#v3', '5');
  check((await save(page)).status() === 200, '5 accepted of 9 recommendations saves');
  // a record arrives with 1 recommendation: records win, 5 accepted > 1 is now an error
  await page.goto(`${page.base}/r/supervisions/new?unit=${UNIT}`);
  await page.fill('#f-date', '15/08/2023');
  await page.selectOption('#f-unit', UNIT);
  await page.fill('#f-subject', 'Giám sát việc thu gom rác thải sinh hoạt tại khu dân cư');
  await page.fill('#f-recommendations', '1');
  await Promise.all([page.waitForNavigation(), page.click('form.stack button.primary')]);
  await page.goto(`${page.base}/report?form=bieu-6&period=2023S2&unit=${UNIT}`);
  const under = await page.locator('#rule-problems').innerText();
  check(/Lỗi/.test(under) && /không được nhiều hơn/.test(under), `the annex lists the error: ${under}`);
  const box = await page.locator('#submission').innerText();
  check(await page.locator('#f-ack').count() === 0, 'the submit box does not ask to acknowledge an error');
  check(await page.locator('#submission button', { hasText: 'Gửi báo cáo' }).count() === 0, 'nor offers a submit it would refuse');
  check(/lỗi/.test(box) && /sửa/.test(box), `it says why: ${box}`);
  await page.screenshot({ path: path.join(artifacts, 'annex-error-submit.png'), fullPage: true });
  await page.goto(entry);
  check(await page.locator('#v2').count() === 0, 'recommendations now come from the record: no input');
  check(/không được nhiều hơn/.test(await page.locator('#e-v3').innerText()), 'the error is shown at the accepted field');
  check(/Số nhập tay cũ 9/.test(await page.locator('td.fed[data-col="2"]').innerText()), 'the stale typed 9 is shown by the count');
  await page.fill('#v3', '1');
  await page.check('#clear-v2');
  check((await save(page)).status() === 200, '1 accepted of the record\'s 1, the stale 9 dropped: saved');
  check(await page.locator('#rule-problems').count() === 0, 'the annex has neither error nor warning left');
  check(await page.locator('#submission button', { hasText: 'Gửi báo cáo' }).count() === 1, 'and offers the submit again');
}

async function lockedViews(page, district, viewer) {
  // Biểu 5 of quận Ngô Quyền (304) for 2025S1 is approved in the demo
  await district.goto(`${district.base}/entry?form=bieu-5&period=2025S1&unit=304`);
  const lock = await district.locator('#locked').innerText();
  check(/Đã khóa — phê duyệt bởi pheduyet ngày \d\d\/\d\d\/\d{4}/.test(lock), `approved: says so before typing: ${lock}`);
  check(/mở lại/.test(lock), 'and how to ask for a reopen');
  check(await district.locator('form.entry input.n').count() === 0, 'approved: no input');
  check(await district.locator('form.entry button.primary').count() === 0, 'approved: no Save');
  await district.screenshot({ path: path.join(artifacts, 'entry-locked.png'), fullPage: true });
  await page.goto(`${page.base}/entry?form=bieu-6&period=2024&unit=${UNIT}`);
  const above = await page.locator('#locked').innerText();
  check(/Biểu 6, năm 2024/.test(above) && /Quận Ngô Quyền/.test(above) && !/bieu-6|kỳ 2024/.test(above),
    `locked from above, in words: ${above}`);
  check(await page.locator('form.entry button.primary').count() === 0, 'locked from above: no Save');
  await viewer.goto(`${viewer.base}/entry?form=bieu-5&period=2024S2&unit=${UNIT}`);
  check(await viewer.locator('form.entry input.n').count() === 0, 'a viewer gets no input');
  check(await viewer.locator('form.entry button.primary').count() === 0 && await viewer.locator('#f-xlsx').count() === 0,
    'a viewer gets no Save and no import');
  check(/chỉ có quyền xem/.test(await viewer.locator('main').innerText()), 'a viewer is told the view is read-only');
}

async function annexDrill(page) {
  const annex = `${page.base}/report?form=bieu-5&period=2023S1&unit=31`;
  for (const [row, col] of [['Cộng', 1], ['Xã, phường', 2], ['Quận, huyện', 5]]) {
    await page.goto(annex);
    const tr = page.locator('table.annex tbody tr', { has: page.locator('th', { hasText: new RegExp(`^\\s*${row}\\s*$`) }) }).first();
    const a = tr.locator('td').nth(col - 1).locator('a');
    const n = num(await a.innerText());
    const href = await a.getAttribute('href');
    check(href.startsWith('/r/dialogues?unit=31&period=2023S1'), `${row} col ${col}: a register link (${href})`);
    await Promise.all([page.waitForNavigation(), a.click()]);
    check(await listCount(page) === n, `${row} col ${col}: the list holds the cell's ${n} records`);
  }
  await page.goto(annex);
  const tot = page.locator('table.annex tbody tr.total td').last().locator('a');
  check((await tot.getAttribute('href')).startsWith('/completeness?form=bieu-5&period=2023S1&unit=31'),
    'the grand total links to the units behind it');
}

// a pair "sessions/people" opens each number's own records; a list annex's row its record
async function pairAndListDrill(page) {
  await page.goto(`${page.base}/report?form=bieu-1&period=2023S1&unit=31`);
  const links = page.locator('table.annex tbody tr').first().locator('td.pair').first().locator('a');
  check(await links.count() === 2, `the pair cell has a link per number (${await links.count()})`);
  for (let i = 0; i < 2; i++) {
    await page.goto(`${page.base}/report?form=bieu-1&period=2023S1&unit=31`);
    const a = page.locator('table.annex tbody tr').first().locator('td.pair').first().locator('a').nth(i);
    const n = num(await a.innerText()), href = await a.getAttribute('href');
    check(href.startsWith('/r/receptions?unit=31&period=2023S1'), `pair number ${i + 1} opens the receptions (${href})`);
    if (i === 0) {
      await Promise.all([page.waitForNavigation(), a.click()]);
      check(await listCount(page) === n, `the sessions link lists the cell's ${n} receptions`);
    }
  }
  await page.goto(`${page.base}/report?form=bieu-4&period=2023S1&unit=31`);
  const row = page.locator('table.annex tbody tr').first();
  const sym = (await row.locator('td').nth(1).innerText()).trim();
  const doc = row.locator('td').nth(1).locator('a');
  check(/^\/r\/documents\/\d+$/.test(await doc.getAttribute('href') || ''), 'a Biểu 4 row links to its document');
  await Promise.all([page.waitForNavigation(), doc.click()]);
  const symbol = sym.replace(/^.* số /, '');
  check((await page.locator('main').innerText()).includes(symbol), `the record opened is ${symbol}`);
}

async function history(page) {
  const entry = `${page.base}/entry?form=bieu-5&period=2024S2&unit=${UNIT}`;
  for (const v of ['3', '4']) {
    await page.goto(entry);
    await page.fill('#v0', v);
    await save(page);
  }
  const a = page.locator('table.annex tbody tr').first().locator('td').first().locator('a');
  check((await a.innerText()).trim() === '4', 'the hand-entered 4 is a link');
  await Promise.all([page.waitForNavigation(), a.click()]);
  const h = await page.locator('main').innerText();
  check(/maychai/.test(h) && /\d\d\/\d\d\/\d{4}/.test(h), `its history names who and when: ${h.slice(0, 300)}`);
  check(/3\s*→\s*4/.test(h) && /—\s*→\s*3/.test(h), 'and before → after of each change');
  await page.screenshot({ path: path.join(artifacts, 'value-history.png'), fullPage: true });
}

await run('entry-registers', async ({ browser, srv }) => {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  page.base = srv.base;
  await login(page, srv.base, 'maychai', 'maychai123');
  const viewer = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  viewer.base = srv.base;
  await login(viewer, srv.base, 'xem', 'xem-dv-123');
  const admin = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  admin.base = srv.base;
  await login(admin, srv.base, 'admin', 'admin-dv-123');
  await registerFed(page);
  await errorRule(page);
  await warningRule(page);
  await errorInAnnex(page);
  const district = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  district.base = srv.base;
  await login(district, srv.base, 'ngoquyen', 'ngoquyen123');
  await lockedViews(page, district, viewer);
  await annexDrill(admin);
  await pairAndListDrill(admin);
  await history(page);
});
