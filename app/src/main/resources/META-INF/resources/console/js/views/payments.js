// Payments: newest first, filtered by terminal, store, status, date range and amount range (all kept
// in the page's address); the filtered list downloads as CSV; UNKNOWN and flagged payments stand out.
import { ApiError, get, session } from '../api.js';
import { formatMoney } from '../i18n.js';
import { h, orDash, replace, route, time } from '../dom.js';
import { PAYMENT_STATUSES, alertBox, badge, channelName, cursorPager, explain, needsAttention, pageHeader } from '../ui.js';
import { t as tr } from '../i18n.js';

const PAGE_SIZE = 25;

/** The filters of the page besides the status: [query name, label, input type]. */
const FILTERS = () => [
  ['terminalId', tr('Terminal'), 'text'],
  ['storeId', tr('Store'), 'text'],
  ['from', tr('From (date)'), 'date'],
  ['to', tr('To (date, included)'), 'date'],
  ['minAmount', tr('Amount from'), 'text'],
  ['maxAmount', tr('Amount up to'), 'text'],
];

export function render(view, _params, ctx) {
  const filters = FILTERS();
  const values = Object.fromEntries(['status', ...filters.map(([name]) => name)].map((name) => [name, ctx.query.get(name) || '']));
  const body = h('div', { id: 'payments-body' }, h('p', { class: 'muted', role: 'status' }, tr('Loading payments…')));
  const exportMessage = h('div', { class: 'form-summary', id: 'export-message' });

  const statusSelect = h(
    'select',
    { id: 'status-filter', name: 'status' },
    h('option', { value: '' }, tr('All statuses')),
    PAYMENT_STATUSES.map((s) => h('option', { value: s, selected: s === values.status }, s === 'UNKNOWN' ? tr('UNKNOWN (needs checking)') : s.replace('_', ' '))),
  );
  const inputs = filters.map(([name, label, type]) => {
    const input = h('input', {
      id: `filter-${name}`,
      name,
      type,
      value: values[name],
      autocomplete: 'off',
      inputmode: name.endsWith('Amount') ? 'decimal' : null,
      spellcheck: type === 'text' ? 'false' : null,
    });
    return h('div', { class: 'field' }, h('label', { for: input.id }, label), input);
  });
  const filter = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': tr('Filter payments'), novalidate: true },
    h('div', { class: 'field' }, h('label', { for: 'status-filter' }, tr('Status')), statusSelect),
    inputs,
    h('div', { class: 'filter-actions' },
      h('button', { type: 'submit', class: 'button secondary', id: 'apply-filters' }, tr('Apply')),
      h('a', { class: 'button secondary', href: '#/payments', id: 'clear-filters' }, tr('Clear'))),
  );
  const apply = (event) => {
    if (event) event.preventDefault();
    const q = new URLSearchParams();
    for (const name of Object.keys(values)) {
      const value = String(filter.elements.namedItem(name).value || '').trim();
      if (value) q.set(name, value);
    }
    const qs = q.toString();
    ctx.navigate(qs ? `#/payments?${qs}` : '#/payments');
  };
  filter.addEventListener('submit', apply);
  statusSelect.addEventListener('change', apply);

  const exportButton = h('button', { type: 'button', class: 'button secondary', id: 'export-csv' }, tr('Download CSV'));
  exportButton.addEventListener('click', () => download(exportButton, exportMessage, apiQuery(values), ctx.signal));

  view.append(
    pageHeader(tr('Payments'), exportButton, h('a', { class: 'button', href: '#/payments/new' }, tr('Take a test payment'))),
    exportMessage,
    h('div', { class: 'card' }, filter, body),
  );

  const cursors = [null];
  const load = async () => {
    try {
      const page = await get('/api/v1/payments', { ...apiQuery(values), limit: PAGE_SIZE, cursor: cursors[cursors.length - 1] }, { signal: ctx.signal });
      const attention = page.items.filter(needsAttention).length;
      replace(
        body,
        attention ? alertBox('warning', tr(attention === 1 ? '{n} payment needs checking on this page: the outcome is unknown or the hub flagged it for review.' : '{n} payments need checking on this page: the outcome is unknown or the hub flagged it for review.', { n: attention })) : null,
        page.items.length ? paymentsTable(page.items, !values.terminalId) : h('p', { class: 'empty' }, tr('No payments match.')),
        cursorPager(page, cursors, load),
      );
    } catch (e) {
      if (e.name === 'AbortError') return;
      replace(body, e.endpointMissing ? alertBox('info', tr('This hub does not offer the payments API yet.')) : alertBox('error', explain(e)));
    }
  };
  load();
}

