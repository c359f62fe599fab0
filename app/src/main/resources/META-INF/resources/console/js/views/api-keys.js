// API keys (unscoped admin keys only): create one with a role, an optional scope and a label; the
// key is shown once, with a copy button; list them and revoke one.
import { api, get } from '../api.js';
import { h, orDash, replace, time } from '../dom.js';
import { t } from '../i18n.js';
import { alertBox, badge, clearErrors, confirmInline, cursorPager, errorAlert, field, pageHeader, showErrors, shownOnce } from '../ui.js';

const PAGE_SIZE = 50;

export function render(view, _params, ctx) {
  const message = h('div', { class: 'form-summary', id: 'keys-message' });
  const summary = h('div', { class: 'form-summary' });
  const list = h('div', { id: 'keys-list' }, h('p', { class: 'muted', role: 'status' }, t('Loading…')));
  const form = h(
    'form',
    { class: 'card form', novalidate: true, 'aria-labelledby': 'create-key-title', id: 'create-key', hidden: true },
    h('h2', { id: 'create-key-title' }, t('Create an API key')),
    summary,
    field(t('Label'), h('input', { name: 'name', type: 'text', autocomplete: 'off', required: true, maxlength: 100 }), t('Who or what uses it, e.g. "Till 3" or "Odoo".')),
    field(
      t('Role'),
      h('select', { name: 'role' }, h('option', { value: 'cashier' }, t('Cashier: takes payments and refunds')), h('option', { value: 'admin' }, t('Admin: also manages terminals'))),
    ),
    h(
      'div',
      { class: 'row' },
      field(t('Stores'), h('input', { name: 'stores', type: 'text', autocomplete: 'off' }), t('Optional, comma-separated store ids: the key reaches only their terminals.')),
      field(t('Terminals'), h('input', { name: 'terminals', type: 'text', autocomplete: 'off' }), t('Optional, comma-separated terminal ids.')),
    ),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'button', id: 'create-key-button' }, t('Create key'))),
  );
  view.append(pageHeader(t('API keys')), message, form, h('section', { class: 'card', 'aria-labelledby': 'keys-title' }, h('h2', { id: 'keys-title' }, t('Keys')), list));

  const ids = (text) => String(text || '').split(',').map((s) => s.trim()).filter(Boolean);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const values = new FormData(form);
    const stores = ids(values.get('stores'));
    const terminals = ids(values.get('terminals'));
    const body = {
      name: String(values.get('name') || '').trim() || undefined,
      role: values.get('role'),
      scope: stores.length || terminals.length ? { stores, terminals } : undefined,
    };
    const submit = form.querySelector('button[type=submit]');
    clearErrors(form, summary);
    submit.disabled = true;
    try {
      const created = await api('POST', '/api/v1/api-keys', { body, signal: ctx.signal });
      form.reset();
      replace(message, shownKey(created));
      message.querySelector('input').focus();
      load();
    } catch (e) {
      if (e.name !== 'AbortError') showErrors(form, summary, e);
    } finally {
      submit.disabled = false;
    }
  });

  const cursors = [null];
  const load = async () => {
    try {
      const page = await get('/api/v1/api-keys', { limit: PAGE_SIZE, cursor: cursors[cursors.length - 1] }, { signal: ctx.signal });
      form.hidden = false; // only a key that may list keys (an unscoped admin) sees the form
      replace(
        list,
        page.items.length ? table(page.items) : h('p', { class: 'empty' }, t('No API keys.')),
        cursorPager(page, cursors, load),
      );
    } catch (e) {
      if (e.name !== 'AbortError') replace(list, errorAlert(e));
    }
  };

  const revoke = (k, cell) => {
    confirmInline(
      message,
      { question: t('Revoke "{name}"? Every till or system using it stops working at once.', { name: k.name }), confirm: t('Revoke key'), id: 'confirm-revoke', keep: t('Keep it'), once: true },
      async () => {
        await api('DELETE', `/api/v1/api-keys/${encodeURIComponent(k.id)}`, { signal: ctx.signal });
        replace(message, alertBox('success', t('Key "{name}" revoked: requests with it are refused from now on.', { name: k.name })));
        load();
      },
    );
    return cell;
  };

  const table = (items) =>
    h(
      'table',
      { class: 'list', id: 'keys-table' },
      h('caption', { class: 'visually-hidden' }, t('API keys')),
      h('thead', {}, h('tr', {}, [t('Label'), t('Role'), t('Scope'), t('Starts with'), t('Created'), t('Status')].map((x) => h('th', { scope: 'col' }, x)))),
      h(
        'tbody',
        {},
        items.map((k) => {
          const cell = h('td', {});
          if (k.revokedAt) replace(cell, h('span', { class: 'muted' }, t('Revoked')), ' ', time(k.revokedAt));
          else replace(cell, h('button', { type: 'button', class: 'button danger', dataset: { revoke: k.id }, onclick: () => revoke(k, cell) }, t('Revoke'), h('span', { class: 'visually-hidden' }, ` ${k.name}`)));
          return h(
            'tr',
            { dataset: { keyId: k.id, revoked: k.revokedAt ? 'true' : 'false' } },
            h('th', { scope: 'row' }, k.name),
            h('td', {}, badge(k.role === 'admin' ? 'ADMIN' : 'CASHIER')),
            h('td', {}, scopeText(k.scope)),
            h('td', { class: 'mono' }, orDash(k.prefix)),
            h('td', {}, time(k.createdAt)),
            cell,
          );
        }),
      ),
    );

  load();
}

function scopeText(scope) {
  if (!scope) return t('Every terminal');
  const parts = [];
  if (scope.stores && scope.stores.length) parts.push(t('Stores: {list}', { list: scope.stores.join(', ') }));
  if (scope.terminals && scope.terminals.length) parts.push(t('Terminals: {list}', { list: scope.terminals.join(', ') }));
  return parts.join(' · ');
}

/** The new key, shown this once, with a copy button. */
function shownKey(created) {
  return shownOnce({
    ids: { input: 'new-key', copy: 'copy-key', status: 'copy-status' },
    value: created.key,
    title: t('Key "{name}" created.', { name: created.name }),
    lead: t('Copy it now: the hub keeps only its hash and never shows it again.'),
    label: t('The new API key'),
    notCopied: t('Copying is not allowed here: the key is selected, press Ctrl+C (⌘C).'),
    hint: t('Give it to its till or system through a secure channel.'),
  });
}
