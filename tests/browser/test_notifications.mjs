// Notifications in the browser (issue 12, item 5). The demo's clock is set to
// 10/06/2023, five days before the 2023S1 deadline (15/06). The district
// officer of Ngô Quyền (304, ngoquyen) sees the bell in the menu with the
// unread count equal to GET /api/notifications; opens the list; follows the
// first unread notice to its page (the annex to send); back on any page the
// count is one less and the notice shows as read. Then the city approver
// returns Máy Chai's Biểu 5 (submitted here by maychai): maychai's bell counts
// the "bị trả lại" notice, which opens the annex. The district officer's
// "Nhắc" on /completeness reaches its late wards. Screenshots go to
// test-artifacts/notifications-*.png.
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { run, login, check, artifacts } from './lib.mjs';

async function shot(page, name) {
  await page.screenshot({ path: path.join(artifacts, `notifications-${name}.png`), fullPage: true });
}

async function bellCount(page) {
  const bell = page.locator('header a.bell');
  check(await bell.count() === 1, 'the menu has one bell');
  const badge = bell.locator('.bell-count');
  return (await badge.count()) ? Number((await badge.innerText()).trim()) : 0;
}

async function api(page, base) {
  const r = await page.request.get(`${base}/api/notifications`);
  check(r.ok(), 'GET /api/notifications answers 200');
  return r.json();
}

run('notifications', async ({ browser, srv }) => {
  const dv = (...args) => execFileSync(srv.danvan, args, { stdio: 'pipe' }).toString();
  dv('config', srv.db, 'clock.today', '2023-06-10');
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN' });
  const page = await ctx.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await login(page, srv.base, 'ngoquyen', 'ngoquyen123');

  await page.goto(`${srv.base}/`);
  const j = await api(page, srv.base);
  const n = await bellCount(page);
  check(n > 0 && n === j.unread, `the bell counts the unread notices (${n}, API ${j.unread})`);
  await shot(page, '1-bell');

  await page.click('header a.bell');
  await page.waitForURL(/\/notifications$/);
  const items = page.locator('ul.notes li.note');
  check(await items.count() === j.items.length, `the list has every notice (${j.items.length})`);
  check(/Biểu 1 · 6 tháng đầu năm 2023: hạn gửi 15\/06\/2023, còn 5 ngày/.test(await page.locator('ul.notes').innerText()),
    'a report due in 5 days is listed in words with its deadline');
  await shot(page, '2-list');

  const first = j.items.find((x) => !x.read);
  const item = page.locator('ul.notes li.note.unread', { hasText: first.text }).first();
  await Promise.all([page.waitForNavigation(), item.locator('button.note-open').click()]);
  check(page.url() === `${srv.base}${first.url}`, `following a notice opens its page (${first.url})`);
  check(await bellCount(page) === n - 1, `the count decreases to ${n - 1}`);
  await page.goto(`${srv.base}/notifications`);
  check(await page.locator('ul.notes li.note.read', { hasText: first.text }).count() === 1, 'the notice followed shows as read');
  await page.reload();
  check(await bellCount(page) === n - 1, 'the read mark stays after a reload');

  // a returned report reaches the ward's officer
  const ward = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
  await login(ward, srv.base, 'maychai', 'maychai123');
  await ward.goto(`${srv.base}/`);
  const before = await bellCount(ward);
  dv('submit', srv.db, '--form', 'bieu-5', '--period', '2023S1', '--unit', '11329', '--user', 'maychai', '--ack');
  dv('return', srv.db, '--form', 'bieu-5', '--period', '2023S1', '--unit', '11329', '--user', 'pheduyet',
    '--comment', 'Bổ sung đối thoại tháng 6');
  await ward.goto(`${srv.base}/`);
  const after = await bellCount(ward);
  check(after === before + 1, `the ward's bell counts the return (${before} → ${after})`);
  await ward.click('header a.bell');
  const ret = ward.locator('ul.notes li.note.unread[data-kind=returned]');
  check(/bị trả lại: Bổ sung đối thoại tháng 6/.test(await ret.innerText()), 'the return is listed with its comment');
  await shot(ward, '3-returned');
  await Promise.all([ward.waitForNavigation(), ret.locator('button.note-open').click()]);
  check(ward.url().endsWith('/report?form=bieu-5&period=2023S1&unit=11329'), 'the return opens the annex to resend');

  // "Nhắc" from the district to its late wards (the clock after the deadline)
  dv('config', srv.db, 'clock.today', '2023-06-20');
  await page.goto(`${srv.base}/completeness?form=bieu-1&period=2023S1&unit=304`);
  const remind = page.locator('form.remind button');
  check(await remind.count() === 1, 'the completeness page offers "Nhắc"');
  const label = await remind.innerText();
  await shot(page, '4-remind');
  await Promise.all([page.waitForNavigation(), remind.click()]);
  const m = label.match(/Nhắc (\d+)/);
  check(m && (await page.locator('p.notice[role=status]').innerText()).includes(`Đã nhắc ${m[1]} đơn vị`),
    `the page says how many were reminded (${label})`);
  await ward.goto(`${srv.base}/notifications`);
  check(await ward.locator('ul.notes li.note.unread[data-kind=reminder]').count() === 1, 'the late ward has the reminder');
  check(errors.length === 0, `no console errors (${errors.join('; ')})`);
});
