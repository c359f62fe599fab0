// Notifications (unscoped admin keys only): QFPay's asynchronous notifications as the hub received
// them. The inbox, searched by status, syssn and out_trade_no and paged; one notification with its
// raw body and headers, what to do when it is parked or flagged, and re-apply; and the notification
// keys QFPay signs with: add (the key is typed once, then sealed and never shown again), list, remove.
import { api, get } from '../api.js';
import { h, orDash, replace, route, time } from '../dom.js';
import { formatCount, t } from '../i18n.js';
import { alertBox, clearErrors, confirmInline, cursorPager, details, errorAlert, field, pageHeader, showErrors, toneBadge, wordFor } from '../ui.js';

const PAGE_SIZE = 25;

/** The inbox's statuses, in the order an operator cares about them. */
const STATUSES = ['parked', 'review', 'rejected', 'verified', 'applied', 'ignored', 'duplicate'];

const TONE = { applied: 'ok', verified: 'progress', parked: 'attention', review: 'attention', rejected: 'bad', ignored: 'neutral', duplicate: 'neutral' };

const STATUS_WORDS = {
  applied: () => t('Applied'),
  verified: () => t('Verified'),
  parked: () => t('Parked'),
  review: () => t('Flagged for review'),
  rejected: () => t('Rejected'),
  ignored: () => t('Ignored'),
  duplicate: () => t('Duplicate'),
};

/** What an operator should do about a notification in this status (none: nothing). */
const WHAT_TO_DO = {
  parked: () => t('No payment or refund in the hub matches it yet. The hub applies it by itself as soon as the transaction appears. If it should match one now, check its out_trade_no against the payment, then re-apply; a payment taken outside this hub needs nothing.'),
  review: () => t('Applied, but its amount or currency differs from the transaction, which is flagged for review. Compare it with the terminal receipt and settle the payment on its page before the money is counted.'),
  rejected: () => t('Its signature matched no notification key: if QFPay really sent it, add the key QFPay gave you below. It is kept for audit and cannot be re-applied.'),
  verified: () => t('Verified and stored; the hub applies it within moments. If it stays here, re-apply it.'),
};

/** The short form of what to do, for a row of the inbox (the notification's page says it all). */
const SHORT_WHAT_TO_DO = {
  parked: () => t('Waiting for its payment or refund: open it for what to do.'),
  review: () => t('Amount or currency differs: check the payment.'),
  rejected: () => t('Signature matched no notification key.'),
};

const TYPE_WORDS = {
  payment: () => t('Payment'),
  refund: () => t('Refund'),
  'preauth-release': () => t('Pre-authorisation release'),
};

function statusLabel(status) {
  return wordFor(STATUS_WORDS, status, String(status));
}

function statusBadge(status) {
  return toneBadge(status, TONE[status] || 'bad', statusLabel(status));
}

function whatToDo(status) {
  return wordFor(WHAT_TO_DO, status, null);
}

function shortWhatToDo(status) {
  return wordFor(SHORT_WHAT_TO_DO, status, null);
}

function typeLabel(type) {
  return wordFor(TYPE_WORDS, type, orDash(type));
}

const reapplicable = (status) => status !== 'rejected' && status !== 'duplicate' && status !== 'applied';

export function render(view, params, ctx) {
  if (params.length) renderOne(view, params[0], ctx);
  else renderInbox(view, ctx);
}

