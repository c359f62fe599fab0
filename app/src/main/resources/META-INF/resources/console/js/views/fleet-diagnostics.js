// Diagnostics across the fleet: the newest stored run of each terminal in the key's scope (a page
// per request, GET /api/v1/diagnostics/terminals), each check's status with the fix for what did
// not pass; run one terminal or all of them (admin keys: the hub says canRun); and the history of
// one terminal's runs (#/diagnostics/<terminal id>).
import { api, get } from '../api.js';
import { h, orDash, replace, route, time } from '../dom.js';
import { formatCount, t } from '../i18n.js';
import { alertBox, badge, cursorPager, errorAlert, explain, pageHeader } from '../ui.js';

const PAGE_SIZE = 50;
const HISTORY = 20;
/** Runs at once when running all: each takes seconds; the hub probes every terminal separately. */
const PARALLEL = 3;

function verdict(status) {
  return badge(status === 'SKIPPED' ? 'SKIP' : status);
}

/** The checks of one run: each with its status, evidence, and the fix for what did not pass. */
export function checkList(run) {
  return h(
    'ol',
    { class: 'checks' },
    run.checks.map((c) =>
      h(
        'li',
        { class: `check ${c.status.toLowerCase()}`, dataset: { check: c.id, status: c.status } },
        verdict(c.status),
        h(
          'div',
          {},
          h('p', { class: 'check-name' }, c.title || c.id),
          c.evidence ? h('p', { class: 'muted small' }, c.evidence) : null,
          c.fix && c.status !== 'PASS' ? h('p', { class: 'fix' }, h('strong', {}, t('Fix: ')), c.fix) : null,
        ),
      ),
    ),
  );
}

function counts(run) {
  const n = { PASS: 0, WARN: 0, FAIL: 0 };
  for (const c of run.checks) if (c.status in n) n[c.status] += 1;
  return t('{pass} passed, {warn} warnings, {fail} failed', { pass: n.PASS, warn: n.WARN, fail: n.FAIL });
}

