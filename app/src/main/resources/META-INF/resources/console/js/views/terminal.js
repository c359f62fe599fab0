// One terminal: its settings and status, TLS certificate pin (approve a changed one), diagnostics,
// recent payments, enable/disable, remove.
import { api, follow, get } from '../api.js';
import { h, orDash, replace, time } from '../dom.js';
import { alertBox, badge, confirmInline, details, errorAlert, explain, pageHeader } from '../ui.js';
import { renderDiagnostics } from './diagnostics.js';
import { paymentsTable } from './payments.js';
import { address, modelName } from './terminals.js';
import { t as tr } from '../i18n.js';

export function render(view, [id], ctx) {
  const header = pageHeader(tr('Terminal'));
  const info = h('section', { class: 'card', 'aria-labelledby': 'terminal-info' }, h('p', { class: 'muted', role: 'status' }, tr('Loading…')));
  const certificate = h('section', { class: 'card', id: 'certificate', 'aria-labelledby': 'certificate-title', hidden: true });
  const diagnostics = h('section', { class: 'card', 'aria-labelledby': 'diagnostics-title' });
  const recent = h('section', { class: 'card', 'aria-labelledby': 'recent-title' });
  view.append(header, info, certificate, diagnostics, recent);

  const show = (t) => {
    replace(header.querySelector('h1'), t.name);
    replace(
      header.querySelector('.actions'),
      h('a', { class: 'button', href: `#/payments/new?terminalId=${encodeURIComponent(t.id)}` }, tr('Take a test payment')),
      h('button', { type: 'button', class: 'button secondary', onclick: () => toggle(t) }, t.status === 'DISABLED' ? tr('Enable') : tr('Disable')),
      h('button', { type: 'button', class: 'button danger', onclick: () => confirmRemove(t) }, tr('Remove…')),
    );
    replace(
      info,
      h('h2', { id: 'terminal-info' }, tr('Status and settings')),
      h(
        'div',
        { class: `status-box ${t.status === 'ONLINE' ? 'ok' : 'attention'}` },
        badge(t.status),
        h('p', {}, t.statusMeaning),
        t.statusDetail ? h('p', { class: 'muted' }, t.statusDetail) : null,
        t.statusFix ? h('p', { class: 'fix' }, h('strong', {}, tr('What to do: ')), t.statusFix) : null,
      ),
      details([
        [tr('Id'), h('span', { class: 'mono' }, t.id)],
        [tr('Address'), h('span', { class: 'mono' }, address(t))],
        [tr('Encryption'), t.encryption ? tr('AES on') : tr('off')],
        [tr('Model'), modelName(t.model)],
        [tr('Haojin app'), orDash(t.appVersion)],
        [tr('Store'), orDash(t.storeId)],
        [tr('Device id'), orDash(t.deviceId)],
        [tr('POS key fingerprint'), h('span', { class: 'mono', title: tr('SHA-256 of the key, first 8 hex digits: compare with the key in MMS') }, orDash(t.posKeyFingerprint))],
        [tr('Registered'), time(t.createdAt)],
        [tr('Changed'), time(t.updatedAt)],
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
      replace(message, alertBox('success', changed.status === 'DISABLED' ? tr('Terminal disabled: it takes no payments.') : tr('Terminal enabled.')));
      show(changed);
    } catch (e) {
      if (e.name !== 'AbortError') replace(message, errorAlert(e));
    }
  };

  const confirmRemove = (t) => {
    confirmInline(message, { question: tr('Remove "{name}" from the hub? Its payments stay on record.', { name: t.name }), confirm: tr('Remove terminal'), keep: tr('Keep it') }, async () => {
      await api('DELETE', `/api/v1/terminals/${encodeURIComponent(t.id)}`, { signal: ctx.signal });
      ctx.flash('success', tr('Terminal "{name}" removed.', { name: t.name }));
      ctx.navigate('#/terminals');
    });
  };

  // Payments on this terminal change live: refresh the recent ones on each of its events.
  let stop = null;
  load().then((t) => {
    if (!t) {
      certificate.remove();
      diagnostics.remove();
      recent.remove();
      return;
    }
    renderCertificate(certificate, t, ctx, load);
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

/** The pinned TLS leaf and a changed one awaiting approval (admins only; hidden for cashiers). */
async function renderCertificate(section, t, ctx, reloadTerminal) {
  const path = `/api/v1/terminals/${encodeURIComponent(t.id)}/certificate`;
  let pin;
  try {
    pin = await get(path, {}, { signal: ctx.signal });
  } catch (e) {
    if (e.name === 'AbortError') return;
    section.hidden = e.status === 403 || e.endpointMissing;
    if (!section.hidden) replace(section, h('h2', { id: 'certificate-title' }, tr('TLS certificate')), errorAlert(e));
    return;
  }
  section.hidden = false;
  const note = h('div', { class: 'form-summary', id: 'certificate-message' });
  const parts = [h('h2', { id: 'certificate-title' }, tr('TLS certificate')), note];
  if (pin.pending) {
    const approve = h('button', { type: 'button', class: 'button', id: 'approve-certificate' }, tr('Approve this certificate'));
    approve.addEventListener('click', async () => {
      approve.disabled = true;
      try {
        await api('POST', `${path}/approve`, { body: { fingerprint: pin.pending.sha256 }, signal: ctx.signal });
        await renderCertificate(section, t, ctx, reloadTerminal);
        replace(section.querySelector('#certificate-message'), alertBox('success', tr('Certificate approved: the next request to the terminal uses it.')));
        reloadTerminal();
      } catch (e) {
        if (e.name === 'AbortError') return;
        replace(note, errorAlert(e));
        approve.disabled = false;
      }
    });
    parts.push(
      alertBox(
        'warning',
        h('p', {}, tr('The terminal presented a different certificate; the hub refuses to talk to it until you approve it. Check on the terminal (an IP change or an app reinstall regenerates the certificate) that this is its fingerprint.')),
        h('div', { id: 'pending-certificate' }, leafDetails(pin.pending, [[tr('First seen'), time(pin.pendingSince)]])),
        h('div', { class: 'form-actions' }, approve),
      ),
    );
  }
  if (pin.pinned) {
    parts.push(h('h3', {}, tr('Pinned')), h('div', { id: 'pinned-certificate' }, leafDetails(pin.pinned, [[tr('Pinned'), time(pin.pinnedAt)]])));
  } else if (!pin.pending) {
    parts.push(h('p', { class: 'muted' }, t.transport === 'HTTPS' ? tr('No certificate pinned yet: the hub pins the first trusted certificate the terminal presents.') : tr('The terminal is not reached over HTTPS.')));
  }
  replace(section, ...parts);
}

function leafDetails(leaf, extra) {
  return details([
    ['SHA-256', h('span', { class: 'mono fingerprint' }, leaf.sha256Colons || leaf.sha256)],
    [tr('Subject'), orDash(leaf.subject)],
    [tr('Names (SAN)'), orDash((leaf.subjectAltNames || []).join(', '))],
    [tr('Valid'), h('span', {}, time(leaf.notBefore), ' – ', time(leaf.notAfter))],
    ...extra,
  ]);
}

async function renderRecent(section, t, ctx) {
  let body = section.querySelector('.recent-body');
  if (!body) {
    body = h('div', { class: 'recent-body' }, h('p', { class: 'muted' }, tr('Loading…')));
    replace(
      section,
      h('div', { class: 'section-header' }, h('h2', { id: 'recent-title' }, tr('Recent payments')), h('a', { href: `#/payments?terminalId=${encodeURIComponent(t.id)}` }, tr('All payments on this terminal'))),
      body,
    );
  }
  try {
    const page = await get('/api/v1/payments', { terminalId: t.id, limit: 10 }, { signal: ctx.signal });
    replace(body, page.items.length ? paymentsTable(page.items, false) : h('p', { class: 'empty' }, tr('No payments on this terminal yet.')));
  } catch (e) {
    if (e.name === 'AbortError') return;
    replace(body, e.endpointMissing ? h('p', { class: 'muted' }, tr('This hub does not offer the payments API yet.')) : alertBox('error', explain(e)));
  }
}

