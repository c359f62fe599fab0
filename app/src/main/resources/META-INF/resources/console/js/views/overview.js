// The landing page: is every terminal working, what came in today, and is any money in doubt?
// One request (GET /api/v1/overview) draws the first view. It then stays live: it follows the hub's
// fleet event stream (GET /api/v1/events, every payment and refund the key covers) and reads the
// overview again shortly after events arrive (a burst is one read). While the stream is down it
// polls every REFRESH_MS instead, and every TERMINALS_MS anyway (terminal states are not events).
import { api, follow, get } from '../api.js';
import { h, replace, route, time } from '../dom.js';
import { formatCount, formatHour, formatMoney, formatPercent, t } from '../i18n.js';
import { alertBox, badge, explain, pageHeader } from '../ui.js';

const REFRESH_MS = 20000;
const TERMINALS_MS = 60000;
const DEBOUNCE_MS = 400;
const SVG = 'http://www.w3.org/2000/svg';

export function render(view, _params, ctx) {
  const live = h('span', { class: 'live', id: 'live-state', role: 'status' }, t('Connecting…'));
  const message = h('div', { class: 'form-summary', id: 'overview-message' });
  const body = h('div', { id: 'overview' }, h('p', { class: 'muted', role: 'status' }, t('Loading the overview…')));
  view.append(pageHeader(t('Overview'), live), message, body);

  let timer = null;
  let streamLive = false;
  let reloading = false;
  let again = false;
  let first = true;

  const midnight = () => {
    const d = new Date();
    d.setHours(0, 0, 0, 0);
    return d.toISOString();
  };

  const load = async () => {
    if (reloading) {
      again = true;
      return;
    }
    reloading = true;
    try {
      do {
        again = false;
        try {
          const o = await get('/api/v1/overview', { from: midnight() }, { signal: ctx.signal });
          draw(o);
          first = false;
        } catch (e) {
          if (e.name === 'AbortError') return;
          if (first) replace(body, e.endpointMissing ? alertBox('info', t('This hub does not offer the overview yet.')) : alertBox('error', explain(e)));
          else if (streamLive) setLive('reconnecting');
        }
      } while (again && !ctx.signal.aborted);
    } finally {
      reloading = false;
    }
  };

  /** Reads the overview once after a burst of events (debounced). */
  const soon = () => {
    clearTimeout(timer);
    timer = setTimeout(load, DEBOUNCE_MS);
  };

  const setLive = (state) => {
    live.className = `live ${state}`;
    if (state === 'live') replace(live, h('span', { class: 'dot', 'aria-hidden': 'true' }), t('Live'));
    else replace(live, t('Reconnecting…'));
  };

  const draw = (o) => {
    const admin = o.caller.role === 'admin';
    replace(
      body,
      fleetSection(o.terminals),
      todaySection(o.paymentsToday, o.lastDay),
      doubtSection(o.moneyInDoubt, admin, query),
      o.notifications ? intakeSection(o.notifications) : null,
    );
  };

  /** "Query now": asks the terminal (POST …/reconcile) and says what came of it. */
  const query = async (button, p) => {
    button.disabled = true;
    replace(button, t('Querying…'));
    try {
      const answer = await api('POST', `/api/v1/payments/${encodeURIComponent(p.id)}/reconcile`, { signal: ctx.signal });
      const open = answer.status === 'UNKNOWN' || answer.status === 'IN_PROGRESS';
      replace(
        message,
        alertBox(
          open ? 'warning' : 'success',
          h('span', { id: 'query-result', dataset: { paymentId: p.id, status: answer.status } }, open ? t('Still unknown: the terminal gave no definite answer for {amount}. The hub keeps asking.', { amount: formatMoney(p.amount, p.currency) }) : t('The terminal answered for {amount}:', { amount: formatMoney(p.amount, p.currency) }), ' ', badge(answer.status)),
        ),
      );
    } catch (e) {
      if (e.name === 'AbortError') return;
      replace(message, alertBox('error', explain(e)));
    }
    load();
  };

  load();
  const stopStream = follow('/api/v1/events', {
    onEvent: (event) => {
      body.dataset.events = String(Number(body.dataset.events || 0) + 1);
      soon();
    },
    onState: (state) => {
      const wasLive = streamLive;
      streamLive = state === 'live';
      if (state === 'ended') replace(live, t('Updating every 20 seconds'));
      else setLive(streamLive ? 'live' : 'reconnecting');
      if (streamLive && !wasLive && !first) soon(); // catch up on what the gap missed
    },
  });
  // The poll is the fallback while the stream is down; terminal states are read every minute.
  const poll = setInterval(() => {
    if (!streamLive) load();
  }, REFRESH_MS);
  const terminalsPoll = setInterval(load, TERMINALS_MS);
  return () => {
    clearInterval(poll);
    clearInterval(terminalsPoll);
    clearTimeout(timer);
    stopStream();
  };
}

function section(id, title, ...content) {
  return h('section', { class: 'card', id, 'aria-labelledby': `${id}-title` }, h('h2', { id: `${id}-title` }, title), ...content);
}