function renderInbox(view, ctx) {
  const q = ctx.query;
  const filters = { status: q.get('status') || '', syssn: q.get('syssn') || '', outTradeNo: q.get('outTradeNo') || '' };
  const message = h('div', { class: 'form-summary', id: 'notify-message' });
  const counts = h('div', { id: 'inbox-counts' });
  const list = h('div', { id: 'inbox-list' }, h('p', { class: 'muted', role: 'status' }, t('Loading notifications…')));

  const statusSelect = h(
    'select',
    { id: 'inbox-status', name: 'status' },
    h('option', { value: '' }, t('All statuses')),
    STATUSES.map((s) => h('option', { value: s, selected: s === filters.status }, statusLabel(s))),
  );
  const syssnInput = h('input', { id: 'inbox-syssn', name: 'syssn', type: 'text', autocomplete: 'off', spellcheck: 'false', value: filters.syssn, inputmode: 'numeric' });
  const tradeInput = h('input', { id: 'inbox-out-trade-no', name: 'outTradeNo', type: 'text', autocomplete: 'off', spellcheck: 'false', value: filters.outTradeNo });
  const search = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': t('Search notifications'), id: 'inbox-search' },
    h('div', { class: 'field' }, h('label', { for: 'inbox-status' }, t('Status')), statusSelect),
    h('div', { class: 'field' }, h('label', { for: 'inbox-syssn' }, t('syssn (QFPay transaction number)')), syssnInput),
    h('div', { class: 'field' }, h('label', { for: 'inbox-out-trade-no' }, t('out_trade_no')), tradeInput),
    h('button', { type: 'submit', class: 'button secondary', id: 'inbox-search-button' }, t('Search')),
    filters.status || filters.syssn || filters.outTradeNo ? h('a', { href: '#/notifications', id: 'inbox-clear' }, t('Clear the search')) : null,
  );
  search.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = new URLSearchParams();
    if (statusSelect.value) next.set('status', statusSelect.value);
    if (syssnInput.value.trim()) next.set('syssn', syssnInput.value.trim());
    if (tradeInput.value.trim()) next.set('outTradeNo', tradeInput.value.trim());
    const qs = next.toString();
    ctx.navigate(qs ? `#/notifications?${qs}` : '#/notifications');
  });

  const keysMessage = h('div', { class: 'form-summary', id: 'notify-keys-message' });
  const keysList = h('div', { id: 'notify-keys-list' }, h('p', { class: 'muted', role: 'status' }, t('Loading…')));
  const keyForm = keyFormOf(ctx, keysMessage, () => loadKeys());

  view.append(
    pageHeader(t('Notifications')),
    message,
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'inbox-title', id: 'inbox' },
      h('h2', { id: 'inbox-title' }, t('Inbox')),
      h('p', { class: 'hint' }, t('Every notification QFPay sent to this hub, newest first, with what the hub did with it.')),
      counts,
      search,
      filters.status && whatToDo(filters.status) ? h('div', { id: 'inbox-guidance' }, alertBox('info', h('strong', {}, statusLabel(filters.status)), ': ', whatToDo(filters.status))) : null,
      list,
    ),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'notify-keys-title', id: 'notify-keys' },
      h('h2', { id: 'notify-keys-title' }, t('Notification keys')),
      h('p', { class: 'hint' }, t('QFPay signs each notification with the notification key it gave you (Odoo calls it "Notification Key"). The hub accepts a notification signed with any key below; add the new key before QFPay switches, remove the old one after.')),
      keysMessage,
      keysList,
      keyForm,
    ),
  );

  const cursors = [null];
  const load = async () => {
    try {
      const query = { status: filters.status, syssn: filters.syssn, outTradeNo: filters.outTradeNo, limit: PAGE_SIZE, cursor: cursors[cursors.length - 1] };
      const page = await get('/api/v1/notifications', query, { signal: ctx.signal });
      replace(
        list,
        page.items.length ? inboxTable(page.items) : h('p', { class: 'empty', id: 'inbox-empty' }, t('No notifications match.')),
        cursorPager(page, cursors, load),
      );
    } catch (e) {
      if (e.name !== 'AbortError') {
        replace(list, e.endpointMissing ? alertBox('info', t('This hub does not offer the notification inbox.')) : errorAlert(e));
        search.hidden = e.status === 403;
      }
    }
  };

  const loadCounts = async () => {
    try {
      const byStatus = await get('/api/v1/notifications/summary', {}, { signal: ctx.signal });
      replace(counts, countTiles(byStatus));
    } catch (e) {
      if (e.name !== 'AbortError') replace(counts);
    }
  };

  const loadKeys = async () => {
    try {
      const keys = await get('/api/v1/notification-keys', {}, { signal: ctx.signal });
      keyForm.hidden = false; // only a key that may list them (an unscoped admin) sees the form
      replace(keysList, keys.length ? keysTable(keys, ctx, keysMessage, loadKeys) : alertBox('warning', t('No notification key: every notification QFPay sends is rejected until you add one.')));
    } catch (e) {
      if (e.name !== 'AbortError') replace(keysList, errorAlert(e));
    }
  };

  // The three calls go out together: the first view is one round trip.
  load();
  loadCounts();
  loadKeys();
}

