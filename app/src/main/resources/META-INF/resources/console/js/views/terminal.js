// One terminal: its settings and status, diagnostics, recent payments, enable/disable, remove.
import { api, follow, get } from '../api.js';
import { h, orDash, replace, time } from '../dom.js';
import { alertBox, badge, details, errorAlert, explain, pageHeader } from '../ui.js';
import { renderDiagnostics } from './diagnostics.js';
import { paymentsTable } from './payments.js';
import { address, modelName } from './terminals.js';

export function render(view, [id], ctx) {
  const header = pageHeader('Terminal');
  const info = h('section', { class: 'card', 'aria-labelledby': 'terminal-info' }, h('p', { class: 'muted', role: 'status' }, 'Loading…'));
  const diagnostics = h('section', { class: 'card', 'aria-labelledby': 'diagnostics-title' });
  const recent = h('section', { class: 'card', 'aria-labelledby': 'recent-title' });
  view.append(header, info, diagnostics, recent);

  const show = (t) => {
    replace(header.querySelector('h1'), t.name);
    replace(
      header.querySelector('.actions'),
      h('a', { class: 'button', href: `#/payments/new?terminalId=${encodeURIComponent(t.id)}` }, 'Take a test payment'),
      h('button', { type: 'button', class: 'button secondary', onclick: () => toggle(t) }, t.status === 'DISABLED' ? 'Enable' : 'Disable'),
      h('button', { type: 'button', class: 'button danger', onclick: () => confirmRemove(t) }, 'Remove…'),
    );
    replace(
      info,
      h('h2', { id: 'terminal-info' }, 'Status and settings'),
      h(
        'div',
        { class: `status-box ${t.status === 'ONLINE' ? 'ok' : 'attention'}` },
        badge(t.status),
        h('p', {}, t.statusMeaning),
        t.statusDetail ? h('p', { class: 'muted' }, t.statusDetail) : null,
        t.statusFix ? h('p', { class: 'fix' }, h('strong', {}, 'What to do: '), t.statusFix) : null,
      ),
      details([
        ['Id', h('span', { class: 'mono' }, t.id)],
        ['Address', h('span', { class: 'mono' }, address(t))],
        ['Encryption', t.encryption ? 'AES on' : 'off'],
        ['Model', modelName(t.model)],
        ['Haojin app', orDash(t.appVersion)],
        ['Store', orDash(t.storeId)],
        ['Device id', orDash(t.deviceId)],
        ['POS key fingerprint', h('span', { class: 'mono', title: 'SHA-256 of the key, first 8 hex digits: compare with the key in MMS' }, orDash(t.posKeyFingerprint))],
        ['Registered', time(t.createdAt)],
        ['Changed', time(t.updatedAt)],
      ]),
    );
  };

  const message = h('div', { class: 'form-summary' });
  info.before(message);

  const load = async () => {
    try {
      const t = await get(`/api/v1/terminals/${encodeURIComponent(id)}`, {}, { signal: ctx.signal });
      show(t);
      return t;
    } catch (e) {
      if (e.name !== 'AbortError') replace(info, errorAlert(e));
      return null;
    }
  };

  const toggle = async (t) => {
    try {
      const changed = await api('PATCH', `/api/v1/terminals/${encodeURIComponent(t.id)}`, {
        body: { enabled: t.status === 'DISABLED' },
        signal: ctx.signal,
      });
      replace(message, alertBox('success', changed.status === 'DISABLED' ? 'Terminal disabled: it takes no payments.' : 'Terminal enabled.'));
      show(changed);
    } catch (e) {
      if (e.name !== 'AbortError') replace(message, errorAlert(e));
    }
  };

  const confirmRemove = (t) => {
    const yes = h('button', { type: 'button', class: 'button danger' }, 'Remove terminal');
    const no = h('button', { type: 'button', class: 'button secondary', onclick: () => replace(message) }, 'Keep it');
    yes.addEventListener('click', async () => {
      try {
        await api('DELETE', `/api/v1/terminals/${encodeURIComponent(t.id)}`, { signal: ctx.signal });
        ctx.flash('success', `Terminal "${t.name}" removed.`);
        ctx.navigate('#/terminals');
      } catch (e) {
        if (e.name !== 'AbortError') replace(message, errorAlert(e));
      }
    });
    replace(message, alertBox('warning', h('p', {}, `Remove "${t.name}" from the hub? Its payments stay on record.`), h('div', { class: 'form-actions' }, yes, no)));
    no.focus();
  };

  // Payments on this terminal change live: refresh the recent ones on each of its events.
  let stop = null;
  load().then((t) => {
    if (!t) {
      diagnostics.remove();
      recent.remove();
      return;
    }
    renderDiagnostics(diagnostics, t, ctx);
    const refreshRecent = () => renderRecent(recent, t, ctx);
    refreshRecent();
    if (!ctx.signal.aborted) {
      let timer = null;
      stop = follow(`/api/v1/terminals/${encodeURIComponent(t.id)}/events`, {
        onEvent: () => {
          clearTimeout(timer);
          timer = setTimeout(refreshRecent, 300);
        },
        onState: () => {},
      });
    }
  });
  return () => {
    if (stop) stop();
  };
}

async function renderRecent(section, t, ctx) {
  let body = section.querySelector('.recent-body');
  if (!body) {
    body = h('div', { class: 'recent-body' }, h('p', { class: 'muted' }, 'Loading…'));
    replace(
      section,
      h('div', { class: 'section-header' }, h('h2', { id: 'recent-title' }, 'Recent payments'), h('a', { href: `#/payments?terminalId=${encodeURIComponent(t.id)}` }, 'All payments on this terminal')),
      body,
    );
  }
  try {
    const page = await get('/api/v1/payments', { terminalId: t.id, limit: 10 }, { signal: ctx.signal });
    replace(body, page.items.length ? paymentsTable(page.items, false) : h('p', { class: 'empty' }, 'No payments on this terminal yet.'));
  } catch (e) {
    if (e.name === 'AbortError') return;
    replace(body, e.endpointMissing ? h('p', { class: 'muted' }, 'This hub does not offer the payments API yet.') : alertBox('error', explain(e)));
  }
}