function fleetSection(fleet) {
  const statuses = Object.entries(fleet.byStatus);
  return section(
    'fleet',
    t('Terminals'),
    fleet.total === 0
      ? h('p', { class: 'empty' }, t('No terminals in this key’s scope. '), h('a', { href: '#/terminals/new' }, t('Register a terminal')))
      : [
          h(
            'ul',
            { class: 'tiles', 'aria-label': t('Terminals by status') },
            h('li', { class: 'tile', dataset: { status: 'TOTAL' } }, h('span', { class: 'tile-value' }, formatCount(fleet.total)), h('span', { class: 'tile-label' }, t('terminals'))),
            statuses.map(([status, n]) => h('li', { class: 'tile', dataset: { status } }, h('span', { class: 'tile-value' }, formatCount(n)), badge(status))),
          ),
          fleet.stores.length > 1 || (fleet.stores.length === 1 && fleet.stores[0].storeId) ? storesTable(fleet.stores) : null,
          fleet.needingAction.length === 0
            ? h('p', { class: 'all-good' }, t('Every terminal is online.'))
            : [
                h('h3', {}, t('Needing action')),
                h(
                  'ul',
                  { class: 'needing-action', id: 'needing-action' },
                  fleet.needingAction.map((term) =>
                    h(
                      'li',
                      { dataset: { terminalId: term.id, status: term.status } },
                      h('div', { class: 'na-head' }, h('a', { href: route('terminals', term.id) }, term.name), ' ', badge(term.status), term.storeId ? h('span', { class: 'muted small' }, ` ${t('Store')} ${term.storeId}`) : null),
                      term.statusMeaning ? h('p', {}, t(term.statusMeaning)) : null,
                      term.statusDetail ? h('p', { class: 'muted small' }, term.statusDetail) : null,
                      term.statusFix ? h('p', { class: 'fix' }, h('strong', {}, t('What to do: ')), t(term.statusFix)) : null,
                    ),
                  ),
                ),
                fleet.moreNeedingAction ? h('p', {}, h('a', { href: '#/terminals' }, t('More terminals need action: see all terminals'))) : null,
              ],
        ],
  );
}

function storesTable(stores) {
  return h(
    'table',
    { class: 'list compact', id: 'stores-table' },
    h('caption', { class: 'visually-hidden' }, t('Terminals online per store')),
    h('thead', {}, h('tr', {}, [t('Store'), t('Online'), t('Terminals')].map((x) => h('th', { scope: 'col' }, x)))),
    h(
      'tbody',
      {},
      stores.map((s) =>
        h(
          'tr',
          { class: s.online < s.total ? 'row-attention-soft' : null, dataset: { store: s.storeId || '' } },
          h('th', { scope: 'row' }, s.storeId || h('span', { class: 'muted' }, t('(no store)'))),
          h('td', {}, formatCount(s.online)),
          h('td', {}, formatCount(s.total)),
        ),
      ),
    ),
  );
}

function todaySection(today, hours) {
  const amounts = today.succeededAmounts.length ? today.succeededAmounts.map((a) => formatMoney(a.amount, a.currency)).join(' · ') : formatMoney('0.00', 'HKD');
  return section(
    'today',
    t('Payments today'),
    h(
      'ul',
      { class: 'tiles' },
      h('li', { class: 'tile', id: 'today-count' }, h('span', { class: 'tile-value' }, formatCount(today.count)), h('span', { class: 'tile-label' }, t('payments'))),
      h('li', { class: 'tile', id: 'today-amount' }, h('span', { class: 'tile-value' }, amounts), h('span', { class: 'tile-label' }, t('taken'))),
      h('li', { class: 'tile', id: 'today-rate' }, h('span', { class: 'tile-value' }, today.approvalRate === null ? '—' : formatPercent(today.approvalRate)), h('span', { class: 'tile-label' }, t('approved (of approved and declined)'))),
    ),
    chart(hours),
  );
}