export function render(view, params, ctx) {
  if (params.length && params[0]) return renderHistory(view, params[0], ctx);
  const message = h('div', { class: 'form-summary', id: 'diag-message' });
  const runAll = h('button', { type: 'button', class: 'button', id: 'run-all', hidden: true }, t('Run all'));
  const progress = h('p', { class: 'muted', id: 'run-all-progress', role: 'status' });
  const body = h('div', { id: 'fleet-diagnostics' }, h('p', { class: 'muted', role: 'status' }, t('Loading…')));
  view.append(
    pageHeader(t('Diagnostics'), runAll),
    h('p', { class: 'muted intro' }, t('The newest diagnostics run of each terminal: QFPay’s ECR checklist (network, TLS, certificate, POS key, app), with what to do about each check that did not pass. Nothing here moves money.')),
    message,
    progress,
    h('section', { class: 'card', 'aria-labelledby': 'fleet-diag-title' }, h('h2', { id: 'fleet-diag-title' }, t('Terminals')), body),
  );

  const cursors = [null];
  let canRun = false;
  let running = false;

  const load = async () => {
    try {
      const page = await get('/api/v1/diagnostics/terminals', { limit: PAGE_SIZE, cursor: cursors[cursors.length - 1] }, { signal: ctx.signal });
      canRun = page.canRun;
      runAll.hidden = !canRun;
      replace(
        body,
        page.items.length === 0 ? h('p', { class: 'empty' }, t('No terminals in this key’s scope.')) : table(page.items),
        cursorPager(page, cursors, load),
      );
    } catch (e) {
      if (e.name !== 'AbortError') replace(body, errorAlert(e));
    }
  };

  /** Runs diagnostics on one terminal and redraws its row with the result. */
  const runOne = async (item) => {
    const report = await api('POST', `/api/v1/terminals/${encodeURIComponent(item.terminalId)}/diagnostics`, { signal: ctx.signal });
    const row = body.querySelector(`tr[data-terminal-id="${CSS.escape(item.terminalId)}"]`);
    if (row) row.replaceWith(terminalRow({ ...item, lastRun: report }));
    return report;
  };

  const runButton = (item) => {
    const button = h('button', { type: 'button', class: 'button secondary', dataset: { run: item.terminalId } }, t('Run'), h('span', { class: 'visually-hidden' }, ` ${item.name}`));
    button.addEventListener('click', async () => {
      button.disabled = true;
      replace(button, t('Running…'));
      try {
        const report = await runOne(item);
        replace(message, alertBox(report.overall === 'FAIL' ? 'warning' : 'success', h('span', { id: 'run-result', dataset: { terminalId: item.terminalId, overall: report.overall } }, t('Diagnostics of {name}: {counts}.', { name: item.name, counts: counts(report) }))));
      } catch (e) {
        if (e.name === 'AbortError') return;
        replace(message, errorAlert(e));
        button.disabled = false;
        replace(button, t('Run'));
      }
    });
    return button;
  };

  const terminalRow = (item) => {
    const run = item.lastRun;
    const notPassing = run ? run.checks.filter((c) => c.status === 'FAIL' || c.status === 'WARN') : [];
    return h(
      'tr',
      { dataset: { terminalId: item.terminalId, overall: run ? run.overall : 'NONE' }, class: run && run.overall === 'FAIL' ? 'row-attention' : null },
      h('th', { scope: 'row' }, h('a', { href: route('terminals', item.terminalId) }, item.name), item.storeId ? h('span', { class: 'muted small' }, ` ${t('Store')} ${item.storeId}`) : null, h('div', {}, badge(item.status))),
      h('td', {}, run ? [verdict(run.overall), h('p', { class: 'muted small' }, counts(run))] : h('span', { class: 'muted' }, t('Never run'))),
      h('td', {}, run ? time(run.at) : orDash(null)),
      h(
        'td',
        { class: 'findings' },
        run
          ? notPassing.length
            ? h('ul', { class: 'findings-list' }, notPassing.map((c) => h('li', { dataset: { check: c.id, status: c.status } }, verdict(c.status), ' ', h('strong', {}, c.title || c.id), c.fix ? h('p', { class: 'fix' }, c.fix) : null)))
            : h('span', { class: 'all-good' }, t('Every check passed.'))
          : null,
        run ? h('details', {}, h('summary', {}, t('All {n} checks', { n: run.checks.length })), checkList(run)) : null,
      ),
      h('td', { class: 'row-actions' }, canRun ? runButton(item) : null, h('a', { href: route('diagnostics', item.terminalId) }, t('History'), h('span', { class: 'visually-hidden' }, ` ${item.name}`))),
    );
  };

  const table = (items) =>
    h(
      'table',
      { class: 'list', id: 'diagnostics-table' },
      h('caption', { class: 'visually-hidden' }, t('Newest diagnostics run per terminal')),
      h('thead', {}, h('tr', {}, [t('Terminal'), t('Result'), t('When'), t('To fix'), t('Actions')].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, items.map(terminalRow)),
    );

  /** Every terminal in scope (all pages), PARALLEL at a time; each row updates as its run ends. */
  runAll.addEventListener('click', async () => {
    if (running) return;
    running = true;
    runAll.disabled = true;
    replace(message);
    try {
      const all = [];
      let cursor = null;
      do {
        const page = await get('/api/v1/diagnostics/terminals', { limit: 200, cursor }, { signal: ctx.signal });
        all.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      let done = 0;
      let failed = 0;
      let errors = 0;
      const show = () => replace(progress, t('Running diagnostics: {done} of {total} terminals done.', { done: formatCount(done), total: formatCount(all.length) }));
      show();
      const queue = [...all];
      const worker = async () => {
        for (let item = queue.shift(); item; item = queue.shift()) {
          try {
            const report = await runOne(item);
            if (report.overall === 'FAIL') failed += 1;
          } catch (e) {
            if (e.name === 'AbortError') throw e;
            errors += 1;
          }
          done += 1;
          show();
        }
      };
      await Promise.all(Array.from({ length: PARALLEL }, worker));
      replace(progress);
      replace(
        message,
        alertBox(
          failed || errors ? 'warning' : 'success',
          h('span', { id: 'run-all-result', dataset: { total: String(all.length), failed: String(failed), errors: String(errors) } }, t('Ran diagnostics on {total} terminals: {failed} with failing checks, {errors} could not be run.', { total: formatCount(all.length), failed: formatCount(failed), errors: formatCount(errors) })),
        ),
      );
    } catch (e) {
      if (e.name === 'AbortError') return;
      replace(progress);
      replace(message, alertBox('error', explain(e)));
    } finally {
      running = false;
      runAll.disabled = false;
    }
  });

  load();
}

/** The stored runs of one terminal, newest first, each expandable to its checks. */
function renderHistory(view, id, ctx) {
  const header = pageHeader(t('Diagnostics history'));
  const body = h('section', { class: 'card', id: 'diagnostics-history', 'aria-labelledby': 'history-title' }, h('p', { class: 'muted', role: 'status' }, t('Loading…')));
  view.append(header, h('p', {}, h('a', { href: '#/diagnostics' }, t('← All terminals'))), body);
  (async () => {
    try {
      const [terminal, runs] = await Promise.all([
        get(`/api/v1/terminals/${encodeURIComponent(id)}`, {}, { signal: ctx.signal }),
        get(`/api/v1/terminals/${encodeURIComponent(id)}/diagnostics/history`, { limit: HISTORY }, { signal: ctx.signal }),
      ]);
      replace(header.querySelector('h1'), t('Diagnostics history: {name}', { name: terminal.name }));
      replace(
        body,
        h('h2', { id: 'history-title' }, t('Runs, newest first')),
        runs.length === 0
          ? h('p', { class: 'empty' }, t('This terminal was never diagnosed.'))
          : h(
              'ol',
              { class: 'history', id: 'history-list' },
              runs.map((run, i) =>
                h(
                  'li',
                  { dataset: { runId: run.id, overall: run.overall } },
                  h('details', { open: i === 0 }, h('summary', {}, verdict(run.overall), ' ', time(run.at), ' · ', counts(run)), h('p', { class: 'muted small' }, t('Target: {target}', { target: run.target })), checkList(run)),
                ),
              ),
            ),
      );
    } catch (e) {
      if (e.name !== 'AbortError') replace(body, errorAlert(e));
    }
  })();
}