function countTiles(byStatus) {
  const total = Object.values(byStatus).reduce((a, b) => a + b, 0);
  return h(
    'ul',
    { class: 'tiles', 'aria-label': t('Notifications by status') },
    h('li', { class: 'tile' }, h('span', { class: 'tile-value' }, formatCount(total)), h('span', { class: 'tile-label' }, t('received in all'))),
    STATUSES.filter((s) => byStatus[s.toUpperCase()]).map((s) =>
      h(
        'li',
        { class: s === 'parked' || s === 'review' || s === 'rejected' ? 'tile tile-bad' : 'tile', dataset: { count: s } },
        h('a', { class: 'tile-value', href: `#/notifications?status=${s}` }, formatCount(byStatus[s.toUpperCase()]), h('span', { class: 'visually-hidden' }, ` ${statusLabel(s)}`)),
        h('span', { class: 'tile-label', 'aria-hidden': 'true' }, statusLabel(s)),
      ),
    ),
  );
}

function inboxTable(items) {
  return h(
    'table',
    { class: 'list', id: 'inbox-table' },
    h('caption', { class: 'visually-hidden' }, t('Notifications, newest first')),
    h('thead', {}, h('tr', {}, [t('Received'), t('Status'), t('Type'), t('syssn'), t('out_trade_no'), t('Note')].map((x) => h('th', { scope: 'col' }, x)))),
    h(
      'tbody',
      {},
      items.map((n) => {
        const todo = shortWhatToDo(n.status);
        return h(
          'tr',
          { class: n.status === 'parked' || n.status === 'review' || n.status === 'rejected' ? 'row-attention' : null, dataset: { notificationId: n.id, status: n.status, syssn: n.syssn || '' } },
          h('th', { scope: 'row' }, h('a', { href: route('notifications', n.id) }, time(n.receivedAt), h('span', { class: 'visually-hidden' }, ` ${t('Open')}`))),
          h('td', {}, statusBadge(n.status), todo ? h('p', { class: 'fix' }, todo) : null),
          h('td', {}, typeLabel(n.type)),
          h('td', { class: 'mono' }, orDash(n.syssn)),
          h('td', { class: 'mono' }, orDash(n.tradeRef)),
          h('td', {}, orDash(n.note)),
        );
      }),
    ),
  );
}

function keysTable(keys, ctx, message, reload) {
  return h(
    'table',
    { class: 'list', id: 'notify-keys-table' },
    h('caption', { class: 'visually-hidden' }, t('Notification keys')),
    h('thead', {}, h('tr', {}, [t('Key id'), t('Label'), t('Routes'), t('Added'), t('Actions')].map((x) => h('th', { scope: 'col' }, x)))),
    h(
      'tbody',
      {},
      keys.map((k) => {
        const config = k.source === 'config';
        const cell = h('td', {});
        if (config) replace(cell, h('span', { class: 'muted' }, t('Set in the configuration (ecrhub.notify.keys)')));
        else replace(cell, h('button', { type: 'button', class: 'button danger', dataset: { removeKey: k.id }, onclick: () => confirmRemove(k, ctx, message, reload) }, t('Remove'), h('span', { class: 'visually-hidden' }, ` ${k.id}`)));
        return h(
          'tr',
          { dataset: { keyId: k.id, source: k.source } },
          h('th', { scope: 'row', class: 'mono' }, k.id),
          h('td', {}, config ? h('span', { class: 'muted' }, t('From the configuration')) : orDash(k.description)),
          h('td', {}, k.routes && k.routes.length ? k.routes.join(', ') : h('span', { class: 'muted' }, t('Any notification'))),
          h('td', {}, config ? h('span', { class: 'muted' }, '—') : time(k.createdAt)),
          cell,
        );
      }),
    ),
  );
}

