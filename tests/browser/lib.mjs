// Shared helpers for the browser tests: a fresh demo database, the real
// server on a free port, and Debian's Chromium driven by playwright-core.
import { chromium } from 'playwright-core';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const artifacts = path.resolve(here, '../../test-artifacts');

export async function startServer(danvan) {
  const dir = mkdtempSync(path.join(tmpdir(), 'danvan-browser-'));
  const db = path.join(dir, 'demo.db');
  execFileSync(danvan, ['init', db, '--demo'], { stdio: 'ignore' });
  const port = 19000 + Math.floor(Math.random() * 900);
  const proc = spawn(danvan, ['serve', db, '--listen', `127.0.0.1:${port}`], { stdio: ['ignore', 'ignore', 'inherit'] });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(`${base}/healthz`);
      if (r.ok) break;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    base, db, danvan,
    stop() { proc.kill('SIGTERM'); rmSync(dir, { recursive: true, force: true }); },
  };
}

export async function launch() {
  mkdirSync(artifacts, { recursive: true });
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export async function login(page, base, user, password) {
  await page.goto(`${base}/login`);
  await page.fill('input[name=login]', user);
  await page.fill('input[name=password]', password);
  await Promise.all([page.waitForNavigation(), page.press('input[name=password]', 'Enter')]);
}

// the text of the last cell of the table row whose header cell is `label`
export async function rowTotal(page, label) {
  const row = page.locator('table tbody tr', { has: page.locator('th, td', { hasText: new RegExp(`^\\s*${label}\\s*$`) }) }).first();
  return (await row.locator('td').last().innerText()).trim();
}

export function check(cond, msg) {
  if (!cond) throw new Error(msg);
  console.log(`ok - ${msg}`);
}

export async function run(name, fn) {
  const danvan = process.argv[2] || path.resolve(here, '../../build/danvan');
  const srv = await startServer(danvan);
  const browser = await launch();
  let failed = 0;
  try {
    await fn({ browser, srv });
  } catch (e) {
    failed = 1;
    console.error(`not ok - ${name}: ${e.stack || e}`);
  } finally {
    await browser.close();
    srv.stop();
  }
  console.log(`${failed ? 0 : 1} passed, ${failed} failed`);
  process.exit(failed);
}
