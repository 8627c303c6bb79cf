// The report as a document in the browser (issue 6): the editor, the
// figures offered per section, saving, the preview laid out as paper, the
// downloads and printing.
//
// As admin (Hải Phòng, 31), 6 tháng đầu năm 2023: the menu "Báo cáo (văn
// bản)" opens the editor with the seed's header (Số 361, BC/TU, 19/6/2023);
// "Chèn" next to section II.1 appends the sentence with the 196 dialogues (its
// figures linked to Biểu 5) to its text, which is saved and still there after a reload; an impossible date
// is refused with the message under the date field; "Tải DOCX" downloads a
// zip named BaoCao-31-2023S1.docx; the preview shows the header, the
// footnotes and the annexes with their numbers (1.865), and prints without
// the app's chrome (screenshots). The viewer sees the texts as text (no field); the
// officer of Quận Ngô Quyền (304) gets 403 for the city's report.
// Screenshots go to test-artifacts/documents-*.png.
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { run, login, check, artifacts } from './lib.mjs';

const EDITOR = '/documents/report?unit=31&period=2023S1';
const PREVIEW = '/documents/report/preview?unit=31&period=2023S1';
const area = (page, key) => page.locator(`textarea[id="f-sec-${key}"]`);
const count = (s, sub) => s.split(sub).length - 1;

