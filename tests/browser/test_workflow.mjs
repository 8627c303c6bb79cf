// The reporting cycle in the browser (issue 5): Phường Máy Chai (11329,
// officer maychai) submits Biểu 5 for 2023S1; an approver of the district
// above (Quận Ngô Quyền, 304), created here with the CLI, returns it with a
// comment; maychai reads the comment, adds the missing dialogue through
// /r/dialogues/new, acknowledges the annex's warning and resubmits; the
// approver approves, which locks the period: another dialogue for 11329 in
// 2023S1 is refused with the lock message, and the entry page says "Đã
// khóa"; the approver reopens. At each step the home page (dashboard) of
// both users and /completeness of 304 show the state. The clock is set to
// 12/06/2023 (before the 15/06 deadline) so the submission is on time.
// Screenshots go to test-artifacts/workflow-*.png.
import path from 'node:path';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import { run, login, check, artifacts } from './lib.mjs';

const UNIT = '11329';
const PERIOD = '2023S1';
const ANNEX = `/report?form=bieu-5&period=${PERIOD}&unit=${UNIT}`;
const COMMENT = 'Còn thiếu cuộc đối thoại định kỳ tháng 6 với tiểu thương chợ Máy Chai, đề nghị bổ sung vào sổ';
const REOPEN = 'Mở lại để đơn vị bổ sung số người tham dự';

async function shot(page, name) {
  await page.screenshot({ path: path.join(artifacts, `workflow-${name}.png`), fullPage: true });
}

// the text of the "Biểu 5" row of the home page's "Báo cáo cần gửi"
async function owedRow(page) {
  await page.goto(`${page.base}/`);
  return (await page.locator('#reports-due tbody tr', { has: page.locator('th', { hasText: /^\s*Biểu 5\s*$/ }) }).innerText()).trim();
}

// the counts of the "Biểu 5" row of the approver's "Tình hình gửi báo cáo của đơn vị cấp dưới"
async function childCounts(page) {
  await page.goto(`${page.base}/`);
  const row = page.locator('#children-reports tbody tr', { has: page.locator('th', { hasText: /^\s*Biểu 5\s*$/ }) });
  const get = async (label) => Number((await row.locator(`td[data-label="${label}"]`).innerText()).trim());
  return { pending: await get('Chờ duyệt'), returned: await get('Bị trả lại'), approved: await get('Đã duyệt'),
    onTime: await get('Đúng hạn') };
}

// the status cell of Máy Chai on /completeness of 304 for Biểu 5
async function completenessRow(page) {
  await page.goto(`${page.base}/completeness?form=bieu-5&period=${PERIOD}&unit=304`);
  return (await page.locator('table.completeness tbody tr', { has: page.locator('th', { hasText: 'Phường Máy Chai' }) }).innerText()).trim();
}

async function boxStatus(page) {
  return (await page.locator('#submission dl.subinfo').innerText()).trim();
}

// submits the step form of the box whose hidden action is `action`
async function step(page, action, comment) {
  const form = page.locator(`#submission form:has(input[name=action][value=${action}])`);
  if (comment !== undefined) await form.locator('textarea[name=comment]').fill(comment);
  const [resp] = await Promise.all([page.waitForNavigation(), form.locator('button[type=submit]').click()]);
  return resp;
}

// a POST of /submission with a valid CSRF token, as the page would send it
async function post(page, fields) {
  const csrf = await page.locator('input[name=csrf]').first().inputValue();
  const r = await page.request.post(`${page.base}/submission`, {
    form: { csrf, form: 'bieu-5', period: PERIOD, unit: UNIT, ...fields }, maxRedirects: 0,
  });
  return { status: r.status(), text: await r.text() };
}

async function newDialogue(page, date, title) {
  await page.goto(`${page.base}/r/dialogues/new?unit=${UNIT}`);
  await page.fill('#f-date', date);
  await page.selectOption('#f-unit', UNIT);
  await page.selectOption('#f-type', 'dinh_ky');
  await page.selectOption('#f-chair', 'cap_uy');
  await page.fill('#f-title', title);
  await page.fill('#f-participants', '85');
  const [resp] = await Promise.all([page.waitForNavigation(), page.click('form.stack button.primary')]);
  return resp;
}

