// Locked and read-only states before typing, the record form's limits and errors, and the
// approval routing as the approver sees it (issue 12, items 3, 4 and the record form of 7).
//   - routing: Máy Chai (11329, ward of district 304, which has no approver) submits Biểu 6
//     of 2024S1 on 04/12/2026; on 07/12/2026 the city approver's (pheduyet, 31) home lists it
//     under "Báo cáo chờ bạn phê duyệt" with "chờ 3 ngày"; Máy Chai's box says where it goes;
//   - a dialogue of 304 in 2024 (Biểu 5 of 2024 approved) opens as a view: "Đã khóa — Biểu 5,
//     năm 2024 … phê duyệt bởi pheduyet ngày 20/12/2024", no Lưu, no Xóa, no input, no code;
//   - the viewer (xem) gets no form control on /r/dialogues/new, on a record, in the report
//     editor, and no "Thêm mới" on the list;
//   - every text input has maxlength and its limit stated; "Lưu và thêm mới" saves and comes
//     back to an empty form keeping the unit and the date, with "Đã lưu";
//   - all field errors at once (the page and the API's `errors`);
//   - an oversize body is refused before it is sent, and a 413 of the server keeps the form;
//   - a delete refused by a lock that came after the page was opened comes back to the record
//     page with the reason in words.
// Screenshots go to test-artifacts/states-*.png.
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { run, login, check, artifacts } from './lib.mjs';

const shot = (page, name) => page.screenshot({ path: path.join(artifacts, `states-${name}.png`), fullPage: true });

// the enabled controls of the page's POST forms (the period picker's GET form aside)
async function postControls(page) {
  return page.evaluate(() => [...document.querySelectorAll('main form[method=post] :is(input,select,textarea,button)')]
    .filter((e) => e.type !== 'hidden' && !e.disabled && !e.closest('fieldset[disabled]') && !e.readOnly)
    .map((e) => e.name || e.textContent.trim()));
}

async function csrfOf(page) {
  return page.locator('input[name=csrf]').first().getAttribute('value');
}

