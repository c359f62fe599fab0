// One payment, live: its events arrive over Server-Sent Events (read with fetch, since the hub
// authenticates the stream with the Authorization header); cancel and refund from here.
import { api, follow, get, randomKey } from '../api.js';
import { h, orDash, replace, route, time } from '../dom.js';
import { FINAL_STATUSES, alertBox, badge, channelName, clearErrors, details, explain, field, needsAttention, pageHeader, showErrors } from '../ui.js';
import { money } from './payments.js';
import { t as tr } from '../i18n.js';

export function render(view, [id], ctx) {
  const path = `/api/v1/payments/${encodeURIComponent(id)}`;
  const live = h('span', { class: 'live', id: 'live-state', role: 'status' }, tr('Connecting…'));
  const header = pageHeader(tr('Payment'), live);
  const message = h('div', { class: 'form-summary' });
  const summary = h('section', { class: 'card', 'aria-labelledby': 'payment-summary' }, h('p', { class: 'muted' }, tr('Loading…')));
  const actions = h('section', { class: 'card', 'aria-labelledby': 'payment-actions', hidden: true });
  const refunds = h('section', { class: 'card', 'aria-labelledby': 'refunds-title', hidden: true });
  const trailBox = h('section', { class: 'card', id: 'trail', 'aria-labelledby': 'trail-title', hidden: true });
  const timeline = h('ol', { class: 'timeline', id: 'timeline', 'aria-live': 'polite' });
  const events = h('section', { class: 'card', 'aria-labelledby': 'events-title' }, h('h2', { id: 'events-title' }, tr('Events')), timeline);
  view.append(header, message, summary, actions, refunds, trailBox, events);

  let payment = null;
  let refreshing = null;
  let again = false;
  let terminalName = null;
  let routes = ['auto', 'terminal'];

  const nameTerminal = async (terminalId) => {
    if (terminalName !== null) return;
    terminalName = '';
    try {
      const t = await get(`/api/v1/terminals/${encodeURIComponent(terminalId)}`, {}, { signal: ctx.signal });
      terminalName = t.name;
      if (payment) show(payment);
    } catch {
      // the id alone still identifies it
    }
  };

  const show = (p) => {
    payment = p;
    replace(header.querySelector('h1'), tr('Payment {amount}', { amount: money(p.amount, p.currency) }));
    replace(
      summary,
      h('h2', { id: 'payment-summary', class: 'visually-hidden' }, tr('Summary')),
      h(
        'div',
        { class: `status-box ${needsAttention(p) ? 'attention' : p.status === 'SUCCEEDED' ? 'ok' : ''}` },
        h('span', { id: 'payment-status' }, badge(p.status)),
        h('p', {}, meaning(p)),
        p.reviewNote ? h('p', { class: 'flag' }, h('span', { 'aria-hidden': 'true' }, '⚑ '), tr('Review: '), p.reviewNote) : null,
        p.failureMessage || p.failureCode ? h('p', { class: 'muted' }, [p.failureCode, p.failureMessage, p.terminalResponseCode ? tr('terminal code {code}', { code: p.terminalResponseCode }) : null].filter(Boolean).join(' · ')) : null,
      ),
      details([
        [tr('Id'), h('span', { class: 'mono' }, p.id)],
        [tr('Terminal'), h('a', { href: route('terminals', p.terminalId) }, terminalName ? `${terminalName} ` : null, h('span', { class: 'mono' }, p.terminalId))],
        [tr('Amount'), money(p.amount, p.currency)],
        [tr('Refunded'), h('span', { id: 'refunded-amount' }, money(p.refundedAmount, p.currency))],
        [tr('Channel'), channelName(p.channel)],
        [tr('Reference'), orDash(p.reference)],
        [tr('Out trade no'), h('span', { class: 'mono' }, orDash(p.outTradeNo))],
        [tr('QFPay transaction'), h('span', { class: 'mono' }, orDash(p.qfpayTransactionId))],
        [tr('Card'), orDash([p.cardScheme, p.maskedCardNumber].filter(Boolean).join(' '))],
        [tr('Created'), time(p.createdAt)],
        [tr('Updated'), time(p.updatedAt)],
      ]),
    );
    showActions(p);
    nameTerminal(p.terminalId);
  };

  const showActions = (p) => {
    const cancellable = p.status === 'PENDING' || p.status === 'IN_PROGRESS';
    const queryable = p.status === 'UNKNOWN' || p.status === 'IN_PROGRESS';
    const refundable = p.status === 'SUCCEEDED' && Number(p.refundedAmount || 0) < Number(p.amount);
    const printable = p.status === 'SUCCEEDED' && Boolean(p.qfpayTransactionId);
    actions.hidden = !(cancellable || queryable || refundable || printable);
    if (actions.hidden) {
      delete actions.dataset.for;
      replace(actions);
      return;
    }
    const state = `${p.status}:${p.refundedAmount}:${routes.join(',')}`;
    if (actions.dataset.for === state) return; // keep what the user typed
    actions.dataset.for = state;
    replace(
      actions,
      h('h2', { id: 'payment-actions' }, tr('Actions')),
      cancellable ? cancelButton() : null,
      queryable ? queryButton() : null,
      refundable ? refundForm(p) : null,
      printable ? printButton(p) : null,
    );
  };

  /** Prints the payment's receipt on its terminal (3001) and says whether the terminal took it. */
  const printButton = (p) => {
    const label = tr('Print the receipt');
    const button = h('button', { type: 'button', class: 'button secondary', id: 'print-receipt' }, label);
    const key = randomKey(); // a double click prints once
    button.addEventListener('click', async () => {
      button.disabled = true;
      replace(button, tr('Printing…'));
      try {
        await api('POST', `/api/v1/terminals/${encodeURIComponent(p.terminalId)}/receipts`, { body: { paymentId: p.id }, headers: { 'Idempotency-Key': key }, signal: ctx.signal });
        replace(message, alertBox('success', h('span', { id: 'print-result' }, tr('The terminal is printing the receipt.'))));
      } catch (e) {
        if (e.name === 'AbortError') return;
        replace(message, alertBox('error', h('span', { id: 'print-result' }, explain(e))));
      }
      button.disabled = false;
      replace(button, label);
    });
    return h('div', { class: 'action-block' }, h('h3', {}, tr('Receipt')), h('p', {}, tr('Print a copy of the receipt on the terminal that took the payment.')), button);
  };

  /** Forces a terminal query (4001) for a payment whose outcome is not known, and says what came of it. */
  const queryButton = () => {
    const label = tr('Query the terminal now');
    const button = h('button', { type: 'button', class: 'button', id: 'reconcile-payment' }, label);
    button.addEventListener('click', async () => {
      button.disabled = true;
      replace(button, tr('Querying the terminal…'));
      try {
        const p = await api('POST', `${path}/reconcile`, { signal: ctx.signal });
        if (p.status === 'UNKNOWN' || p.status === 'IN_PROGRESS') {
          let next = null;
          try {
            next = await get(`${path}/reconciliation`, {}, { signal: ctx.signal });
          } catch (e) {
            if (e.name === 'AbortError') return;
          }
          replace(message, h('div', { id: 'reconcile-result' }, alertBox('warning', stillOpen(p, next))));
        } else {
          replace(message, h('div', { id: 'reconcile-result' }, alertBox('info', tr('The terminal answered: the payment is '), badge(p.status), '.')));
        }
        show(p);
      } catch (e) {
        if (e.name === 'AbortError') return;
        replace(message, h('div', { id: 'reconcile-result' }, alertBox('error', explain(e))));
      }
      button.disabled = false;
      replace(button, label);
    });
    return h(
      'div',
      {},
      h('p', {}, tr('Ask the terminal now what became of this payment instead of waiting for the next scheduled query. Nothing is charged again; the state changes only on a definite answer.')),
      button,
    );
  };

  const cancelButton = () => {
    const button = h('button', { type: 'button', class: 'button danger', id: 'cancel-payment' }, tr('Cancel on the terminal'));
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        show(await api('POST', `${path}/cancel`, { signal: ctx.signal }));
        replace(message, alertBox('info', tr('Cancel request sent to the terminal.')));
      } catch (e) {
        if (e.name !== 'AbortError') replace(message, alertBox('error', explain(e)));
        button.disabled = false;
      }
    });
    return h('div', {}, h('p', {}, tr('The terminal is waiting for the customer. Cancelling asks it to stop; the payment ends in whatever state the terminal really reached.')), button);
  };

  const refundForm = (p) => {
    const errors = h('div', { class: 'form-summary' });
    const form = h(
      'form',
      { class: 'inline-form', novalidate: true, 'aria-label': tr('Refund') },
      errors,
      field(tr('Refund amount'), h('input', { name: 'amount', type: 'text', inputmode: 'decimal', autocomplete: 'off', placeholder: tr('everything refundable') }), tr('Leave empty to refund everything refundable ({amount} less {refunded} refunded). Card payments refund in full, the same day only.', { amount: money(p.amount, p.currency), refunded: money(p.refundedAmount, p.currency) })),
      routes.includes('cloud') ? routeChoice() : null,
      h('button', { type: 'submit', class: 'button', id: 'refund-payment' }, tr('Refund')),
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const amount = String(form.elements.namedItem('amount').value || '').trim();
      const chosen = form.querySelector('input[name=route]:checked');
      const body = amount ? { amount } : {};
      if (chosen && chosen.value !== 'auto') body.route = chosen.value;
      const submit = form.querySelector('button[type=submit]');
      clearErrors(form, errors);
      submit.disabled = true;
      try {
        const r = await api('POST', `${path}/refunds`, { body, headers: { 'Idempotency-Key': randomKey() }, signal: ctx.signal });
        replace(message, alertBox('info', r.route === 'cloud' ? tr('Refund of {amount} sent through QFPay’s cloud; its outcome is under Refunds below.', { amount: money(r.amount, r.currency) }) : tr('Refund of {amount} sent to the terminal; follow it under Refunds below.', { amount: money(r.amount, r.currency) })));
        form.reset();
        refresh();
      } catch (e) {
        if (e.name !== 'AbortError') showErrors(form, errors, e);
      } finally {
        submit.disabled = false;
      }
    });
    return form;
  };

  const loadRefunds = async () => {
    try {
      const list = await get(`${path}/refunds`, {}, { signal: ctx.signal });
      const items = Array.isArray(list) ? list : list.items || [];
      refunds.hidden = items.length === 0;
      replace(
        refunds,
        h('h2', { id: 'refunds-title' }, tr('Refunds')),
        h('ul', { class: 'refunds' }, items.map((r) => h('li', { dataset: { refundId: r.id, status: r.status, route: r.route || '' } }, badge(r.status), ' ', money(r.amount, r.currency), ' ', r.route ? h('span', { class: 'muted' }, r.route === 'cloud' ? tr('through QFPay’s cloud') : tr('on the terminal')) : null, ' ', time(r.createdAt), r.failureMessage ? h('span', { class: 'muted' }, ` ${r.failureMessage}`) : null, r.reviewNote ? h('span', { class: 'flag' }, ` ⚑ ${r.reviewNote}`) : null))),
      );
    } catch (e) {
      if (e.name !== 'AbortError') refunds.hidden = true;
    }
  };

  /** The route choice of a refund, offered when the hub has a QFPay cloud account. */
  const routeChoice = () => {
    const name = 'route';
    const options = [
      ['auto', tr('Automatic: the terminal when it can, else QFPay’s cloud')],
      ['terminal', tr('On the terminal only')],
      ['cloud', tr('Through QFPay’s cloud only')],
    ];
    return h(
      'fieldset',
      { class: 'route-choice' },
      h('legend', {}, tr('Refund route')),
      options.map(([value, text], i) => h('label', { class: 'radio' }, h('input', { type: 'radio', name, value, checked: i === 0, id: `route-${value}` }), ' ', text)),
    );
  };

  /** Reads the reconciliation trail (which sources spoke and what each said) and the refund routes. */
  const loadTrail = async () => {
    try {
      const trail = await get(`${path}/trail`, {}, { signal: ctx.signal });
      routes = trail.refundRoutes || routes;
      trailBox.hidden = false;
      replace(trailBox, h('h2', { id: 'trail-title' }, tr('Reconciliation trail')), trailView(trail));
    } catch (e) {
      if (e.name !== 'AbortError') trailBox.hidden = true;
    }
  };

  /** Re-reads the payment (and its refunds); coalesces bursts of events into one request. */
  const refresh = async () => {
    if (refreshing) {
      again = true;
      return;
    }
    refreshing = (async () => {
      do {
        again = false;
        try {
          const p = await get(path, {}, { signal: ctx.signal });
          await loadTrail();
          show(p);
          await loadRefunds();
        } catch (e) {
          if (e.name === 'AbortError') return;
          if (!payment) {
            replace(summary, alertBox('error', explain(e)));
            events.hidden = true;
          }
        }
      } while (again);
    })();
    await refreshing;
    refreshing = null;
  };

  refresh();
  const stop = follow(`${path}/events`, {
    onEvent: (event) => {
      timeline.append(eventItem(event));
      refresh();
    },
    onState: (state, error) => {
      live.className = `live ${state}`;
      if (state === 'live') replace(live, h('span', { class: 'dot', 'aria-hidden': 'true' }), tr('Live'));
      else if (state === 'reconnecting') replace(live, tr('Reconnecting…'));
      else replace(live, error ? tr('Live updates unavailable: {why}', { why: explain(error) }) : tr('Live updates ended'));
      if (state === 'reconnecting' || state === 'ended') refresh();
    },
  });
  return stop;
}

