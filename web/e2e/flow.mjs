// End-to-end test of the web app in a real headless Chromium (Debian's
// /usr/bin/chromium driven by playwright-core; no browser is downloaded),
// against the real binary: sign up → install the lead pack → change the
// lead form's company label in the form designer and publish it → add a
// supervisor and a rep in the admin screen → the rep submits a lead
// missing its profile tags and sees the field errors → fixes them → sees
// the follow-up task in the inbox → the manual clock advances → the
// supervisor sees the task about to breach → the owner imports a CSV of
// leads (a dry run reporting one bad row, then the valid rows). The flow
// runs at desktop width and at 375 px, and saves a screenshot of every
// screen under e2e/screenshots/. Any Content-Security-Policy violation or
// uncaught page error fails the run.
//
// Environment: FORMWORK_E2E_BIN (a binary already built), FORMWORK_E2E_KEEP=1
// (keep the temporary data dir and server.log), FORMWORK_E2E_BASE (run
// against a running server with a manual clock), FORMWORK_E2E_DEBUG=1 (log
// every <style> element a page inserts), CHROMIUM_PATH (default
// /usr/bin/chromium).
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';

const shots = fileURLToPath(new URL('./screenshots/', import.meta.url));
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const password = 'correct-horse-battery';

function check(cond, msg) {
  if (!cond) throw new Error(msg);
}

