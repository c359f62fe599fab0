// Payments: newest first, filtered by status (and terminal); UNKNOWN and flagged payments stand out.
import { get } from '../api.js';
import { formatMoney } from '../i18n.js';
import { h, orDash, replace, route, time } from '../dom.js';
import { PAYMENT_STATUSES, alertBox, badge, channelName, explain, needsAttention, pageHeader, pager } from '../ui.js';
import { t as tr } from '../i18n.js';

const PAGE_SIZE = 25;

export function render(view, _params, ctx) {
  const status = ctx.query.get('status') || '';
  const terminalId = ctx.query.get('terminalId') || '';
  const body = h('div', {}, h('p', { class: 'muted', role: 'status' }, tr('Loading payments…')));

  const statusSelect = h(
    'select',
    { id: 'status-filter', name: 'status' },
    h('option', { value: '' }, tr('All statuses')),
    PAYMENT_STATUSES.map((s) => h('option', { value: s, selected: s === status }, s === 'UNKNOWN' ? tr('UNKNOWN (needs checking)') : s.replace('_', ' '))),
  );
  const filter = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': tr('Filter payments') },
    h('div', { class: 'field' }, h('label', { for: 'status-filter' }, tr('Status')), statusSelect),
    terminalId
      ? h('p', { class: 'filter-chip' }, tr('Terminal '), h('a', { class: 'mono', href: route('terminals', terminalId) }, terminalId), ' ', h('a', { href: status ? `#/payments?status=${encodeURIComponent(status)}` : '#/payments', 'aria-label': tr('Show payments on every terminal') }, '✕'))
      : null,
    h('button', { type: 'submit', class: 'button secondary' }, tr('Apply')),
  );
  const apply = (event) => {
    if (event) event.preventDefault();
    const q = new URLSearchParams();
    if (statusSelect.value) q.set('status', statusSelect.value);
    if (terminalId) q.set('terminalId', terminalId);
    const qs = q.toString();
    ctx.navigate(qs ? `#/payments?${qs}` : '#/payments');
  };
  filter.addEventListener('submit', apply);
  statusSelect.addEventListener('change', apply);

  view.append(
    pageHeader(tr('Payments'), h('a', { class: 'button', href: '#/payments/new' }, tr('Take a test payment'))),
    h('div', { class: 'card' }, filter, body),
  );

  const cursors = [null];
  const load = async () => {
    try {
      const page = await get('/api/v1/payments', { status, terminalId, limit: PAGE_SIZE, cursor: cursors[cursors.length - 1] }, { signal: ctx.signal });
      const attention = page.items.filter(needsAttention).length;
      replace(
        body,
        attention ? alertBox('warning', tr(attention === 1 ? '{n} payment needs checking on this page: the outcome is unknown or the hub flagged it for review.' : '{n} payments need checking on this page: the outcome is unknown or the hub flagged it for review.', { n: attention })) : null,
        page.items.length ? paymentsTable(page.items, !terminalId) : h('p', { class: 'empty' }, tr('No payments match.')),
        pager(page, {
          hasPrevious: cursors.length > 1,
          onNext: () => {
            cursors.push(page.nextCursor);
            load();
          },
          onPrevious: () => {
            cursors.pop();
            load();
          },
        }),
      );
    } catch (e) {
      if (e.name === 'AbortError') return;
      replace(body, e.endpointMissing ? alertBox('info', tr('This hub does not offer the payments API yet.')) : alertBox('error', explain(e)));
    }
  };
  load();
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