/** What each source said: the terminal, QFPay's signed notifications, QFPay's cloud. */
function trailView(trail) {
  const asked = (source) => trail.asked.filter((a) => a.source === source);
  const final = [...trail.changes].reverse().find((c) => !c.refundId && c.to === trail.status);
  const terminal = asked('terminal').map((a) => a.answer);
  if (terminal.length === 0 && trail.confirmedBy && trail.confirmedBy.startsWith('terminal')) {
    terminal.push(tr('answered the payment request: {status}', { status: trail.status }) + (final && final.reason ? ` — ${final.reason}` : ''));
  }
  if (trail.confirmedBy === 'query' && final && final.reason) terminal.push(final.reason);
  const cloud = asked('cloud').map((a) => a.answer);
  if (cloud.length === 0 && trail.confirmedBy === 'cloud' && final && final.reason) cloud.push(final.reason);
  const row = (source, title, said, fallback) =>
    h('li', { dataset: { source, heard: said.length ? 'yes' : 'no' } }, h('strong', {}, title), ' ', said.length ? h('ul', {}, said.map((x) => h('li', {}, x))) : h('span', { class: 'muted' }, fallback));
  return [
    h('p', {}, trail.confirmedBy ? [tr('Settled on: '), h('strong', { id: 'confirmed-by' }, confirmedBy(trail.confirmedBy))] : tr('Not settled yet.'), trail.confirmationPending ? h('span', { class: 'flag' }, ` ${tr('(waiting for QFPay’s signed notification to confirm it)')}`) : null),
    trail.reconcileAttempts ? h('p', { class: 'muted' }, tr('Queries made after the answer was lost: {n}', { n: trail.reconcileAttempts })) : null,
    h(
      'ul',
      { class: 'trail' },
      row('terminal', tr('Terminal:'), terminal, tr('not asked beyond the request itself')),
      row(
        'notification',
        tr('QFPay notifications:'),
        trail.notifications.map((n) => h('span', {}, time(n.receivedAt), ' ', [n.kind, n.status].filter(Boolean).join(' '), n.note ? ` — ${n.note}` : '')),
        tr('none received for this payment'),
      ),
      row('cloud', tr('QFPay cloud:'), cloud, tr('not asked')),
    ),
  ];
}

