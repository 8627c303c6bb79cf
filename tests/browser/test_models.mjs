// A "Dân vận khéo" model through its stages in the browser (issue 4): the
// officer of Phường Máy Chai (11329) registers a model through the form; an
// approver of the district above (Quận Ngô Quyền, 304), created here with
// the CLI, moves it registered → appraising → recognised. The officer sees
// no stage form and a forged POST of either step is refused with 403.
// Biểu 3 of 11329 for 2023S1 then counts the model: registered +1 and
// "Số mô hình được công nhận trong năm — Tập thể" 1. Screenshots go to
// test-artifacts/.
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { run, login, check, artifacts } from './lib.mjs';

const UNIT = '11329';
const PERIOD = '2023S1';
const NAME = 'Mô hình "Chợ văn minh, an toàn" phường Máy Chai';

// "1.865" -> 1865, "" -> 0 (blank: no data)
function num(s) {
  s = s.trim();
  return s === '' ? 0 : Number(s.replace(/\./g, '').replace(',', '.'));
}

// Biểu 3 of the commune: [registered total, recognised (tập thể)] as shown,
// checking that the second column is the one the form names
async function bieu3(page) {
  await page.goto(`${page.base}/report?form=bieu-3&unit=${UNIT}&period=${PERIOD}`);
  const head = await page.locator('table.annex thead').innerText();
  check(/Số mô hình được công nhận trong năm/.test(head) && /Tập thể/.test(head), 'Biểu 3 has the column "Số mô hình được công nhận trong năm — Tập thể"');
  const cells = await page.locator('table.annex tbody tr').first().locator('td').allInnerTexts();
  return { registered: num(cells[0]), recognisedRaw: cells[1].trim(), recognised: num(cells[1]) };
}

// the steps the record page offers (the options of its stage form)
async function stageButtons(page) {
  return page.locator('form.stage-form select[name=to] option').evaluateAll((os) => os.map((o) => o.value));
}

// a POST of the stage form that the page did not offer, with a valid CSRF token
async function forgedMove(page, id, to) {
  const csrf = await page.locator('input[name=csrf]').first().inputValue();
  const r = await page.request.post(`${page.base}/r/models/${id}/stage`, {
    form: { csrf, to, stage_date: '20/06/2023', comment: 'thử chuyển bước trái quyền' }, maxRedirects: 0,
  });
  return r.status();
}

async function move(page, id, to, date, comment) {
  await page.goto(`${page.base}/r/models/${id}`);
  await page.selectOption('form.stage-form select[name=to]', to);
  await page.fill('#f-stage_date', date);
  await page.fill('#f-comment', comment);
  await Promise.all([page.waitForNavigation(), page.click('form.stage-form button[type=submit]')]);
  check(/\?moved=1/.test(page.url()), `approver: moved the model to ${to}`);
}

