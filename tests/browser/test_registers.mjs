// A browser test per register (issue 3): log in as the officer of Quận Ngô
// Quyền (unit 304), add one record for 304 in 2023S1 through the generated
// form, then open the annex that counts it and check that its cells moved
// by exactly what the record carries. Biểu 1 (committee), Biểu 2 (Ban Dân
// vận), Biểu 4 (the committee's documents), Biểu 6 (supervisions) and
// Biểu 7 (social criticism) are all covered. One screenshot per register.
import path from 'node:path';
import { run, login, check, artifacts } from './lib.mjs';

const UNIT = '304';
const PERIOD = '2023S1';

// "1.865" -> 1865, "" -> 0 (blank: no data yet), "17/24" -> [17, 24]
function num(s) {
  s = s.trim();
  if (s.includes('/')) return s.split('/').map(num);
  return s === '' ? 0 : Number(s.replace(/\./g, '').replace(',', '.'));
}

// the text of the value cells of one row of the annex: the first row of a
// one-row annex (Biểu 1, 2), or the row whose header is `label` (Biểu 6, 7)
async function annexRow(page, form, label) {
  await page.goto(`${page.base}/report?form=${form}&unit=${UNIT}&period=${PERIOD}`);
  const rows = page.locator('table.annex tbody tr');
  const row = label ? rows.filter({ has: page.locator('th', { hasText: new RegExp(`^\\s*${label}\\s*$`) }) }).first()
    : rows.first();
  return (await row.locator('td').allInnerTexts()).map(num);
}

// fills the generated form: text inputs and textareas by id, selects by
// value, set fields by checking their boxes
async function fillForm(page, reg, values) {
  await page.goto(`${page.base}/r/${reg}/new?unit=${UNIT}`);
  for (const [name, v] of Object.entries(values)) {
    if (Array.isArray(v)) {
      for (const code of v) await page.check(`input[name="${name}"][value="${code}"]`);
      continue;
    }
    const el = page.locator(`#f-${name}`);
    const tag = await el.evaluate((e) => e.tagName);
    if (tag === 'SELECT') await el.selectOption(v);
    else await el.fill(v);
  }
  await Promise.all([page.waitForNavigation(), page.click('form.stack button.primary')]);
  const saved = await page.locator('p.ok').count();
  const err = saved ? '' : await page.locator('.alert').first().innerText().catch(() => '(no message)');
  check(saved === 1 && /\/r\/[a-z]+\/\d+\?saved=1$/.test(page.url()), `${reg}: record saved through the form ${err}`);
  await page.screenshot({ path: path.join(artifacts, `register-${reg}.png`), fullPage: true });
}

// column k of the form file (1-based) is td index k-1
function delta(before, after, cols) {
  return cols.map((k) => {
    const a = after[k - 1], b = before[k - 1];
    return Array.isArray(a) ? a.map((x, i) => x - b[i]).join('/') : a - b;
  });
}

const cases = [
  {
    reg: 'conferences', form: 'bieu-1', cols: [1, 2, 3, 4],
    values: { date: '15/03/2023', unit: UNIT, chaired_by: 'cap_uy', title: 'Hội nghị tập huấn kỹ năng dân vận khéo', participants: '1.040' },
    expect: [1, 1040, 1, 1040],
  },
  {
    reg: 'documents', form: 'bieu-1', cols: [7, 8],
    values: { kind: 'NQ', symbol: '99-NQ/QU', date: '16/03/2023', unit: UNIT, issued_by: 'cap_uy', summary: 'Nghị quyết thử nghiệm về công tác dân vận', fields: ['dan_toc', 'ton_giao'] },
    expect: [1, 1],
  },
  {
    reg: 'inspections', form: 'bieu-2', cols: [16, 17, 18, 19, 20, 21],
    values: { kind: 'kiem_tra', date: '17/03/2023', unit: UNIT, conducted_by: 'ban_dan_van', subject: 'Kiểm tra thực hiện Quy chế dân chủ ở cơ sở', party_orgs: '3', party_members: '27' },
    expect: [1, 3, 27, 1, 3, 27],
  },
  {
    reg: 'letters', form: 'bieu-1', cols: [28, 29, 31, 32],
    values: { received: '20/03/2023', unit: UNIT, kind: 'kien_nghi', eligible: 'yes', status: 'resolved', resolved: '30/03/2023', sender_name: 'Nguyễn Văn Thử', sender_address: 'Phường Máy Chai' },
    expect: [1, 1, 1, 1],
  },
  {
    reg: 'receptions', form: 'bieu-1', cols: [34, 35],
    values: { date: '21/03/2023', unit: UNIT, people: '12', head_present: 'yes' },
    expect: ['1/12', '1/12'],
  },
  {
    reg: 'supervisions', form: 'bieu-6', row: 'Tổng', cols: [1, 2, 3, 4],
    values: { date: '22/03/2023', unit: UNIT, subject: 'Giám sát việc thu, chi các khoản đóng góp của Nhân dân', documents_reviewed: '6', recommendations: '5', accepted: '4' },
    expect: [1, 6, 5, 4],
  },
  {
    reg: 'criticisms', form: 'bieu-7', row: 'Tổng', cols: [1, 2, 3, 4],
    values: { date: '23/03/2023', unit: UNIT, form: 'gui_du_thao', drafts: '3', recommendations: '9', accepted: '7', subject: 'Góp ý dự thảo quy hoạch phường' },
    expect: [0, 3, 9, 7],
  },
];

await run('registers', async ({ browser, srv }) => {
  const t0 = Date.now();
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.base = srv.base;
  await login(page, srv.base, 'ngoquyen', 'ngoquyen123');
  for (const c of cases) {
    const before = await annexRow(page, c.form, c.row);
    await fillForm(page, c.reg, c.values);
    const after = await annexRow(page, c.form, c.row);
    const got = delta(before, after, c.cols);
    check(JSON.stringify(got) === JSON.stringify(c.expect),
      `${c.reg}: ${c.form} columns ${c.cols.join(',')} moved by ${c.expect.join(', ')} (got ${got.join(', ')})`);
  }
  // the committee's own document is listed in Biểu 4
  await page.goto(`${srv.base}/report?form=bieu-4&unit=${UNIT}&period=${PERIOD}`);
  check(await page.locator('table.annex td', { hasText: '99-NQ/QU' }).count() === 1, 'documents: Biểu 4 lists 99-NQ/QU');
  // the annex names its registers and the mixing rule
  await page.goto(`${srv.base}/report?form=bieu-1&unit=${UNIT}&period=${PERIOD}`);
  check(await page.getByText('Số liệu tính từ sổ theo dõi; đơn vị chưa có bản ghi trong sổ thì dùng số liệu nhập tay.').count() === 1,
    'Biểu 1 states the mixing rule');
  // the officer of the receiving unit sees the sender; the record list never shows it
  await page.goto(`${srv.base}/r/letters?unit=${UNIT}&period=${PERIOD}&q=`);
  check(await page.getByText('Nguyễn Văn Thử').count() === 0, 'letters: the list does not show senders');
  await page.close();
  console.log(`# finished in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
});
