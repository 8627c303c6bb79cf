// Reports that compare across the 2025 reform (issue 10), in the browser.
// The seeds' reports say "so với cùng kỳ năm trước"; a 2026 report of the
// new Hải Phòng (31, from 01/07/2025 the old Hải Phòng and Hải Dương) is
// written on the new tree while 2025S1's records sit on the old units. The
// admin opens Biểu 5 of 31 for 2026S1, picks "Cùng kỳ năm trước (2025S1)"
// and reads, under each row, 2025S1 counted on the new tree and the change;
// the numbers are those of `danvan report --compare` (and of
// demo/check_reform.py, which counts the demo's files without the binary:
// 325 dialogues in 2026S1, 555 in 2025S1). Changing the period to 2026
// keeps the choice's meaning (2025, not 2025S1); Biểu 4, a list, says it
// does not compare; the JSON API refuses a bad compare= naming the field.
// Screenshots go to test-artifacts/compare-*.png.
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { run, login, check, artifacts } from './lib.mjs';

// the total row ("Cộng") group: its own cells, the comparison's, the change's
async function totalGroup(page) {
  const group = page.locator('table.annex tbody', { has: page.locator('tr.total') });
  const texts = async (sel) => (await group.locator(`${sel} td`).allInnerTexts()).map((s) => s.trim().replace(/\s+/g, ' '));
  return { now: await texts('tr.total'), then: await texts('tr.cmp'), change: await texts('tr.chg') };
}

function cliReport(srv, period, compare) {
  const out = execFileSync(srv.danvan, ['report', srv.db, '--form', 'bieu-5', '--period', period, '--unit', '31',
    '--compare', compare, '--format', 'json']);
  const j = JSON.parse(out.toString());
  return { now: j.rows.at(-1).values, then: j.compare.rows.at(-1).values, period: j.compare.period };
}

const vn = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');

await run('report-compare', async ({ browser, srv }) => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await login(page, srv.base, 'admin', 'admin-dv-123');
  await page.goto(`${srv.base}/report?form=bieu-5&period=2026S1&unit=31`);
  check(await page.locator('tr.cmp').count() === 0, 'without a comparison the annex has no comparison rows');
  const labels = await page.locator('#f-compare option').allInnerTexts();
  check(labels.includes('Cùng kỳ năm trước (2025S1)') && labels.includes('Kỳ liền trước (2025S2)') &&
    labels.includes('Không so sánh'), `"So sánh với" offers the same period last year and the one before (${labels.join(' | ')})`);
  await page.selectOption('#f-compare', '2025S1');
  await Promise.all([page.waitForNavigation(), page.click('form.filters button[type=submit]')]);
  check(/compare=2025S1/.test(page.url()), `the choice is in the URL (${page.url()})`);
  check((await page.locator('#cmp-head').innerText()).includes('Cùng kỳ năm trước'), 'the note names the comparison');

  const cli = cliReport(srv, '2026S1', '2025S1');
  const g = await totalGroup(page);
  check(cli.now.at(-1) === 325 && cli.then.at(-1) === 555, `CLI: 325 dialogues in 2026S1, 555 in 2025S1 on the new tree (${cli.now.at(-1)}, ${cli.then.at(-1)})`);
  check(g.now.at(-1) === vn(cli.now.at(-1)), `page: total 2026S1 ${g.now.at(-1)}`);
  check(JSON.stringify(g.then) === JSON.stringify(cli.then.map(vn)), `page: 2025S1 row as the CLI (${g.then.join(' ')})`);
  check(g.change.at(-1) === '−230 −41,4%', `page: the change of the total is −230, −41,4% (${g.change.at(-1)})`);
  const signed = (d) => (d > 0 ? `+${vn(d)}` : d < 0 ? `−${vn(-d)}` : '0');
  const diffs = g.change.map((x) => x.split(' ')[0]);
  check(JSON.stringify(diffs) === JSON.stringify(cli.now.map((v, k) => signed(v - cli.then[k]))),
    `page: every column's change is 2026S1 minus 2025S1 (${diffs.join(' ')})`);
  const commune = page.locator('table.annex tbody', { has: page.locator('th a', { hasText: 'Xã, phường' }) });
  check(await commune.locator('tr.cmp').count() === 1, 'the level row "Xã, phường" has its comparison row');
  const drill = await commune.locator('th a').first().getAttribute('href');
  check(/compare=2025S1/.test(drill) && /level=2/.test(drill), `the drill-down keeps the comparison (${drill})`);
  await page.screenshot({ path: path.join(artifacts, 'compare-2026S1.png'), fullPage: true });

  // the period changes to the year: "Cùng kỳ năm trước" is now 2025
  await page.selectOption('#f-period', '2026');
  await Promise.all([page.waitForNavigation(), page.click('form.filters button[type=submit]')]);
  check((await page.locator('#cmp-head').innerText()).includes('2025') && !(await page.locator('#cmp-head').innerText()).includes('2025S1'),
    `2026 is compared with 2025, the same choice (${page.url()})`);
  const year = cliReport(srv, '2026', '2025');
  const gy = await totalGroup(page);
  check(JSON.stringify(gy.then) === JSON.stringify(year.then.map(vn)) && year.then.at(-1) === 870,
    `page: 2025 on the new tree as the CLI, 870 dialogues (${gy.then.at(-1)})`);
  check(await page.locator('#f-compare option:checked').innerText() === 'Cùng kỳ năm trước (2025)', 'the select shows the choice for 2026');

  // Biểu 4 lists documents: nothing to compare, and the page says so
  await page.goto(`${srv.base}/report?form=bieu-4&period=2026S1&unit=31&compare=2025S1`);
  check(/không so sánh giữa các kỳ/.test(await page.locator('p.notice').innerText()), 'Biểu 4: "không so sánh giữa các kỳ"');

  // the API: the comparison as JSON, a bad one refused naming the field
  const api = await page.request.get(`${srv.base}/api/report?form=bieu-5&period=2026S1&unit=31&compare=2025S1`);
  const aj = await api.json();
  check(api.status() === 200 && aj.compare.period === '2025S1' && aj.compare.rows.at(-1).values.at(-1) === 555,
    '/api/report?compare=2025S1: compare.rows as the CLI');
  const bad = await page.request.get(`${srv.base}/api/report?form=bieu-5&period=2026S1&unit=31&compare=2025X9`);
  check(bad.status() === 400 && (await bad.json()).field === 'compare', '/api/report?compare=2025X9: 400, field "compare"');
  const badPage = await page.goto(`${srv.base}/report?form=bieu-5&period=2026S1&unit=31&compare=2025X9`);
  check(badPage.status() === 400, '/report?compare=2025X9: 400');

  // on a phone the comparison rows stay readable
  const phone = await browser.newPage({ viewport: { width: 375, height: 800 } });
  await login(phone, srv.base, 'admin', 'admin-dv-123');
  await phone.goto(`${srv.base}/report?form=bieu-5&period=2026S1&unit=31&compare=2025S1`);
  check(await phone.locator('tr.chg').count() === 3, 'phone: three change rows (Thành phố, Xã, phường, Cộng)');
  await phone.screenshot({ path: path.join(artifacts, 'compare-phone.png'), fullPage: true });
});