/** What vouches for a settlement, in words. */
function confirmedBy(key) {
  const words = {
    terminal_tls: tr('the terminal’s answer over TLS'),
    terminal_plain: tr('the terminal’s answer over plain HTTP/TCP'),
    terminal_serial: tr('the terminal’s answer over its serial link'),
    notification: tr('QFPay’s signed notification'),
    query: tr('a query of the terminal'),
    cloud: tr('QFPay’s cloud'),
  };
  return words[key] || key;
}

function eventItem(event) {
  let data = {};
  try {
    data = JSON.parse(event.data);
  } catch {
    data = { reason: event.data };
  }
  return h(
    'li',
    { dataset: { to: data.to || '' } },
    time(data.occurredAt),
    ' ',
    h('span', { class: 'event-type' }, data.refundId ? tr('Refund ') : '', data.from ? `${data.from} → ` : '', data.to || event.type),
    data.reason ? h('span', { class: 'muted' }, ` — ${data.reason}`) : null,
  );
}

function stillOpen(p, next) {
  const what = p.status === 'IN_PROGRESS' ? tr('Still in progress: the terminal has not given a definite answer yet') : tr('Still unknown: the terminal gave no definite answer');
  if (next && next.nextAttemptAt) return h('span', {}, tr('{what} — next attempt at ', { what }), time(next.nextAttemptAt), '.');
  if (next && next.givenUp) return tr('{what} — automatic queries are over; check the terminal or the merchant portal and settle it.', { what });
  return `${what}.`;
}

function meaning(p) {
  switch (p.status) {
    case 'PENDING':
      return tr('Recorded; being sent to the terminal.');
    case 'IN_PROGRESS':
      return tr('The terminal is asking the customer to pay.');
    case 'SUCCEEDED':
      return tr('Paid.');
    case 'DECLINED':
      return tr('Declined: no money was taken.');
    case 'CANCELLED':
      return tr('Cancelled: no money was taken.');
    case 'FAILED':
      return tr('Failed: the request never reached the terminal, so no money was taken.');
    case 'UNKNOWN':
      return tr('The hub lost contact while the terminal may have taken the money. It keeps asking the terminal; check the terminal or the merchant portal before charging again.');
    default:
      return FINAL_STATUSES.has(p.status) ? '' : String(p.status);
  }
}
