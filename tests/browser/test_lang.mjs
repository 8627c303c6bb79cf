// The language switch in the menu: "English" turns the page (the same path and
// arguments) into English and is remembered; "Tiếng Việt" turns it back.
import path from 'node:path';
import { run, login, check, artifacts } from './lib.mjs';

await run('lang', async ({ browser, srv }) => {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await login(page, srv.base, 'ngoquyen', 'ngoquyen123');
  await page.goto(`${srv.base}/report?form=bieu-5&period=2023S1&unit=304`);
  check(await page.locator('html').getAttribute('lang') === 'vi', 'Vietnamese by default');
  await Promise.all([page.waitForNavigation(), page.click('a.lang-switch')]);
  const url = new URL(page.url());
  check(url.pathname === '/report' && url.searchParams.get('form') === 'bieu-5' && url.searchParams.get('lang') === 'en',
    `the switch keeps the page and its arguments (${page.url()})`);
  check(await page.locator('html').getAttribute('lang') === 'en', '<html lang="en"> after the switch');
  const nav = await page.locator('header nav').innerText();
  check(nav.includes('Annexes') && nav.includes('Registers') && !nav.includes('Biểu tổng hợp'), `the menu in English: ${nav.replace(/\s+/g, ' ')}`);
  check((await page.locator('table').first().innerText()).includes('Total'), 'the annex headers in English');
  await page.screenshot({ path: path.join(artifacts, 'lang-en.png'), fullPage: false });
  // the script's own messages in English too: the wide-table hint, the unit picker
  await page.setViewportSize({ width: 800, height: 800 });
  await page.goto(`${srv.base}/report?form=bieu-5&period=2023S1&unit=304`);
  const hint = (await page.locator('.scroll-hint').first().innerText()).trim();
  check(hint === 'Wide table: scroll right to see more columns', `the scroll hint in English: ${hint}`);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(`${srv.base}/r/dialogues/new`);
  const ph = await page.locator('input[role=combobox]').first().getAttribute('placeholder');
  check(ph === "Search: type a unit's name", `the unit picker's placeholder in English: ${ph}`);
  await page.goto(`${srv.base}/plans`);
  check(await page.locator('html').getAttribute('lang') === 'en', 'the choice is remembered on the next page');
  check((await page.locator('a.lang-switch').innerText()).trim() === 'Tiếng Việt', 'the switch offers Tiếng Việt');
  await Promise.all([page.waitForNavigation(), page.click('a.lang-switch')]);
  check(await page.locator('html').getAttribute('lang') === 'vi', 'back to Vietnamese');
  check((await page.locator('header nav').innerText()).includes('Kế hoạch'), 'the menu in Vietnamese again');
  await page.close();
});
