// Plans in the browser (issue 5: plans that cascade, targets that measure
// themselves). As admin (Hải Phòng, 31): /plans lists 85-KH/BDVTU; its page
// shows item 1.3 with the seed's wording and its establishments_dossier
// target over the seed's "tổng số 130 cơ sở" at 62,31% (81/130), "Vượt". As an officer of Phường Gia Sàng
// (05461, created here with the CLI): 11-KH/ĐU shows the source of an item
// taken up from 136-KH/TU; the city re-imports 136-KH/TU with the text of
// item 1.1 changed (CLI export, edit, import --replace); the ward's item 1.1
// then shows "Cấp trên đã sửa nội dung" with the new text, the city's
// cascade page marks the ward's item as not yet read; "Đã xem" clears both.
// A progress update with a bad evidence link is refused with its message;
// one that sets item 2 to done with a note shows the badge and the note.
// Screenshots go to test-artifacts/plans-*.png.
import path from 'node:path';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import { run, login, check, artifacts } from './lib.mjs';

// item 1.3 of 85-KH/BDVTU as printed in the seed (000_c114952e166a4364.txt)
const SEED_1_3 = 'Hướng dẫn, giám sát, đánh giá kết quả thực hiện chỉ tiêu thực hiện lập hồ sơ đăng ký đất đai cho ' +
  'tối thiểu 30% số cơ sở tôn giáo đang sử dụng đất; cấp giấy chứng nhận quyền sử dụng đất cho tối thiểu 10% số cơ ' +
  'sở tôn giáo đang sử dụng đất ở các quận, huyện (trên tổng số 130 cơ sở).';
const OLD_1_1 = '| Chỉ đạo các đảng ủy xã, phường tổng kết 25 năm thực hiện Chỉ thị số 30-CT/TW';
const NEW_1_1 = '| Chỉ đạo các đảng ủy xã, phường sơ kết và tổng kết 25 năm thực hiện Chỉ thị số 30-CT/TW';
const WARD_PLAN = `/plans/view?plan=${encodeURIComponent('11-KH/ĐU')}&unit=05461`;
const NOTE = 'Đã tổng kết Chỉ thị 30-CT/TW tại hội nghị Đảng ủy phường tháng 5';

async function shot(page, name) {
  await page.screenshot({ path: path.join(artifacts, `plans-${name}.png`), fullPage: true });
}

const item = (page, n) => page.locator(`[id="item-${n}"]`);