/** Calls the API from Node with a bearer token. */
async function call(base, token, method, path, body) {
  const res = await fetch(base + path, { method, headers: {
    'Content-Type': 'application/json', Accept: 'application/json', 'Accept-Language': 'en',
    ...(token ? { Authorization: `Bearer ${token}` } : {}) },
  body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

async function token(base, email) {
  return (await call(base, '', 'POST', '/api/v1/auth/login', { email, password })).token;
}

class Run {
  constructor(base, browser, name, viewport) {
    Object.assign(this, { base, browser, name, viewport, n: 0, problems: [] });
    const stamp = Date.now().toString(36);
    this.owner = { email: `owner-${name}-${stamp}@acme.test`, name: 'Li Lei' };
    this.sup = { email: `sup-${name}-${stamp}@acme.test`, name: 'Zhao Min' };
    this.rep = { email: `rep-${name}-${stamp}@acme.test`, name: 'Wang Lei' };
  }

  async open() {
    this.context = await this.browser.newContext({ viewport: this.viewport, locale: 'en-US' });
    this.page = await this.context.newPage();
    if (process.env.FORMWORK_E2E_DEBUG) {
      await this.page.addInitScript(() => {
        for (const fn of ['appendChild', 'insertBefore', 'prepend', 'append']) {
          const orig = Node.prototype[fn] ?? Element.prototype[fn];
          if (!orig) continue;
          const wrapped = function (...args) {
            const el = args[0];
            if (el && el.tagName === 'STYLE' && this.isConnected) {
              console.log(`debug style ${fn}: ${(el.textContent ?? '').slice(0, 120)}\n${
                new Error().stack?.split('\n').slice(2, 5).join(' | ')}`);
            }
            return orig.apply(this, args);
          };
          if (Node.prototype[fn]) Node.prototype[fn] = wrapped; else Element.prototype[fn] = wrapped;
        }
      });
    }
    // Generous: CI runs this on a busy two-core machine after the Go passes.
    this.page.setDefaultTimeout(45000);
    this.page.on('console', (m) => {
      if (m.text().startsWith('debug style')) console.log(m.text());
      if (/Content Security Policy|Refused to (apply|load|execute)/i.test(m.text())) {
        this.problems.push(`CSP: ${m.text()}`);
      }
    });
    this.page.on('pageerror', (e) => this.problems.push(`page error: ${e.message}`));
  }

  async shot(label) {
    this.n += 1;
    await this.page.waitForTimeout(300);
    if (process.env.FORMWORK_E2E_DEBUG) {
      const styles = await this.page.evaluate(() => [...document.querySelectorAll('style')]
        .map((el) => `${el.getAttribute('data-css-hash') ?? ''}|${(el.textContent ?? '')
          .slice(0, 100)}`));
      if (styles.length) console.log(`${label}: ${styles.length} <style>:`, styles);
    }
    const file = join(shots, `${this.name}-${String(this.n).padStart(2, '0')}-${label}.png`);
    await this.page.screenshot({ path: file, fullPage: true });
  }

  go(path) {
    return this.page.goto(this.base + path);
  }

  text(t) {
    return this.page.getByText(t, { exact: true }).first();
  }

  /**
   * Chooses option in an antd Select. A click that lands while a dialog is
   * still animating in can be lost, so the select is clicked again (at most
   * three times) until its list shows.
   */
  async pick(selectId, option) {
    const item = this.page.locator('.ant-select-dropdown:visible .ant-select-item-option',
      { hasText: option }).first();
    for (let attempt = 1; ; attempt += 1) {
      await this.page.locator(`#${selectId}`).click({ force: true });
      try {
        await item.waitFor({ timeout: 5000 });
        break;
      } catch (e) {
        if (attempt === 3) throw e;
      }
    }
    await item.click();
  }

  async signup() {
    const p = this.page;
    await this.go('/signup');
    await p.locator('#signup_tenant').fill(`Acme ${this.name}`);
    await p.locator('#signup_name').fill(this.owner.name);
    await p.locator('#signup_email').fill(this.owner.email);
    await p.locator('#signup_password').fill(password);
    await this.shot('signup');
    await p.getByRole('button', { name: 'Create organisation' }).click();
    await p.waitForURL('**/welcome');
    await this.text('Install a template pack').waitFor();
    await this.shot('guide');
    // The language switch: the guide in Chinese, then back.
    await this.switchLanguage('中文');
    await this.text('安装一个模板包').waitFor();
    await this.shot('guide-zh');
    await this.switchLanguage('English');
    await this.text('Install a template pack').waitFor();
  }

  async switchLanguage(label) {
    await this.page.locator('.fw-lang').first().click();
    await this.page.locator('.ant-select-dropdown:visible .ant-select-item-option',
      { hasText: label }).first().click();
  }

  async installPack() {
    const p = this.page;
    await this.go('/gallery');
    await this.text('Lead follow-up').waitFor();
    await this.shot('gallery');
    await this.pick('rc_select_industry', 'Education').catch(() => undefined);
    await p.locator('a[href="/gallery/lead_followup"]').click();
    await p.waitForURL('**/gallery/lead_followup');
    await this.text('Forms').waitFor();
    await this.shot('template');
    await p.getByRole('button', { name: 'Install' }).click();
    await this.text('Pack installed').waitFor();
    await this.shot('installed');
    await this.go('/apps');
    await this.text('Lead follow-up').waitFor();
    await this.shot('apps');
  }

  /**
   * Publishes a changed lead form through the form designer: opens it from
   * the design list, selects the company field on the canvas, changes its
   * label per locale in the properties panel, publishes (the dialog shows
   * the change) and sees the new version.
   */
  async publishChangedForm() {
    const p = this.page;
    await this.go('/design');
    await p.getByRole('link', { name: 'Lead', exact: true }).first().click();
    await p.waitForURL('**/design/forms/**');
    const company = p.locator('.fw-field-main', { hasText: 'Company' }).first();
    await company.waitFor();
    await this.shot('form-designer');
    await company.click();
    await p.getByLabel('Label (English)').first().fill('Company (legal name)');
    await p.getByLabel('Label (Chinese)').first().fill('公司全称');
    await this.shot('field-properties');
    // On a phone the properties panel is a drawer over the header.
    await p.keyboard.press('Escape');
    await p.locator('.fw-field-main', { hasText: 'Company (legal name)' }).first().waitFor();
    const publish = p.getByRole('button', { name: 'Publish', exact: true }).first();
    await publish.waitFor();
    await p.waitForFunction(() => [...document.querySelectorAll('button')]
      .some((b) => b.textContent?.trim() === 'Publish' && !b.disabled));
    await publish.click();
    const dialog = p.locator('.ant-modal:visible');
    await dialog.getByText('Publish version 2').waitFor();
    await this.shot('publish-dialog');
    await dialog.getByRole('button', { name: 'Publish', exact: true }).click();
    await this.text('Version 2 is published.').waitFor();
    await this.shot('form-published');
    await this.go('/design');
    await this.text('Version 2').waitFor();
    await this.shot('design-list');
  }

  async addUser(u, roleLabel, managerName) {
    const p = this.page;
    await p.getByRole('button', { name: 'Add a person' }).click();
    const dialog = p.locator('.ant-modal:visible');
    await dialog.locator('#user_email').fill(u.email);
    await dialog.locator('#user_name').fill(u.name);
    await dialog.locator('#user_password').fill(password);
    if (roleLabel) await this.pick('user_roles', roleLabel);
    if (managerName) await this.pick('user_manager_id', managerName);
    await p.keyboard.press('Escape').catch(() => undefined);
    await this.shot(`add-${u.name.split(' ')[1].toLowerCase()}`);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await p.locator('.ant-table', { hasText: u.email }).waitFor();
  }

  async addPeople() {
    await this.go('/admin/users');
    await this.text(this.owner.email).waitFor();
    await this.addUser(this.sup, 'Supervisor');
    await this.addUser(this.rep, '', this.sup.name);
    await this.shot('users');
    for (const tab of ['teams', 'tokens', 'plugins', 'calendars', 'audit']) {
      await this.go(`/admin/${tab}`);
      await this.page.waitForLoadState('networkidle');
      await this.shot(`admin-${tab}`);
      if (tab === 'plugins') await this.pluginSettings();
      if (tab === 'calendars') await this.calendarEditor();
    }
  }

  /** Opens the editor of a new business calendar. */
  async calendarEditor() {
    const p = this.page;
    await p.getByRole('button', { name: 'New calendar' }).click();
    await p.getByRole('textbox', { name: 'Monday' }).waitFor();
    await this.shot('calendar-editor');
    await p.goBack();
  }

  /** Opens the settings form generated from the WeCom robot's JSON Schema. */
  async pluginSettings() {
    const p = this.page;
    await p.locator('.ant-list-item', { hasText: 'wecom_robot' })
      .getByRole('button', { name: 'Configure' }).click();
    const dialog = p.locator('.ant-modal:visible');
    await dialog.locator('#field-webhook_url').waitFor();
    await this.shot('plugin-settings');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  }

  async login(u) {
    const p = this.page;
    await this.context.clearCookies();
    await this.go('/login');
    await p.locator('#login_email').fill(u.email);
    await p.locator('#login_password').fill(password);
    await p.getByRole('button', { name: 'Sign in' }).click();
    await p.waitForURL('**/inbox');
  }

  async submitLead() {
    const p = this.page;
    await this.login(this.rep);
    await this.shot('rep-inbox-empty');
    await this.go('/records/new/lead');
    await this.text('Company (legal name)').waitFor();
    await p.locator('#field-company').fill(`Hangzhou Tea ${this.name}`);
    await p.locator('#field-contact_name').fill('Chen Jing');
    await p.locator('#field-mobile').fill('13800138000');
    await this.pick('field-stage', 'New');
    await p.getByRole('button', { name: 'Submit' }).click();
    for (const f of ['decision_role', 'budget_cycle', 'pain_level']) {
      await p.locator(`[data-field="${f}"] .ant-form-item-explain-error`).waitFor();
    }
    await this.shot('lead-missing-tags');
    await p.locator('[data-field="decision_role"]').getByText('Decision maker').click();
    await this.pick('field-budget_cycle', 'Quarterly');
    await p.locator('[data-field="pain_level"]').getByText('High').click();
    await p.getByRole('button', { name: 'Submit' }).click();
    await p.waitForURL(/\/records\/(?!new)[^/]+$/);
    await this.text('Log an activity').waitFor();
    await p.getByRole('button', { name: 'Call' }).click();
    await this.text('Call logged').waitFor();
    await this.shot('record');
    await p.getByRole('button', { name: 'Record a promise' }).click();
    await this.page.locator('.ant-modal:visible').waitFor();
    await this.shot('promise-dialog');
    await p.keyboard.press('Escape');
    await this.go('/records?form=lead&view=kanban');
    await this.text(`Hangzhou Tea ${this.name}`).waitFor();
    await this.shot('kanban');
  }

  async inbox() {
    await this.go('/inbox');
    await this.text('First follow-up').waitFor();
    await this.page.locator('.ant-tag', { hasText: /Due in|Overdue/ }).first().waitFor();
    await this.shot('rep-inbox');
  }

  /** Moves the manual clock to 30 minutes before the task is due. */
  async advanceClock() {
    const repTk = await token(this.base, this.rep.email);
    const tasks = await call(this.base, repTk, 'GET', '/api/v1/tasks?assignee=me&status=open');
    const task = tasks.items.find((t) => t.due_at);
    check(task, 'the rep has no task with a deadline');
    const ownerTk = await token(this.base, this.owner.email);
    const { now } = await call(this.base, ownerTk, 'POST', '/api/v1/debug/clock',
      { advance: '1m' });
    const minutes = Math.floor((Date.parse(task.due_at) - Date.parse(now)) / 60000) - 30;
    if (minutes > 0) {
      await call(this.base, ownerTk, 'POST', '/api/v1/debug/clock', { advance: `${minutes}m` });
    }
    return task;
  }

  async supervisor(task) {
    const p = this.page;
    await this.login(this.sup);
    await this.go('/supervisor');
    await p.locator('.ant-segmented-item', { hasText: /^1h$/ }).click();
    await p.locator(`[data-breach="${task.id}"]`).waitFor();
    check(await p.locator(`[data-breach="${task.id}"]`).textContent()
      .then((t) => t.includes(this.rep.name)), 'the breach does not name the rep');
    await this.shot('supervisor-breach');
    await p.getByRole('tab', { name: 'Team inbox' }).click();
    await p.locator(`[data-task="${task.id}"]`).waitFor();
    await this.shot('supervisor-team');
    await this.go('/notifications');
    await p.waitForLoadState('networkidle');
    await this.shot('notifications');
    await this.go('/service');
    await p.getByRole('searchbox').fill('Hangzhou');
    await this.text(`Hangzhou Tea ${this.name}`).waitFor();
    await this.shot('service');
  }

  /**
   * The screens added since the journey was written, at its end so the
   * earlier screenshots keep their numbers: the supervisor's escalations
   * and the owner's delivery log.
   */
  async laterScreens() {
    const p = this.page;
    await this.go('/supervisor');
    await p.getByRole('tab', { name: 'Escalations' }).click();
    await p.waitForLoadState('networkidle');
    await this.shot('supervisor-escalations');
    await this.login(this.owner);
    await this.go('/admin/deliveries');
    await p.waitForLoadState('networkidle');
    await this.shot('admin-deliveries');
    await this.importLeads();
  }

  /**
   * The owner imports a small CSV into the lead form: the columns are
   * mapped by their names, the dry run reports the one bad row, the valid
   * rows are imported and show up among the records.
   */
  async importLeads() {
    const p = this.page;
    const company = (n) => `Import ${n} ${this.name}`;
    const csv = ['Company,Contact name,Mobile,Stage,Decision-chain role,Budget cycle,Pain level',
      `${company('Alpha')},Sun Li,13900000001,new,decision_maker,annual,high`,
      `${company('Beta')},Zhou Yu,13900000002,new,influencer,quarterly,extreme`,
      `${company('Gamma')},Qian Wu,13900000003,contacted,user,monthly,low`].join('\n');
    await this.go('/imports');
    await this.text('Your imports').waitFor();
    await this.pick('import_form', 'Lead (lead)');
    await p.locator('input[type=file]').setInputFiles({ name: 'leads.csv',
      mimeType: 'text/csv', buffer: Buffer.from(csv + '\n') });
    await this.text('leads.csv').waitFor();
    await this.shot('import-upload');
    await p.getByRole('button', { name: 'Upload' }).click();
    await p.waitForURL('**/imports/*');
    await this.text('Map the columns').waitFor();
    await this.shot('import-mapping');
    await p.getByRole('button', { name: 'Check every row' }).click();
    await this.text('1 problem in the rows').waitFor();
    await p.locator('[data-report] td', { hasText: 'Pain level' }).first().waitFor();
    await this.shot('import-report');
    await p.getByText('Import the valid rows, skip the failing ones').click();
    await p.getByRole('button', { name: 'Import valid rows' }).click();
    await this.text('Import finished').waitFor();
    await this.text('2 rows imported: 2 created, 0 merged, 0 unchanged.').waitFor();
    await this.shot('import-done');
    await p.getByRole('button', { name: 'See the records' }).click();
    await p.waitForURL('**/records?form=lead');
    await this.text(company('Alpha')).waitFor();
    await this.text(company('Gamma')).waitFor();
    check(await p.getByText(company('Beta')).count() === 0, 'the bad row was imported');
    await this.shot('import-records');
    await this.go('/imports');
    await p.locator('[data-import]', { hasText: 'Imported' }).waitFor();
    await this.shot('import-list');
  }

  async flow() {
    await this.open();
    await this.signup();
    await this.installPack();
    await this.publishChangedForm();
    await this.addPeople();
    await this.submitLead();
    await this.inbox();
    const task = await this.advanceClock();
    await this.supervisor(task);
    await this.laterScreens();
    check(this.problems.length === 0, this.problems.join('\n'));
    await this.context.close();
  }
}

async function main() {
  mkdirSync(shots, { recursive: true });
  for (const f of readdirSync(shots)) if (f.endsWith('.png')) rmSync(join(shots, f));
  // FORMWORK_E2E_BASE runs the flow against a server already running with
  // FORMWORK_CLOCK=manual (e.g. a staging instance) instead of a fresh one.
  const server = process.env.FORMWORK_E2E_BASE
    ? { base: process.env.FORMWORK_E2E_BASE, stop: async () => undefined,
      logTail: () => '(a server of its own: see its log)' }
    : await startServer();
  const browser = await chromium.launch({ executablePath, headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  let failed = false;
  const runs = [['desktop', { width: 1280, height: 800 }], ['mobile', { width: 375, height: 740 }]];
  try {
    for (const [name, viewport] of runs) {
      const run = new Run(server.base, browser, name, viewport);
      const started = Date.now();
      try {
        await run.flow();
        console.log(`e2e ${name}: ok in ${((Date.now() - started) / 1000).toFixed(1)}s`);
      } catch (e) {
        failed = true;
        console.error(`e2e ${name}: FAILED: ${e.stack ?? e}`);
        await run.shot('failure').catch(() => undefined);
      }
    }
  } finally {
    await browser.close();
    if (failed) console.error(`e2e: the server's last log lines:\n${server.logTail()}`);
    await server.stop();
  }
  if (failed) {
    console.error(`screenshots in ${shots}; server log kept with FORMWORK_E2E_KEEP=1`);
    process.exit(1);
  }
}

await main();
