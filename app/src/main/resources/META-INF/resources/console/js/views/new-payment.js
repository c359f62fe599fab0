// Take a test payment: terminal, amount, channel. One Idempotency-Key per attempt, reused when the
// same payment is sent again (e.g. after a network error) so a retry can never charge twice.
import { api, get, randomKey } from '../api.js';
import { h, replace, route } from '../dom.js';
import { CHANNELS, alertBox, clearErrors, explain, field, pageHeader, showErrors } from '../ui.js';
import { modelName } from './terminals.js';
import { t as tr } from '../i18n.js';

export function render(view, _params, ctx) {
  const preselected = ctx.query.get('terminalId') || '';
  const summary = h('div', { class: 'form-summary' });
  const terminalSelect = h('select', { name: 'terminalId', required: true }, h('option', { value: '' }, tr('Loading terminals…')));
  const form = h(
    'form',
    { class: 'card form', novalidate: true, 'aria-label': tr('Test payment') },
    summary,
    field(tr('Terminal'), terminalSelect, tr('The terminal shows the amount and waits for the customer.')),
    h(
      'div',
      { class: 'row' },
      field(tr('Amount'), h('input', { name: 'amount', type: 'text', inputmode: 'decimal', autocomplete: 'off', required: true, placeholder: '10.50' }), tr('A decimal amount, e.g. 10.50.')),
      field(tr('Currency'), h('input', { name: 'currency', type: 'text', autocomplete: 'off', value: 'HKD', maxlength: 3, size: 4, required: true })),
    ),
    field(tr('Channel'), h('select', { name: 'channel' }, CHANNELS.map(([value, label]) => h('option', { value }, label))), tr('A PAX A920 takes QR payments only (not the card channels).')),
    field(tr('Reference'), h('input', { name: 'reference', type: 'text', autocomplete: 'off', maxlength: 32 }), tr('Optional: your order number (letters, digits, _ and -, up to 32).')),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'button' }, tr('Start payment'))),
  );
  view.append(pageHeader(tr('Take a test payment')), form);

  get('/api/v1/terminals', { limit: 200 }, { signal: ctx.signal })
    .then((page) => {
      replace(
        terminalSelect,
        h('option', { value: '' }, page.items.length ? tr('Choose a terminal') : tr('No terminals registered')),
        page.items.map((t) =>
          h('option', { value: t.id, selected: t.id === preselected }, `${t.name} — ${modelName(t.model)} — ${t.status}`),
        ),
      );
      if (page.nextCursor) replace(summary, alertBox('info', tr('Only the first 200 terminals are listed here; open a terminal and use its "Take a test payment" button for the others.')));
    })
    .catch((e) => {
      if (e.name !== 'AbortError') replace(summary, alertBox('error', explain(e)));
    });

  let attempt = null; // { body: JSON text, key }
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const values = new FormData(form);
    const text = (name) => {
      const v = String(values.get(name) || '').trim();
      return v === '' ? undefined : v;
    };
    const body = {
      terminalId: text('terminalId'),
      amount: text('amount'),
      currency: text('currency') ? text('currency').toUpperCase() : undefined,
      channel: text('channel'),
      reference: text('reference'),
    };
    const json = JSON.stringify(body);
    if (!attempt || attempt.body !== json) attempt = { body: json, key: randomKey() };
    const submit = form.querySelector('button[type=submit]');
    clearErrors(form, summary);
    submit.disabled = true;
    try {
      const payment = await api('POST', '/api/v1/payments', { body, headers: { 'Idempotency-Key': attempt.key }, signal: ctx.signal });
      attempt = null;
      ctx.flash('info', tr('Payment sent to the terminal. This page follows it live.'));
      ctx.navigate(route('payments', payment.id));
    } catch (e) {
      if (e.name === 'AbortError') return;
      // A refusal is final for this attempt; only a lost answer (network, 5xx) keeps the key.
      if (e.status >= 400 && e.status < 500) attempt = null;
      if (e.endpointMissing) replace(summary, alertBox('info', tr('This hub does not offer the payments API yet.')));
      else showErrors(form, summary, e);
      submit.disabled = false;
    }
  });
}