await run('plans', async ({ browser, srv }) => {
  const t0 = Date.now();
  const cli = (args, input) => execFileSync(srv.danvan, args, { input, stdio: ['pipe', 'pipe', 'inherit'] }).toString();
  cli(['user', 'add', srv.db, '--login', 'giasang', '--unit', '05461', '--role', 'officer'], 'giasang-matkhau\n');

  // --- admin: the Hải Phòng plan and its targets
  const ac = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const admin = await ac.newPage();
  await login(admin, srv.base, 'admin', 'admin-dv-123');
  await admin.click('header.top nav a:text-is("Kế hoạch")');
  check(/\/plans$/.test(admin.url()), 'the menu entry "Kế hoạch" opens /plans');
  const row = admin.locator('table.plans tbody tr', { has: admin.locator('th', { hasText: '85-KH/BDVTU' }) });
  check(await row.count() === 1, 'admin /plans lists 85-KH/BDVTU');
  check(/Thành phố Hải Phòng/.test(await row.innerText()) && /0\/19/.test(await row.innerText()),
    'its row: issuing unit Thành phố Hải Phòng, 0/19 items done');
  await shot(admin, 'list-admin');
  await Promise.all([admin.waitForNavigation(), row.locator('th a').click()]);
  check(/Số 85-KH\/BDVTU/.test(await admin.locator('.doc-head').innerText()), 'the plan page: "Số 85-KH/BDVTU" in its header');
  check(/Hải Phòng, ngày 05 tháng 01 năm 2024/.test(await admin.locator('.dateline').innerText()),
    'the date line "Hải Phòng, ngày 05 tháng 01 năm 2024"');
  const body13 = (await item(admin, '1.3').locator('.item-body').innerText()).trim();
  check(body13 === `1.3. ${SEED_1_3}`, 'item 1.3 shows the seed text verbatim');
  const dossier = item(admin, '1.3').locator('tr[data-indicator=establishments_dossier]');
  const dtext = await dossier.innerText();
  check(/62,31%/.test(dtext) && /81\/130/.test(dtext), 'establishments_dossier target over the seed\'s 130 establishments: 62,31% (81/130)');
  check(/≥ 30%/.test(dtext), 'its requirement: ≥ 30%');
  check((await dossier.locator('.badge').innerText()).trim() === 'Vượt', 'its state badge: "Vượt"');
  check(await dossier.locator('svg.tbar rect.tb-exceeded').count() === 1 && await dossier.locator('svg.tbar line.tb-thr').count() === 1,
    'its SVG bar: the value bar (exceeded) and the threshold mark');
  const below = dossier.locator('td.below a', { hasText: 'Quận Lê Chân' });
  check(await below.count() === 1 && /Quận Lê Chân \(16,67%\)/.test(await dossier.locator('td.below').innerText()),
    'Quận Lê Chân (16,67%) is listed among the units pulling it down, with a link');
  await item(admin, '1.3').screenshot({ path: path.join(artifacts, 'plans-item-1.3.png') });
  await Promise.all([admin.waitForNavigation(), below.click()]);
  check(/\/indicators\?name=establishments_dossier&unit=305/.test(admin.url()), 'the link drills down to /indicators for Lê Chân');
  await admin.goBack();
  await admin.emulateMedia({ media: 'print' });
  await admin.screenshot({ path: path.join(artifacts, 'plans-print.png') });
  check(!(await admin.locator('details.item-progress').first().isVisible()), 'print view: the progress forms are hidden');
  await admin.emulateMedia({ media: 'screen' });

  // --- the ward: an item taken up from the city's plan
  const gc = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const ward = await gc.newPage();
  await login(ward, srv.base, 'giasang', 'giasang-matkhau');
  await ward.goto(`${srv.base}/plans`);
  const wrow = ward.locator('table.plans tbody tr', { has: ward.locator('th', { hasText: '11-KH/ĐU' }) });
  check(/Thực hiện Kế hoạch 136-KH\/TU/.test(await wrow.innerText()), 'giasang /plans: 11-KH/ĐU implements 136-KH/TU');
  await Promise.all([ward.waitForNavigation(), wrow.locator('th a').click()]);
  const src = item(ward, '1.1').locator('.item-source a');
  check((await src.innerText()).trim() === 'Thực hiện mục 1.1 của Kế hoạch 136-KH/TU', 'item 1.1 shows its source: mục 1.1 của Kế hoạch 136-KH/TU');
  check(await ward.locator('.src-changed').count() === 0, 'no "Cấp trên đã sửa nội dung" box yet');
  await Promise.all([ward.waitForNavigation(), src.click()]);
  check(/136-KH/.test(decodeURIComponent(ward.url())) && /#item-1\.1$/.test(ward.url()), 'the source link opens item 1.1 of 136-KH/TU');

  // --- the city changes item 1.1 (CLI: export, edit one text line, import --replace)
  const text = cli(['export', 'plan', srv.db, '--plan', '136-KH/TU', '--unit', '164']);
  check(text.includes(OLD_1_1), 'the exported 136-KH/TU holds item 1.1\'s text line');
  const dir = mkdtempSync(path.join(tmpdir(), 'danvan-plans-'));
  const file = path.join(dir, '136-KH-TU.plan');
  writeFileSync(file, text.replace(OLD_1_1, NEW_1_1));
  cli(['import', 'plan', srv.db, file, '--replace']);
  rmSync(dir, { recursive: true, force: true });

  await ward.goto(srv.base + WARD_PLAN);
  const box = ward.locator('[id="changed-1.1"]');
  check(await box.isVisible(), 'after the re-import, item 1.1 shows a box');
  check(/Cấp trên đã sửa nội dung/.test(await box.locator('h4').innerText()), 'the box says "Cấp trên đã sửa nội dung"');
  check((await box.locator('.src-text.now').innerText()).includes(NEW_1_1.slice(2)), 'it shows the new text');
  check((await box.locator('.src-text.then').innerText()).includes(OLD_1_1.slice(2)), 'and the text taken up');
  check((await box.locator('p.diff ins').innerText()).trim() === 'sơ kết và', 'the word diff marks "sơ kết và" as added');
  check(await ward.locator('.src-changed').count() === 1, 'only item 1.1 has the box');
  await box.screenshot({ path: path.join(artifacts, 'plans-changed.png') });
  await ward.goto(`${srv.base}/plans/cascade?plan=${encodeURIComponent('136-KH/TU')}&unit=164`);
  const crow = ward.locator('[id="item-1.1"]');
  check(/Phường Gia Sàng/.test(await crow.innerText()) && /Chưa xem nội dung mới/.test(await crow.innerText()),
    'the cascade of 136-KH/TU: Gia Sàng took item 1.1 up and has not read the new text');
  await shot(ward, 'cascade');

  await ward.goto(srv.base + WARD_PLAN);
  await Promise.all([ward.waitForNavigation(), box.locator('button', { hasText: 'Đã xem' }).click()]);
  check(await ward.locator('.src-changed').count() === 0, '"Đã xem": the box is gone');
  check(/đã xem nội dung mới của mục 1\.1/.test(await item(ward, '1.1').locator('p.ok').innerText()), 'and the page confirms it');
  await ward.goto(`${srv.base}/plans/cascade?plan=${encodeURIComponent('136-KH/TU')}&unit=164`);
  check(!/Chưa xem nội dung mới/.test(await ward.locator('[id="item-1.1"]').innerText()), 'the cascade no longer marks item 1.1');

  // --- progress: a refused update, then item 2 done with a note
  await ward.goto(srv.base + WARD_PLAN);
  const i2 = item(ward, '2');
  check((await i2.locator('.item-status').innerText()).trim() === 'Chưa bắt đầu', 'item 2: "Chưa bắt đầu"');
  await i2.locator('details.item-progress summary').click();
  await i2.locator('select[name=status]').selectOption('done');
  await i2.locator('textarea[name=note]').fill(NOTE);
  await i2.locator('input[name=evidence]').fill('khongco:1');
  const [bad] = await Promise.all([ward.waitForNavigation(), i2.locator('button[type=submit]').click()]);
  check(bad.status() === 400, 'an unknown register in the evidence is refused (400)');
  check(/không có sổ khongco/.test(await i2.locator('p.err').innerText()), 'the message stands under the item\'s form');
  check(await i2.locator('textarea[name=note]').inputValue() === NOTE, 'what was typed is kept');
  await i2.locator('input[name=evidence]').fill('https://giasang.thainguyen.gov.vn/tin-tuc/tong-ket-ct30');
  await Promise.all([ward.waitForNavigation(), i2.locator('button[type=submit]').click()]);
  check((await i2.locator('.item-status').innerText()).trim() === 'Hoàn thành', 'item 2 is now "Hoàn thành"');
  check((await i2.locator('.item-notes').innerText()).includes(NOTE), 'its progress note is listed under it');
  check(await i2.locator('.item-notes a[href^="https://giasang"]').count() === 1, 'with the evidence link');
  await i2.screenshot({ path: path.join(artifacts, 'plans-item-2-done.png') });
  const stats = await ward.locator('.plan-stats').innerText();
  check(/2\/33/.test(stats), 'the plan counts 2/33 items done (1.1 is done in the demo, and now item 2)');

  // export: the canonical text as an attachment
  const exp = await ward.request.get(`${srv.base}/plans/export?plan=${encodeURIComponent('11-KH/ĐU')}&unit=05461`);
  check(exp.status() === 200 && /^text\/plain; charset=utf-8/.test(exp.headers()['content-type']) &&
    /attachment/.test(exp.headers()['content-disposition']), 'export: text/plain, as an attachment');
  check((await exp.text()).startsWith('plan 11-KH/ĐU\nunit 05461\n'), 'export: the canonical text');

  // the ward's plan on a phone
  const pc = await browser.newContext({ viewport: { width: 375, height: 800 } });
  const phone = await pc.newPage();
  await login(phone, srv.base, 'giasang', 'giasang-matkhau');
  await phone.goto(srv.base + WARD_PLAN);
  check(await phone.evaluate(() => document.documentElement.scrollWidth) <= 375, 'phone (375 px): no horizontal scroll');
  await phone.screenshot({ path: path.join(artifacts, 'plans-phone.png') });
  const secs = (Date.now() - t0) / 1000;
  console.log(`# done in ${secs.toFixed(1)} s`);
});