/** The page's filters as the API's query: dates become the instants of local midnights. */
function apiQuery(values) {
  const midnight = (date, days) => {
    const [y, m, d] = date.split('-').map(Number);
    if (!y || !m || !d) return date; // the hub says what is wrong with it
    return new Date(y, m - 1, d + days).toISOString();
  };
  return {
    status: values.status,
    terminalId: values.terminalId,
    storeId: values.storeId,
    from: values.from ? midnight(values.from, 0) : '',
    to: values.to ? midnight(values.to, 1) : '',
    minAmount: values.minAmount,
    maxAmount: values.maxAmount,
  };
}

/**
 * Downloads the filtered list as CSV: fetched with the key in the Authorization header (a link
 * could not carry it), then saved from a blob URL.
 */
async function download(button, message, query, signal) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v) params.set(k, v);
  const qs = params.toString();
  button.disabled = true;
  replace(message, h('p', { class: 'muted', role: 'status' }, tr('Preparing the CSV…')));
  try {
    const response = await fetch(qs ? `/api/v1/payments.csv?${qs}` : '/api/v1/payments.csv', {
      headers: { Accept: 'text/csv', Authorization: `Bearer ${session.key()}` },
      signal,
      cache: 'no-store',
      credentials: 'omit',
    });
    if (!response.ok) {
      const problem = await response.json().catch(() => ({ detail: `the hub answered HTTP ${response.status}` }));
      throw new ApiError(response.status, problem);
    }
    const blob = await response.blob();
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.setAttribute('href', url);
    link.setAttribute('download', `payments-${new Date().toISOString().slice(0, 10)}.csv`);
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
    replace(message, alertBox('success', h('span', { id: 'export-done' }, tr('CSV downloaded: the payments matching these filters.'))));
  } catch (e) {
    if (e.name === 'AbortError') return;
    replace(message, alertBox('error', explain(e.status === undefined ? new ApiError(0, { code: 'NETWORK_ERROR', detail: String(e.message || e) }) : e)));
  } finally {
    button.disabled = false;
  }
}

/** A table of payments; rows that need an operator are highlighted and say why in words. */
export function paymentsTable(items, withTerminal) {
  const headings = [tr('Payment'), tr('Status'), tr('Amount'), tr('Channel'), tr('Reference'), withTerminal ? tr('Terminal') : null, tr('Created')].filter(Boolean);
  return h(
    'table',
    { class: 'list payments' },
    h('caption', { class: 'visually-hidden' }, tr('Payments, newest first')),
    h('thead', {}, h('tr', {}, headings.map((t) => h('th', { scope: 'col' }, t)))),
    h(
      'tbody',
      {},
      items.map((p) =>
        h(
          'tr',
          { class: needsAttention(p) ? 'row-attention' : null, dataset: { paymentId: p.id, status: p.status } },
          h('th', { scope: 'row' }, h('a', { class: 'mono', href: route('payments', p.id) }, p.id)),
          h(
            'td',
            {},
            badge(p.status),
            p.reviewNote ? h('p', { class: 'flag' }, h('span', { 'aria-hidden': 'true' }, '⚑ '), tr('Review: '), p.reviewNote) : null,
            p.status === 'UNKNOWN' && !p.reviewNote ? h('p', { class: 'flag' }, h('span', { 'aria-hidden': 'true' }, '⚑ '), tr('Outcome unknown: check the terminal')) : null,
          ),
          h('td', { class: 'amount' }, money(p.amount, p.currency)),
          h('td', {}, channelName(p.channel)),
          h('td', {}, orDash(p.reference)),
          withTerminal ? h('td', {}, h('a', { class: 'mono', href: route('terminals', p.terminalId) }, p.terminalId)) : null,
          h('td', {}, time(p.createdAt)),
        ),
      ),
    ),
  );
}

export function money(amount, currency) {
  return formatMoney(amount, currency);
}