/** The last 24 hours as an inline SVG bar chart (payments, approved ones darker), with a data table. */
export function chart(hours) {
  const width = 480;
  const height = 140;
  const top = 10;
  const bottom = 24;
  const slot = width / hours.length;
  const max = Math.max(1, ...hours.map((x) => x.count));
  const scale = (n) => ((height - top - bottom) * n) / max;
  const svg = document.createElementNS(SVG, 'svg');
  const attrs = (el, values) => {
    for (const [k, v] of Object.entries(values)) el.setAttribute(k, String(v));
    return el;
  };
  const node = (tag, values, text) => {
    const el = attrs(document.createElementNS(SVG, tag), values);
    if (text !== undefined) el.textContent = text;
    return el;
  };
  const total = hours.reduce((n, x) => n + x.count, 0);
  attrs(svg, { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img', 'aria-labelledby': 'chart-title', id: 'hours-chart' });
  svg.append(node('title', { id: 'chart-title' }, t('Payments per hour, last 24 hours: {n} in all', { n: formatCount(total) })));
  svg.append(node('line', { x1: 0, x2: width, y1: height - bottom, y2: height - bottom, class: 'axis' }));
  hours.forEach((x, i) => {
    const at = new Date(x.from);
    const barX = i * slot + slot * 0.15;
    const barW = slot * 0.7;
    const g = node('g', { class: 'hour', 'data-count': x.count, 'data-succeeded': x.succeeded, 'data-from': x.from });
    g.append(node('title', {}, t('{hour}: {n} payments, {ok} approved', { hour: formatHour(at), n: x.count, ok: x.succeeded })));
    const all = scale(x.count);
    const ok = scale(x.succeeded);
    g.append(node('rect', { x: barX, y: height - bottom - all, width: barW, height: all, class: 'bar-all' }));
    g.append(node('rect', { x: barX, y: height - bottom - ok, width: barW, height: ok, class: 'bar-ok' }));
    if (i % 3 === 0) g.append(node('text', { x: barX + barW / 2, y: height - 8, class: 'tick', 'text-anchor': 'middle' }, formatHour(at)));
    svg.append(g);
  });
  const table = h(
    'table',
    { class: 'list compact' },
    h('caption', { class: 'visually-hidden' }, t('Payments per hour')),
    h('thead', {}, h('tr', {}, [t('Hour'), t('Payments'), t('Approved')].map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, hours.map((x) => h('tr', {}, h('th', { scope: 'row' }, formatHour(new Date(x.from))), h('td', {}, formatCount(x.count)), h('td', {}, formatCount(x.succeeded))))),
  );
  return h(
    'figure',
    { class: 'chart-box' },
    svg,
    h('figcaption', { class: 'legend' }, h('span', { class: 'key key-all', 'aria-hidden': 'true' }), t('payments'), ' ', h('span', { class: 'key key-ok', 'aria-hidden': 'true' }), t('approved'), ' · ', t('last 24 hours')),
    h('details', {}, h('summary', {}, t('Show as a table')), table),
  );
}

function doubtSection(doubt, admin, query) {
  const none = doubt.payments.length === 0 && doubt.refunds.length === 0;
  return section(
    'doubt',
    t('Money in doubt'),
    none
      ? h('p', { class: 'all-good', id: 'no-doubt' }, t('No payment or refund is in doubt.'))
      : [
          h('p', {}, t('The outcome of these is unknown, or the hub flagged them for review. Check the terminal or the merchant portal before charging again.')),
          h(
            'table',
            { class: 'list', id: 'doubt-table' },
            h('caption', { class: 'visually-hidden' }, t('Payments and refunds in doubt')),
            h('thead', {}, h('tr', {}, [t('What'), t('Status'), t('Amount'), t('Created'), admin ? t('Action') : null].filter(Boolean).map((x) => h('th', { scope: 'col' }, x)))),
            h(
              'tbody',
              {},
              doubt.payments.map((p) => doubtRow(p, t('Payment'), route('payments', p.id), admin && p.status === 'UNKNOWN' ? queryButton(p, query) : null, admin)),
              doubt.refunds.map((r) => doubtRow(r, t('Refund'), route('payments', r.paymentId), null, admin)),
            ),
          ),
          doubt.morePayments ? h('p', {}, h('a', { href: '#/payments?status=UNKNOWN' }, t('More payments are in doubt: see all UNKNOWN payments'))) : null,
        ],
  );
}

function doubtRow(x, kind, href, action, admin) {
  return h(
    'tr',
    { class: 'row-attention', dataset: { id: x.id, status: x.status, kind: x.paymentId ? 'refund' : 'payment' } },
    h('th', { scope: 'row' }, kind, ' ', h('a', { class: 'mono', href }, x.id)),
    h('td', {}, badge(x.status), x.reviewNote ? h('p', { class: 'flag' }, h('span', { 'aria-hidden': 'true' }, '⚑ '), t('Review: '), x.reviewNote) : null),
    h('td', { class: 'amount' }, formatMoney(x.amount, x.currency)),
    h('td', {}, time(x.createdAt)),
    admin ? h('td', {}, action) : null,
  );
}

function queryButton(p, query) {
  const button = h('button', { type: 'button', class: 'button secondary', dataset: { query: p.id }, 'aria-label': t('Query now: payment {id}', { id: p.id }) }, t('Query now'));
  button.addEventListener('click', () => query(button, p));
  return button;
}

function intakeSection(n) {
  return section(
    'intake',
    t('Notification intake'),
    h(
      'ul',
      { class: 'tiles' },
      h('li', { class: 'tile', id: 'last-verified' }, h('span', { class: 'tile-value' }, n.lastVerifiedAt ? time(n.lastVerifiedAt) : t('none yet')), h('span', { class: 'tile-label' }, t('last verified notification from QFPay'))),
      h('li', { class: `tile ${n.rejectedLastHour > 0 ? 'tile-bad' : ''}`, id: 'rejected-hour' }, h('span', { class: 'tile-value' }, formatCount(n.rejectedLastHour)), h('span', { class: 'tile-label' }, t('rejected in the last hour'))),
    ),
    n.rejectedLastHour > 0 ? alertBox('warning', t('Notifications were rejected (bad or missing signature): check the notification keys match the ones in QFPay’s merchant portal.')) : null,
  );
}
