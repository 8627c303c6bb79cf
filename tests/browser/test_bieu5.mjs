// Log in, open Biểu 5 of Hải Phòng for 2023S1, read the total 196
// (seed 004: "Tổ chức 196 cuộc đối thoại giữa người đứng đầu cấp ủy,
// chính quyền các cấp với Nhân dân"), save a screenshot.
import path from 'node:path';
import { run, login, rowTotal, check, artifacts } from './lib.mjs';

await run('bieu-5', async ({ browser, srv }) => {
  for (const [name, viewport] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 375, height: 800 }]]) {
    const page = await browser.newPage({ viewport });
    await login(page, srv.base, 'admin', 'admin-dv-123');
    await page.goto(`${srv.base}/report?form=bieu-5&period=2023S1&unit=31`);
    const total = await rowTotal(page, 'Cộng');
    check(total === '196', `${name}: Biểu 5 total for Hải Phòng 2023S1 is 196 (got ${total})`);
    await page.screenshot({ path: path.join(artifacts, `bieu-5-${name}.png`), fullPage: true });
    await page.close();
  }
});
