// Accounts in Chromium (issue 13, F3): an admin disables a user on /users and the user's open
// page ends at once (the next click lands on the login page); enabled again, the user logs
// in; the user's "Đăng xuất mọi nơi" on /account (reached from the name in the header) ends
// the session of another browser; a new password on /users is refused when common.
import { run, login, check } from './lib.mjs';

await run('accounts', async ({ browser, srv }) => {
  const admin = await (await browser.newContext()).newPage();
  await login(admin, srv.base, 'admin', 'admin-dv-123');
  const officer = await (await browser.newContext()).newPage();
  await login(officer, srv.base, 'maychai', 'maychai123');
  check(new URL(officer.url()).pathname === '/', 'maychai is signed in');

  await admin.goto(`${srv.base}/users`);
  const row = admin.locator('table.list tbody tr', { has: admin.locator('td', { hasText: /^maychai$/ }) });
  check((await row.innerText()).includes('Đang dùng'), '/users shows maychai enabled');
  await Promise.all([admin.waitForNavigation(), row.getByRole('button', { name: 'Khóa maychai' }).click()]);
  check((await admin.locator('p.ok').innerText()).includes('Đã khóa tài khoản maychai'), 'the admin is told maychai is disabled');
  check((await row.innerText()).includes('Đã khóa'), '/users shows maychai disabled');

  await officer.goto(`${srv.base}/registers`);
  check(new URL(officer.url()).pathname === '/login', `maychai's session ended at once (${officer.url()})`);
  await login(officer, srv.base, 'maychai', 'maychai123');
  check(new URL(officer.url()).pathname === '/login', 'a disabled user cannot log in');

  await Promise.all([admin.waitForNavigation(), row.getByRole('button', { name: 'Mở khóa maychai' }).click()]);
  check((await row.innerText()).includes('Đang dùng'), '/users shows maychai enabled again');

  await row.getByLabel('Mật khẩu mới của maychai').fill('password123');
  await Promise.all([admin.waitForNavigation(), row.getByRole('button', { name: 'Đặt mật khẩu' }).click()]);
  check(/mật khẩu này quá phổ biến/.test(await admin.locator('[role=alert]').innerText()),
    'a common password on /users is refused, saying why');

  // log out everywhere: two browsers of maychai, one presses the button
  await login(officer, srv.base, 'maychai', 'maychai123');
  const second = await (await browser.newContext()).newPage();
  await login(second, srv.base, 'maychai', 'maychai123');
  await Promise.all([officer.waitForNavigation(), officer.locator('.who a', { hasText: 'maychai' }).click()]);
  check(new URL(officer.url()).pathname === '/account', 'the name in the header leads to /account');
  await Promise.all([officer.waitForNavigation(), officer.getByRole('button', { name: 'Đăng xuất mọi nơi' }).click()]);
  check(new URL(officer.url()).pathname === '/login', 'log out everywhere lands on the login page');
  await second.goto(`${srv.base}/registers`);
  check(new URL(second.url()).pathname === '/login', "the other browser's session ended too");
  await admin.goto(`${srv.base}/users`);
  check(new URL(admin.url()).pathname === '/users', "another user's session goes on");
});