await run('models', async ({ browser, srv }) => {
  const t0 = Date.now();
  // the approver of the district above the commune
  execFileSync(srv.danvan, ['user', 'add', srv.db, '--login', 'duyet304', '--unit', '304', '--role', 'approver'],
    { input: 'duyet304-matkhau\n', stdio: ['pipe', 'ignore', 'inherit'] });

  const officerCtx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const officer = await officerCtx.newPage();
  officer.base = srv.base;
  await login(officer, srv.base, 'maychai', 'maychai123');
  const before = await bieu3(officer);

  // register through the generated form
  await officer.goto(`${srv.base}/r/models/new?unit=${UNIT}`);
  await officer.fill('#f-name', NAME);
  await officer.selectOption('#f-kind', 'tap_the');
  await officer.selectOption('#f-field', 'kinh_te');
  await officer.check('input[name=areas][value=do_thi]');
  await officer.fill('#f-year', '2023');
  await officer.fill('#f-goals', '100% hộ kinh doanh ký cam kết; không còn lấn chiếm lòng đường');
  await officer.screenshot({ path: path.join(artifacts, 'models-register.png'), fullPage: true });
  await Promise.all([officer.waitForNavigation(), officer.click('form.stack button.primary')]);
  const m = officer.url().match(/\/r\/models\/(\d+)\?saved=1$/);
  check(m !== null, `officer: model saved through the form (${officer.url()})`);
  const id = m[1];
  check((await officer.locator('p.stage').innerText()).includes('Đã đăng ký'), 'the new model is at "Đã đăng ký"');
  check((await stageButtons(officer)).length === 0, 'officer: no stage form on the registered model');
  check(await forgedMove(officer, id, 'appraising') === 403, 'officer: a forged POST to "appraising" gets 403');

  const mid = await bieu3(officer);
  check(mid.registered === before.registered + 1, `Biểu 3: registered ${before.registered} -> ${mid.registered}`);

  // the district approver appraises
  const approverCtx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const approver = await approverCtx.newPage();
  approver.base = srv.base;
  await login(approver, srv.base, 'duyet304', 'duyet304-matkhau');
  await approver.goto(`${srv.base}/r/models/${id}`);
  const b1 = await stageButtons(approver);
  check(JSON.stringify(b1) === '["appraising"]', `approver: one step offered, "Đang thẩm định" (got ${b1})`);
  await approver.screenshot({ path: path.join(artifacts, 'models-approver-steps.png'), fullPage: true });
  await move(approver, id, 'appraising', '15/06/2023', 'Hồ sơ đăng ký đầy đủ, đưa vào thẩm định');

  // the officer still cannot recognise it
  await officer.goto(`${srv.base}/r/models/${id}`);
  check((await stageButtons(officer)).length === 0, 'officer: no stage form on the model under appraisal');
  check(await forgedMove(officer, id, 'recognised') === 403, 'officer: a forged POST to "recognised" gets 403');

  // the approver recognises it
  await approver.goto(`${srv.base}/r/models/${id}`);
  const b2 = await stageButtons(approver);
  check(JSON.stringify(b2.sort()) === '["not_recognised","recognised"]', `approver: "recognised" and "not recognised" offered (got ${b2})`);
  await move(approver, id, 'recognised', '28/06/2023', 'Đạt tiêu chí mô hình "Dân vận khéo" năm 2023');
  const hist = await approver.locator('#stages table tbody tr').allInnerTexts();
  check(hist.length === 2 && /duyet304/.test(hist[0]) && /duyet304/.test(hist[1]),
    `the history has both steps, by duyet304 (${hist.length} rows)`);
  check(hist.some((r) => r.includes('15/06/2023') && r.includes('Đang thẩm định')) &&
    hist.some((r) => r.includes('28/06/2023') && r.includes('Được công nhận')), 'the history shows the dates and stages');
  check(JSON.stringify(await stageButtons(approver)) === '["commended"]', 'approver: after recognition only "commended" may follow');
  await approver.screenshot({ path: path.join(artifacts, 'models-recognised.png'), fullPage: true });

  // Biểu 3 counts it
  const after = await bieu3(officer);
  check(after.registered === before.registered + 1, `Biểu 3: registered total grew by 1 (${before.registered} -> ${after.registered})`);
  check(after.recognised === before.recognised + 1 && after.recognisedRaw === String(before.recognised + 1),
    `Biểu 3: recognised (tập thể) is ${before.recognised + 1} (was "${before.recognisedRaw}", now "${after.recognisedRaw}")`);
  check(after.recognised === 1, 'Biểu 3: "Số mô hình được công nhận trong năm — Tập thể" is 1');
  await officer.screenshot({ path: path.join(artifacts, 'models-bieu-3.png'), fullPage: true });

  // the record page on a phone, as the approver
  const phone = await approverCtx.newPage();
  await phone.setViewportSize({ width: 375, height: 800 });
  await phone.goto(`${srv.base}/r/models/${id}`);
  await phone.screenshot({ path: path.join(artifacts, 'models-record-phone.png'), fullPage: true });

  await officerCtx.close();
  await approverCtx.close();
  console.log(`# finished in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
});
