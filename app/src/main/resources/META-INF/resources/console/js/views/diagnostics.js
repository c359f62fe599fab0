// "Run diagnostics" on a terminal: POST /api/v1/terminals/{id}/diagnostics (admin), rendered as
// pass/warn/fail checks. Hubs without the endpoint answer 404: the console says so and moves on.
import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { alertBox, badge, explain } from '../ui.js';
import { t as tr } from '../i18n.js';

const NORMAL = { OK: 'PASS', PASSED: 'PASS', SUCCESS: 'PASS', WARNING: 'WARN', FAILED: 'FAIL', ERROR: 'FAIL', SKIPPED: 'SKIP' };

export function renderDiagnostics(section, t, ctx) {
  const result = h('div', { class: 'diagnostics', 'aria-live': 'polite' });
  const button = h('button', { type: 'button', class: 'button', id: 'run-diagnostics' }, tr('Run diagnostics'));
  replace(
    section,
    h('div', { class: 'section-header' }, h('h2', { id: 'diagnostics-title' }, tr('Diagnostics')), button),
    h('p', { class: 'muted' }, tr('Checks the network path, transport, certificate and POS key against the terminal, step by step.')),
    result,
  );
  button.addEventListener('click', async () => {
    button.disabled = true;
    replace(result, h('p', { class: 'muted', role: 'status' }, tr('Running diagnostics… this can take up to a minute if the terminal does not answer.')));
    try {
      const path = `/api/v1/terminals/${encodeURIComponent(t.id)}/diagnostics`;
      const report = await api('POST', path, { signal: ctx.signal });
      replace(result, checks(report));
    } catch (e) {
      if (e.name === 'AbortError') return;
      replace(
        result,
        e.endpointMissing
          ? alertBox('info', tr('This hub does not offer diagnostics yet (the diagnostics endpoint answered 404). The status above is what the hub last learned from the terminal.'))
          : alertBox('error', explain(e)),
      );
    } finally {
      button.disabled = false;
    }
  });
}

/** Accepts {checks:[...]}, {results:[...]} or a bare array; each check {name, status, detail, fix}. */
function checks(report) {
  const list = Array.isArray(report) ? report : (report && (report.checks || report.results || report.steps)) || [];
  const overall = report && !Array.isArray(report) ? normal(report.overall || report.status || report.result) : null;
  if (list.length === 0) return alertBox('info', tr('The hub returned no checks.'));
  const counts = { PASS: 0, WARN: 0, FAIL: 0 };
  const items = list.map((c) => {
    const status = normal(c.status || c.result || c.outcome || c.level) || 'SKIP';
    if (status in counts) counts[status] += 1;
    return h(
      'li',
      { class: `check ${status.toLowerCase()}`, dataset: { status } },
      badge(status),
      h(
        'div',
        {},
        h('p', { class: 'check-name' }, String(c.name || c.title || c.check || c.id || 'check')),
        c.detail || c.message || c.description ? h('p', {}, String(c.detail || c.message || c.description)) : null,
        c.fix || c.hint || c.remedy ? h('p', { class: 'fix' }, h('strong', {}, tr('Fix: ')), String(c.fix || c.hint || c.remedy)) : null,
      ),
    );
  });
  const verdict = overall || (counts.FAIL ? 'FAIL' : counts.WARN ? 'WARN' : 'PASS');
  return h(
    'div',
    {},
    h('p', { class: 'summary', role: 'status' }, badge(verdict), ' ' + tr('{pass} passed, {warn} warnings, {fail} failed', { pass: counts.PASS, warn: counts.WARN, fail: counts.FAIL })),
    h('ol', { class: 'checks' }, items),
  );
}

function normal(status) {
  if (!status) return null;
  const s = String(status).toUpperCase();
  return NORMAL[s] || s;
}