await run('workflow', async ({ browser, srv }) => {
  const t0 = Date.now();
  const cli = (args, input) => execFileSync(srv.danvan, args, { input, stdio: ['pipe', 'ignore', 'inherit'] });
  cli(['user', 'add', srv.db, '--login', 'duyet304', '--unit', '304', '--role', 'approver'], 'duyet304-matkhau\n');
  cli(['config', srv.db, 'clock.today', '2023-06-12']);
  // a hand-entered count for 11329 that the dialogue added below will contradict: a warning to acknowledge
  const dir = mkdtempSync(path.join(tmpdir(), 'danvan-workflow-'));
  writeFileSync(path.join(dir, 'v.csv'), `element,combo,period,unit,value\ndialogues,dinh_ky.cap_uy,${PERIOD},${UNIT},2\n`);
  cli(['import', 'values', srv.db, path.join(dir, 'v.csv')]);
  rmSync(dir, { recursive: true, force: true });

  const oc = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const officer = await oc.newPage();
  officer.base = srv.base;
  await login(officer, srv.base, 'maychai', 'maychai123');
  const ac = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const approver = await ac.newPage();
  approver.base = srv.base;
  await login(approver, srv.base, 'duyet304', 'duyet304-matkhau');

  // draft
  check(/Chưa gửi/.test(await owedRow(officer)), 'maychai dashboard: Biểu 5 "Chưa gửi"');
  check(/Chưa đến hạn/.test(await owedRow(officer)), 'maychai dashboard: the deadline 15/06/2023 is still ahead ("Chưa đến hạn")');
  let k = await childCounts(approver);
  check(k.pending === 0 && k.approved === 0, 'approver dashboard: nothing waiting for approval yet');

  // 1. submit
  await officer.goto(srv.base + ANNEX);
  check(/Chưa gửi/.test(await boxStatus(officer)) && /15\/06\/2023/.test(await boxStatus(officer)),
    'annex box: "Chưa gửi", deadline 15/06/2023');
  check(await officer.locator('#submission input[name=action][value=approve]').count() === 0,
    'maychai is offered no approve step');
  check((await post(officer, { action: 'approve' })).status === 403, 'maychai: a forged approve is refused (403)');
  await step(officer, 'submit', 'Gửi lần đầu');
  check(/done=submit/.test(officer.url()), 'maychai submitted Biểu 5');
  check(/Đã gửi/.test(await boxStatus(officer)) && /Đúng hạn/.test(await boxStatus(officer)) && /maychai/.test(await boxStatus(officer)),
    'annex box: "Đã gửi", on time, by maychai');
  await shot(officer, '1-submitted');
  check(/Đã gửi/.test(await owedRow(officer)), 'maychai dashboard: Biểu 5 "Đã gửi"');
  k = await childCounts(approver);
  check(k.pending === 1 && k.onTime === 1, `approver dashboard: 1 waiting for approval, 1 on time (${JSON.stringify(k)})`);
  check(/Phường Máy Chai — Biểu 5/.test(await approver.locator('#waiting ul.pending').innerText()),
    'approver dashboard: "Phường Máy Chai — Biểu 5" in "Báo cáo chờ bạn phê duyệt"');
  await shot(approver, '2-approver-dashboard');
  check(/Đã gửi/.test(await completenessRow(approver)) && /Đúng hạn/.test(await completenessRow(approver)),
    '/completeness of 304: Máy Chai "Đã gửi", "Đúng hạn"');
  const counts = await approver.locator('ul.state-counts').innerText();
  check(/Đúng hạn\s*1/.test(counts) && /Chưa đến hạn\s*7/.test(counts), `/completeness of 304: counts per state (${counts.replace(/\s+/g, ' ')})`);
  check(await approver.locator('svg.sbar').count() >= 2, '/completeness draws its SVG bars');
  await shot(approver, '3-completeness');

  // 2. return with a comment (required)
  await approver.goto(srv.base + ANNEX);
  const noComment = await post(approver, { action: 'return', comment: '' });
  check(noComment.status === 400 && /lý do/.test(noComment.text), 'approver: a return without a comment is refused (400)');
  await step(approver, 'return', COMMENT);
  check(/Bị trả lại/.test(await boxStatus(approver)) && (await boxStatus(approver)).includes(COMMENT),
    'annex box: "Bị trả lại" with the comment');
  k = await childCounts(approver);
  check(k.returned === 1 && k.pending === 0, 'approver dashboard: 1 returned, none waiting');

  // 3. maychai reads the comment, fixes, resubmits
  const owed = await owedRow(officer);
  check(/Bị trả lại/.test(owed) && owed.includes(COMMENT) && /Sửa và gửi lại/.test(owed),
    'maychai dashboard: Biểu 5 "Bị trả lại", the comment and "Sửa và gửi lại"');
  await shot(officer, '4-returned-dashboard');
  await officer.goto(srv.base + ANNEX);
  check((await boxStatus(officer)).includes(COMMENT), 'maychai sees the comment on the annex');
  const saved = await newDialogue(officer, '10/06/2023', 'Đối thoại với tiểu thương chợ Máy Chai về trật tự, vệ sinh chợ');
  check(saved.status() === 200 && /\/r\/dialogues\/\d+\?saved=1$/.test(officer.url()), 'maychai added the dialogue for 11329 in 2023S1');
  await officer.goto(srv.base + ANNEX);
  const warn = await officer.locator('#submission .sub-warnings').innerText();
  check(/nhập tay 2 nhưng sổ theo dõi ghi 1/.test(warn), 'annex box lists the warning (hand-entered 2, register 1)');
  check(await officer.locator('#f-ack').count() === 1, 'the submit step has the "Tôi đã xem các cảnh báo" checkbox');
  const noAck = await post(officer, { action: 'submit' });
  check(noAck.status === 409 && /cảnh báo/.test(noAck.text), 'a resubmit without acknowledging the warning is refused (409)');
  await officer.check('#f-ack');
  await step(officer, 'submit');
  check(/Đã gửi/.test(await boxStatus(officer)), 'maychai resubmitted (warning acknowledged)');
  check(/Đã gửi/.test(await owedRow(officer)), 'maychai dashboard: Biểu 5 "Đã gửi" again');

  // 4. approve
  await approver.goto(srv.base + ANNEX);
  await step(approver, 'approve', 'Số liệu khớp sổ theo dõi');
  const approved = await boxStatus(approver);
  check(/Đã phê duyệt/.test(approved) && /Đã khóa/.test(approved) && /duyet304/.test(approved), 'annex box: "Đã phê duyệt", "Đã khóa", by duyet304');
  await shot(approver, '5-approved');
  k = await childCounts(approver);
  check(k.approved === 1 && k.pending === 0, 'approver dashboard: 1 approved');
  check(/Đã phê duyệt/.test(await completenessRow(approver)), '/completeness of 304: Máy Chai "Đã phê duyệt"');
  check(/Đã phê duyệt/.test(await owedRow(officer)), 'maychai dashboard: Biểu 5 "Đã phê duyệt"');

  // 5. the period is locked for 11329
  const refused = await newDialogue(officer, '20/06/2023', 'Đối thoại bổ sung sau khi đã phê duyệt');
  const alert = await officer.locator('#errors').innerText();
  check(refused.status() === 409 && /đã khóa/.test(alert) && /Phường Máy Chai/.test(alert),
    `another dialogue for 11329 in 2023S1 is refused with the lock message (${refused.status()}: ${alert.trim()})`);
  await shot(officer, '6-locked-dialogue');
  await officer.goto(`${srv.base}/entry?form=bieu-5&period=${PERIOD}&unit=${UNIT}`);
  check(/Đã khóa/.test(await officer.locator('.locked-banner').innerText()), 'the entry page shows the "Đã khóa" banner');
  check(await officer.locator('form.entry button.primary').count() === 0, 'the entry page offers no save button');

  // 6. reopen (audited)
  await approver.goto(srv.base + ANNEX);
  let asked = '';
  approver.once('dialog', (d) => { asked = d.message(); d.accept(); });
  await step(approver, 'reopen', REOPEN);
  check(/Mở lại báo cáo đã phê duyệt/.test(asked), 'the reopen asks for confirmation first');
  const reopened = await boxStatus(approver);
  check(/Bị trả lại/.test(reopened) && reopened.includes(REOPEN) && !/Đã khóa/.test(reopened), 'reopened: "Bị trả lại" with the reason, no longer locked');
  const owedAfter = await owedRow(officer);
  check(/Bị trả lại/.test(owedAfter) && owedAfter.includes(REOPEN), 'maychai dashboard: Biểu 5 "Bị trả lại" after the reopen');
  k = await childCounts(approver);
  check(k.returned === 1 && k.approved === 0, 'approver dashboard: 1 returned after the reopen');
  const again = await newDialogue(officer, '20/06/2023', 'Đối thoại bổ sung sau khi mở lại');
  check(again.status() === 200 && /saved=1$/.test(officer.url()), 'after the reopen a dialogue for 11329 in 2023S1 is accepted');

  // the phone view of the officer's dashboard and the annex box
  const phone = await browser.newContext({ viewport: { width: 375, height: 800 } });
  const p = await phone.newPage();
  await login(p, srv.base, 'maychai', 'maychai123');
  check(await p.evaluate(() => document.documentElement.scrollWidth) <= 375, 'phone: the dashboard fits 375 px');
  await p.screenshot({ path: path.join(artifacts, 'workflow-7-phone-dashboard.png'), fullPage: true });
  await p.goto(srv.base + ANNEX);
  await p.locator('#submission').screenshot({ path: path.join(artifacts, 'workflow-8-phone-box.png') });
  await phone.close();
  const secs = (Date.now() - t0) / 1000;
  console.log(`# the workflow ran in ${secs.toFixed(1)} s`);
});