function confirmRemove(k, ctx, message, reload) {
  confirmInline(
    message,
    { question: t('Remove the notification key "{id}"? Notifications QFPay signs with it are rejected from then on.', { id: k.id }), confirm: t('Remove key'), id: 'confirm-remove-key', keep: t('Keep it'), once: true },
    async () => {
      await api('DELETE', `/api/v1/notification-keys/${encodeURIComponent(k.id)}`, { signal: ctx.signal });
      replace(message, alertBox('success', t('Notification key "{id}" removed: notifications signed with it are rejected from now on.', { id: k.id })));
      reload();
    },
  );
}

function keyFormOf(ctx, message, reload) {
  const summary = h('div', { class: 'form-summary' });
  const keyInput = h('input', { name: 'key', type: 'password', autocomplete: 'new-password', spellcheck: 'false', required: true, maxlength: 256 });
  const form = h(
    'form',
    { class: 'form', novalidate: true, 'aria-labelledby': 'add-notify-key-title', id: 'add-notify-key', hidden: true },
    h('h3', { id: 'add-notify-key-title' }, t('Add a notification key')),
    summary,
    field(t('Notification key'), keyInput, t('As QFPay gave it to you. It is sealed at rest and never shown again, not even here.')),
    field(t('Label'), h('input', { name: 'description', type: 'text', autocomplete: 'off', maxlength: 200 }), t('Optional: which merchant or app the key belongs to, e.g. "Shop A (app code 1234)".')),
    h(
      'div',
      { class: 'row' },
      field(t('Key id'), h('input', { name: 'id', type: 'text', autocomplete: 'off', spellcheck: 'false', maxlength: 64 }), t('Optional: a-z, 0-9, _ or -; generated when left empty.')),
      field(t('Routes'), h('input', { name: 'routes', type: 'text', autocomplete: 'off', spellcheck: 'false' }), t('Optional, comma-separated merchant or app codes or out_trade_no prefixes: the key is tried first for them.')),
    ),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'button', id: 'add-notify-key-button' }, t('Add key'))),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const values = new FormData(form);
    const routes = String(values.get('routes') || '').split(',').map((s) => s.trim()).filter(Boolean);
    const text = (name) => String(values.get(name) || '').trim() || undefined;
    const body = { id: text('id'), key: String(values.get('key') || '') || undefined, description: text('description'), routes: routes.length ? routes : undefined };
    const submit = form.querySelector('button[type=submit]');
    clearErrors(form, summary);
    submit.disabled = true;
    try {
      const added = await api('POST', '/api/v1/notification-keys', { body, signal: ctx.signal });
      form.reset(); // the key leaves the page at once
      replace(message, alertBox('success', t('Notification key "{id}" added. The hub keeps it sealed and never shows it again.', { id: added.id })));
      reload();
    } catch (e) {
      if (e.name !== 'AbortError') showErrors(form, summary, e);
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

function renderOne(view, id, ctx) {
  const message = h('div', { class: 'form-summary', id: 'notification-message' });
  const body = h('div', { id: 'notification' }, h('p', { class: 'muted', role: 'status' }, t('Loading…')));
  view.append(
    pageHeader(t('Notification'), h('a', { class: 'button secondary', href: '#/notifications' }, t('← All notifications'))),
    message,
    body,
  );

  const load = async () => {
    try {
      const n = await get(`/api/v1/notifications/${encodeURIComponent(id)}`, {}, { signal: ctx.signal });
      draw(n);
    } catch (e) {
      if (e.name !== 'AbortError') replace(body, errorAlert(e));
    }
  };

  const reapply = async (button) => {
    button.disabled = true;
    replace(message, h('p', { class: 'muted', role: 'status' }, t('Applying…')));
    try {
      const r = await api('POST', `/api/v1/notifications/${encodeURIComponent(id)}/reapply`, { signal: ctx.signal });
      replace(
        message,
        alertBox(
          r.status === 'applied' ? 'success' : 'info',
          h('p', { id: 'reapply-result', dataset: { status: r.status } }, t('Re-applied: now {status}.', { status: statusLabel(r.status) }), r.note ? ` ${r.note}` : ''),
          r.transactionId ? h('p', {}, t('Transaction: '), txLink(r.transactionId)) : null,
        ),
      );
      load();
    } catch (e) {
      if (e.name !== 'AbortError') replace(message, errorAlert(e));
      button.disabled = false;
    }
  };

  const draw = (n) => {
    const s = n.summary;
    const todo = whatToDo(s.status);
    const button = reapplicable(s.status) ? h('button', { type: 'button', class: 'button', id: 'reapply' }, t('Re-apply')) : null;
    if (button) button.addEventListener('click', () => reapply(button));
    replace(
      body,
      h(
        'section',
        { class: 'card', 'aria-labelledby': 'notification-what', dataset: { status: s.status } },
        h('div', { class: 'section-header' }, h('h2', { id: 'notification-what' }, typeLabel(s.type), ' ', h('span', { class: 'mono' }, s.syssn || '')), statusBadge(s.status)),
        todo ? alertBox(s.status === 'verified' ? 'info' : 'warning', h('strong', {}, t('What to do: ')), todo) : null,
        details([
          [t('Received'), time(s.receivedAt)],
          [t('Status'), statusLabel(s.status)],
          [t('syssn'), h('span', { class: 'mono' }, orDash(s.syssn))],
          [t('out_trade_no'), h('span', { class: 'mono' }, orDash(s.tradeRef))],
          s.syssnRef && s.syssnRef !== s.syssn ? [t('Original syssn'), h('span', { class: 'mono' }, s.syssnRef)] : null,
          [t('Verified with key'), h('span', { class: 'mono' }, orDash(s.keyId))],
          [t('Sent from'), h('span', { class: 'mono' }, orDash(s.sourceAddress))],
          [t('Note'), orDash(s.note)],
        ]),
        button ? h('div', { class: 'form-actions actions-row' }, button, h('span', { class: 'hint' }, t('Re-applying is safe: a notification already applied changes nothing.'))) : null,
      ),
      h(
        'section',
        { class: 'card', 'aria-labelledby': 'raw-title' },
        h('h2', { id: 'raw-title' }, t('Raw body')),
        h('p', { class: 'hint' }, t('Exactly as QFPay sent it (the signature covers these bytes).')),
        h('pre', { class: 'raw', id: 'raw-body', tabindex: '0', 'aria-labelledby': 'raw-title' }, n.rawBody),
        n.headers && Object.keys(n.headers).length
          ? [
              h('h3', {}, t('Headers')),
              h('dl', { class: 'details', id: 'raw-headers' }, Object.entries(n.headers).map(([k, v]) => [h('dt', { class: 'mono' }, k), h('dd', { class: 'mono' }, v)])),
            ]
          : null,
      ),
    );
  };

  load();
}

function txLink(id) {
  const text = String(id);
  if (text.startsWith('pay_')) return h('a', { class: 'mono', href: route('payments', text) }, text);
  return h('span', { class: 'mono' }, text);
}