run('states', async ({ browser, srv }) => {
  const cli = (args) => execFileSync(srv.danvan, args, { encoding: 'utf8' });
  const ctx = async (user, pass) => {
    const c = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const p = await c.newPage();
    await login(p, srv.base, user, pass);
    return p;
  };

  // ---- routing: a grandchild's report reaches the city approver, with its age
  cli(['config', srv.db, 'clock.today', '2026-12-04']);
  cli(['submit', srv.db, '--form', 'bieu-6', '--period', '2024S1', '--unit', '11329', '--user', 'maychai', '--ack']);
  cli(['config', srv.db, 'clock.today', '2026-12-07']);
  const appr = await ctx('pheduyet', 'pheduyet123');
  await appr.goto(`${srv.base}/`);
  const waiting = appr.locator('#waiting li', { hasText: 'Phường Máy Chai — Biểu 6' });
  check(await waiting.count() === 1, 'pheduyet home: "Phường Máy Chai — Biểu 6" under "Báo cáo chờ bạn phê duyệt"');
  check(/chờ 3 ngày/.test(await waiting.innerText()), `pheduyet home: its age "chờ 3 ngày" (${await waiting.innerText()})`);
  await appr.locator('#waiting').screenshot({ path: path.join(artifacts, 'states-waiting.png') });
  const mc = await ctx('maychai', 'maychai123');
  await mc.goto(`${srv.base}/report?form=bieu-7&period=2024S1&unit=11329`);
  const box = await mc.locator('#submission dl.subinfo').innerText();
  check(/Sẽ gửi tới\s*Thành phố Hải Phòng \(người phê duyệt: pheduyet\)/.test(box),
    `Máy Chai's box: "Sẽ gửi tới: Thành phố Hải Phòng (người phê duyệt: pheduyet)" (${box.replace(/\s+/g, ' ')})`);

  // ---- a locked record opens read-only, the lock in words
  const off = await ctx('ngoquyen', 'ngoquyen123');
  const list = await (await off.request.get(`${srv.base}/api/registers/dialogues?unit=304&period=2024`)).json();
  const lockedId = list.records[0].id;
  await off.goto(`${srv.base}/r/dialogues/${lockedId}`);
  const lock = (await off.locator('#lock').innerText()).replace(/\s+/g, ' ');
  check(/Đã khóa — Biểu 5, năm 2024 của Quận Ngô Quyền đã được phê duyệt bởi pheduyet ngày 20\/12\/2024/.test(lock),
    `locked record: "${lock.slice(0, 160)}"`);
  check(/mở lại/.test(lock) && !/bieu-5|kỳ 2024/.test(lock), 'locked record: how to reopen, no internal code');
  check((await postControls(off)).length === 0, `locked record: no control (${await postControls(off)})`);
  check(await off.getByRole('button', { name: /^(Lưu|Xóa)$/ }).count() === 0, 'locked record: no Lưu, no Xóa');
  check(/Quận Ngô Quyền/.test(await off.locator('dl.record-view').innerText()), 'locked record: its values as text');
  await shot(off, 'locked');

  // ---- the viewer sees no control and no "Thêm mới"
  const xem = await ctx('xem', 'xem-dv-123');
  await xem.goto(`${srv.base}/r/dialogues/new`);
  check((await postControls(xem)).length === 0, `viewer /r/dialogues/new: no control (${await postControls(xem)})`);
  check(/chỉ có quyền xem/.test(await xem.locator('main').innerText()), 'viewer /r/dialogues/new: says it reads only');
  await shot(xem, 'viewer-new');
  await xem.goto(`${srv.base}/r/dialogues/${lockedId}`);
  check((await postControls(xem)).length === 0, 'viewer record page: no control');
  await xem.goto(`${srv.base}/r/dialogues`);
  check(await xem.getByRole('link', { name: 'Thêm mới' }).count() === 0, 'viewer list: no "Thêm mới"');
  await xem.goto(`${srv.base}/documents/report?unit=31&period=2023S1`);
  const edFields = await xem.locator('main :is(textarea, input:not([type=hidden])):not(form[method=get] *)').count();
  check(edFields === 0 && await xem.getByRole('button', { name: 'Lưu báo cáo' }).count() === 0,
    `viewer report editor: no field (${edFields}), no "Lưu báo cáo"`);
  check(/chỉ có quyền xem/.test(await xem.locator('main').innerText()) &&
    /Trích yếu/.test(await xem.locator('main').innerText()), 'viewer report editor: the report as text');
  await shot(xem, 'viewer-report');

  // ---- maxlength on every text input, limits stated
  await off.goto(`${srv.base}/r/dialogues/new?unit=304`);
  const nomax = await off.evaluate(() => [...document.querySelectorAll('form.record-form :is(input[type=text][name],textarea)')]
    .filter((e) => !(Number(e.getAttribute('maxlength')) > 0)).map((e) => e.name));
  check(nomax.length === 0, `new dialogue: maxlength on every text input (missing: ${nomax})`);
  check(await off.locator('#f-title').getAttribute('maxlength') === '2000' &&
    await off.locator('#f-issues').getAttribute('maxlength') === '20000', 'title 2000, issues 20000 characters');
  check(/Tối đa 2\.000 ký tự/.test(await off.locator('form.record-form').innerText()), 'the limit stated: "Tối đa 2.000 ký tự"');

  // ---- Lưu và thêm mới
  await off.fill('#f-date', '05/05/2023');
  await off.selectOption('#f-type', 'dinh_ky');
  await off.selectOption('#f-chair', 'cap_uy');
  await off.fill('#f-title', 'Đối thoại với tiểu thương chợ Lạch Tray');
  await off.fill('#f-participants', '42');
  await Promise.all([off.waitForURL(/\/r\/dialogues\/new\?.*saved=/), off.getByRole('button', { name: 'Lưu và thêm mới' }).click()]);
  const saved = await off.locator('#saved').innerText();
  check(/Đã lưu cuộc đối thoại số \d+/.test(saved), `Lưu và thêm mới: "${saved}"`);
  check(await off.inputValue('#f-title') === '' && await off.inputValue('#f-participants') === '', 'Lưu và thêm mới: an empty form');
  check(await off.inputValue('#f-date') === '05/05/2023' && await off.inputValue('select[name=unit]') === '304',
    'Lưu và thêm mới: the unit and the date kept');
  const newId = Number(saved.match(/số (\d+)/)[1]);
  await shot(off, 'saved-and-new');

  // ---- every field error at once, at its field
  await off.fill('#f-date', '31/02/2023');
  await off.fill('#f-title', 'Đối thoại lỗi');
  await off.fill('#f-participants', 'bốn mươi');
  await Promise.all([off.waitForLoadState(), off.getByRole('button', { name: 'Lưu', exact: true }).click()]);
  await off.locator('#errors').waitFor();
  const errs = await off.locator('#errors li').allInnerTexts();
  check(errs.length === 4, `all errors at once: 4 (${errs.join(' | ')})`);
  for (const f of ['date', 'type', 'chair', 'participants'])
    check(await off.locator(`#e-${f}`).count() === 1, `the error of ${f} at its field`);
  check(await off.inputValue('#f-title') === 'Đối thoại lỗi', 'what was typed is kept');
  await shot(off, 'all-errors');
  const csrf = await csrfOf(off);
  const api = await off.request.post(`${srv.base}/api/registers/dialogues`, {
    headers: { 'X-CSRF-Token': csrf },
    data: { date: '2023-13-01', unit: '304', type: 'x', chair: 'cap_uy', title: 'API', participants: 'abc' } });
  const aj = await api.json();
  const fields = (aj.errors || []).map((e) => e.field).sort().join(',');
  check(api.status() === 400 && aj.field === aj.errors?.[0]?.field && fields === 'date,participants,type',
    `API: "field" the first, "errors" all three (${api.status()} ${JSON.stringify(aj).slice(0, 300)})`);

  // a register with steps: the stage (set by its steps) is not among the errors of a new record
  const api2 = await off.request.post(`${srv.base}/api/registers/models`, {
    headers: { 'X-CSRF-Token': csrf }, data: { name: 'Mô hình thử', unit: '304', kind: 'x', field: 'y', year: '20' } });
  const f2 = ((await api2.json()).errors || []).map((e) => e.field).sort().join(',');
  check(api2.status() === 400 && f2 === 'field,kind,year', `API, models: errors of kind, field and year, not the stage (${f2})`);

  // ---- an oversize body: refused before sending, and a 413 keeps the form
  await off.goto(`${srv.base}/r/dialogues/new?unit=304`);
  await off.fill('#f-date', '06/05/2023');
  await off.selectOption('#f-type', 'dinh_ky');
  await off.selectOption('#f-chair', 'cap_uy');
  await off.fill('#f-title', 'Đối thoại rất dài');
  await off.evaluate(() => { const t = document.getElementById('f-issues'); t.removeAttribute('maxlength'); t.value = 'ệ'.repeat(150000); });
  let posts = 0;
  off.on('request', (r) => { if (r.method() === 'POST') posts++; });
  await off.getByRole('button', { name: 'Lưu', exact: true }).click();
  const st = off.locator('form.record-form .form-status');
  await st.waitFor({ state: 'visible' });
  check(/quá lớn/.test(await st.innerText()) && /Ý kiến, kiến nghị Nhân dân nêu/.test(await st.innerText()),
    `checked before sending: "${await st.innerText()}"`);
  check(posts === 0, 'nothing sent');
  await off.evaluate(() => { document.querySelector('form.record-form').setAttribute('data-max-body', '100000000'); });
  const [resp] = await Promise.all([off.waitForResponse((r) => r.request().method() === 'POST'),
    off.getByRole('button', { name: 'Lưu', exact: true }).click()]);
  await off.waitForFunction(() => /Máy chủ từ chối/.test(document.querySelector('.form-status')?.textContent || ''));
  check(resp.status() === 413, `the server answered ${resp.status()}`);
  check(/\/r\/dialogues\/new/.test(off.url()) && await off.inputValue('#f-title') === 'Đối thoại rất dài' &&
    (await off.inputValue('#f-issues')).length === 150000, 'after the 413 the form is kept, as typed');
  await shot(off, '413');

  // ---- a delete refused by a lock come since the page opened: back on the record, in words
  await off.goto(`${srv.base}/r/dialogues/${newId}`);
  check(await off.getByRole('button', { name: 'Xóa' }).count() === 1, 'an open record offers Xóa');
  cli(['submit', srv.db, '--form', 'bieu-5', '--period', '2023S1', '--unit', '304', '--user', 'ngoquyen', '--ack']);
  cli(['approve', srv.db, '--form', 'bieu-5', '--period', '2023S1', '--unit', '304', '--user', 'pheduyet']);
  off.on('dialog', (d) => d.accept());
  await off.check('#f-confirm');
  const [del] = await Promise.all([off.waitForNavigation(), off.getByRole('button', { name: 'Xóa' }).click()]);
  const alert = (await off.locator('#errors').innerText()).replace(/\s+/g, ' ');
  check(del.status() === 409 && /Không xóa được vì số liệu đã khóa: Biểu 5, 6 tháng đầu năm 2023 của Quận Ngô Quyền/.test(alert),
    `refused delete: ${del.status()} "${alert.slice(0, 160)}"`);
  check(await off.locator('h1').innerText() === `Cuộc đối thoại số ${newId}` && await off.locator('#lock').count() === 1 &&
    await off.getByRole('link', { name: '← Đối thoại với Nhân dân' }).count() === 1, 'refused delete: the live record page, now locked');
  await shot(off, 'refused-delete');
});