await run('documents', async ({ browser, srv }) => {
  const t0 = Date.now();
  const ac = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const admin = await ac.newPage();
  const errors = [];
  admin.on('pageerror', (e) => errors.push(e.message));
  await login(admin, srv.base, 'admin', 'admin-dv-123');

  // --- the editor
  await Promise.all([admin.waitForNavigation(), admin.click('header.top nav a:text-is("Báo cáo (văn bản)")')]);
  check(/\/documents\/report$/.test(admin.url()), 'the menu entry "Báo cáo (văn bản)" opens the editor');
  // the half-year of today in Vietnam (calendar periods: the demo sets no cutoff day), not the demo's 2023S1
  const vn = new Date(Date.now() + 7 * 3600e3);
  const half = `${vn.getUTCFullYear()}S${vn.getUTCMonth() < 6 ? 1 : 2}`;
  check(await admin.locator('#f-unit').inputValue() === '31' && await admin.locator('#f-period').inputValue() === half,
    `it defaults to the user's unit (31) and today's half-year (${half})`);
  await admin.goto(srv.base + '/documents/report?unit=31&period=2023S1');
  check(await admin.inputValue('#f-number') === '361' && await admin.inputValue('#f-symbol') === 'BC/TU',
    'the seed\'s header: Số 361, ký hiệu BC/TU');
  check(await admin.inputValue('#f-date') === '19/06/2023' && await admin.inputValue('#f-place') === 'Hải Phòng',
    'ngày ban hành 19/06/2023 (typed dd/mm/yyyy, no native picker), nơi ban hành Hải Phòng');
  check(/T\/M BAN THƯỜNG VỤ/.test(await admin.inputValue('#f-sign_on_behalf')) &&
    await admin.inputValue('#f-sign_name') === 'Đỗ Mạnh Hiến', 'the signature: T/M BAN THƯỜNG VỤ, Đỗ Mạnh Hiến');
  check(await admin.locator('h2.ed-part', { hasText: 'Phần thứ nhất' }).count() === 1 &&
    /KẾT QUẢ CÔNG TÁC DÂN VẬN 6 THÁNG ĐẦU NĂM 2023/.test(await admin.locator('h2.ed-part').first().innerText()),
    'the group heading "Phần thứ nhất / KẾT QUẢ … 6 THÁNG ĐẦU NĂM 2023" above the first section');
  check(await admin.locator('textarea.ed-area').count() === 11, 'one textarea per section of the outline (11)');

  const sec = admin.locator('[id="sec-p1.II.1"]');
  const fig = sec.locator('aside.ed-figs li', { hasText: '196 cuộc đối thoại' });
  check(await fig.count() === 1, 'section II.1 offers the sentence with the 196 dialogues');
  const sentence = (await fig.locator('p.fig-text').innerText()).trim();
  check(/^Toàn thành phố đã tổ chức được 196 cuộc đối thoại/.test(sentence), `the sentence: "${sentence.slice(0, 60)}…"`);
  const before = await area(admin, 'p1.II.1').inputValue();
  await sec.screenshot({ path: path.join(artifacts, 'documents-editor-section.png') });
  await fig.locator('button', { hasText: 'Chèn' }).click();
  const after = await area(admin, 'p1.II.1').inputValue();
  // the sentence goes in with its figures' links ({{196|bieu-5:tong:13}}), printed as the numbers
  const linked = await fig.locator('button', { hasText: 'Chèn' }).getAttribute('data-text');
  const unlinked = linked.replace(/\{\{([-0-9.,]+)\|[^}]*\}\}/g, '$1');
  check(linked.includes('{{196|bieu-5:tong:13}}') && unlinked === sentence && after.endsWith('\n' + linked) &&
    count(after, '{{196|bieu-5:tong:13}} cuộc đối thoại') === count(before, '{{196|bieu-5:tong:13}} cuộc đối thoại') + 1,
    '"Chèn" appends the sentence, its figures linked to the annex, to the section\'s text as a new paragraph');
  await Promise.all([admin.waitForNavigation(), admin.click('button:text-is("Lưu báo cáo")')]);
  check(/Đã lưu báo cáo/.test(await admin.locator('p.ok').innerText()), 'saving confirms "Đã lưu báo cáo."');
  await admin.reload();
  check((await area(admin, 'p1.II.1').inputValue()).endsWith(linked), 'after a reload the sentence is still there');
  check(/Lưu lần cuối: .* bởi admin/.test(await admin.locator('main').innerText()), 'the page says who saved last');

  // an impossible date
  await admin.fill('#f-date', '31/02/2023');
  const [resp] = await Promise.all([admin.waitForNavigation(), admin.click('button:text-is("Lưu báo cáo")')]);
  check(resp.status() === 422, 'a bad date is refused (422)');
  const dateErr = admin.locator('#e-date');
  check(await dateErr.isVisible() && /Ngày ban hành không hợp lệ: 31\/02\/2023 \(dạng ngày\/tháng\/năm\)/.test(await dateErr.innerText()),
    'the message stands under the date field');
  check(await admin.getAttribute('#f-date', 'aria-invalid') === 'true', 'and the field is marked invalid');
  check(/Chưa lưu được báo cáo/.test(await admin.locator('#errors').innerText()), 'the summary above says nothing was saved');
  await admin.locator('fieldset.ed-head').screenshot({ path: path.join(artifacts, 'documents-editor-error.png') });

  // --- the DOCX through the page's link
  await admin.goto(srv.base + EDITOR);
  const [download] = await Promise.all([admin.waitForEvent('download'), admin.click('a:text-is("Tải DOCX")')]);
  const file = readFileSync(await download.path());
  check(file.subarray(0, 2).toString() === 'PK' && file.length > 5000, `"Tải DOCX" gives a zip (${file.length} bytes)`);
  check(download.suggestedFilename() === 'BaoCao-31-2023S1.docx', 'named BaoCao-31-2023S1.docx');
  const head = await admin.request.get(srv.base + '/documents/report.docx?unit=31&period=2023S1');
  check(/^attachment; filename="BaoCao-31-2023S1\.docx"$/.test(head.headers()['content-disposition'] || '') &&
    /wordprocessingml\.document/.test(head.headers()['content-type']),
    'Content-Disposition: attachment with the file name, the DOCX MIME type');

  // --- the preview
  await Promise.all([admin.waitForNavigation(), admin.click('a:text-is("Xem trước và in")')]);
  const doc = admin.locator('article.odoc');
  check(/Số 361-BC\/TU/.test(await doc.locator('.od-head').innerText()) &&
    /Hải Phòng, ngày 19 tháng 6 năm 2023/.test(await doc.locator('.od-date').innerText()),
    'the preview\'s header: Số 361-BC/TU, Hải Phòng, ngày 19 tháng 6 năm 2023');
  check((await doc.locator('.od-text').innerText()).includes(sentence), 'the saved sentence is in the text');
  check(await doc.locator('.od-notes li').count() > 10 && await doc.locator('sup.od-fnref').count() ===
    await doc.locator('.od-notes li').count(), 'footnotes: each reference has its numbered note');
  check(/Đỗ Mạnh Hiến/.test(await doc.locator('.od-signer').innerText()) &&
    /Ban Dân vận Trung ương,/.test(await doc.locator('.od-recipients').innerText()), 'Nơi nhận and the signature');
  const annexes = doc.locator('section.od-annex');
  check(await annexes.count() === 7, 'seven annexes follow');
  const b1 = annexes.first();
  check(/\(Kèm theo Báo cáo số 361-BC\/TU, ngày 19\/6\/2023 của Ban Thường vụ Thành ủy Hải Phòng\)/.test(
    await b1.locator('.od-attached').innerText()), 'each with its "(Kèm theo Báo cáo số 361-BC/TU, ngày 19/6/2023 …)" line');
  check(await b1.locator('thead th[colspan]').count() > 3, 'Biểu 1\'s table has merged header cells');
  check(await b1.locator('td.num', { hasText: /^1\.865$/ }).count() === 1, 'Biểu 1 shows 1.865 (people at its meetings)');
  check(/Thành ủy Hải Phòng/.test(await annexes.nth(3).locator('.od-atitle').innerText()), 'Biểu 4\'s title names the committee');
  check(await admin.locator('button[data-print]').isVisible(), 'the "In" button is there on screen');
  await admin.screenshot({ path: path.join(artifacts, 'documents-preview.png') });

  await admin.emulateMedia({ media: 'print' });
  check(!(await admin.locator('header.top').isVisible()) && !(await admin.locator('.od-toolbar').isVisible()),
    'print: the menu and the toolbar are hidden');
  check(/Times New Roman/.test(await doc.evaluate((e) => getComputedStyle(e).fontFamily)), 'print: Times New Roman');
  await admin.screenshot({ path: path.join(artifacts, 'documents-preview-print.png') });
  await b1.screenshot({ path: path.join(artifacts, 'documents-preview-annex-print.png') });
  await admin.emulateMedia({ media: 'screen' });

  // an annex page in print
  await admin.goto(`${srv.base}/report?form=bieu-5&period=2023S1&unit=31`);
  check(await admin.locator('button[data-print]').isVisible(), 'the annex page has an "In" button');
  await admin.emulateMedia({ media: 'print' });
  check(!(await admin.locator('header.top').isVisible()) && !(await admin.locator('form.filters').isVisible()) &&
    !(await admin.locator('.subbox').isVisible()), 'print: the annex page hides the menu, the selectors and the status box');
  await admin.screenshot({ path: path.join(artifacts, 'documents-annex-print.png'), fullPage: true });
  await admin.emulateMedia({ media: 'screen' });
  check(errors.length === 0, `no script errors (${errors.join('; ')})`);

  // --- the viewer reads, the officer of another unit is refused
  const vc = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const viewer = await vc.newPage();
  await login(viewer, srv.base, 'xem', 'xem-dv-123');
  await viewer.goto(srv.base + EDITOR);
  check(await viewer.locator('main textarea').count() === 0 &&
    (await viewer.locator('#sec-p1\\.II\\.1 .ro-value').innerText()).length > 0 &&
    await viewer.locator('button:text-is("Lưu báo cáo")').count() === 0 &&
    !(await viewer.locator('button.fig-insert').first().isVisible()), 'the viewer: the texts as text (no field), no save, no "Chèn"');
  const oc = await browser.newContext();
  const officer = await oc.newPage();
  await login(officer, srv.base, 'ngoquyen', 'ngoquyen123');
  const r403 = await officer.goto(srv.base + EDITOR);
  check(r403.status() === 403, 'the officer of 304 gets 403 for unit 31\'s editor');
  const own = await officer.goto(srv.base + '/documents/report');
  check(own.status() === 200 && /Quận Ngô Quyền/.test(await officer.locator('h1, .kicker').first().innerText() +
    await officer.locator('.kicker').innerText()), 'and opens the report of Quận Ngô Quyền');
  check(await officer.inputValue('#f-symbol') === 'BC/QU' && await officer.inputValue('#f-number') === '',
    'its defaults: ký hiệu BC/QU, no number yet');
  console.log(`# ${Date.now() - t0} ms`);
});
