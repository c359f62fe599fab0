// Register a terminal. The POS key is a password field; it is sent once and never shown again
// (the hub keeps it encrypted and only ever answers its fingerprint).
import { api } from '../api.js';
import { h, route } from '../dom.js';
import { clearErrors, field, pageHeader, showErrors } from '../ui.js';

export function render(view, _params, ctx) {
  const summary = h('div', { class: 'form-summary' });
  const input = (name, props = {}) => h('input', { name, type: 'text', ...props });
  const select = (name, options, selected) =>
    h('select', { name }, options.map(([value, label]) => h('option', { value, selected: value === selected }, label)));

  const form = h(
    'form',
    { class: 'card form', novalidate: true, 'aria-labelledby': 'register-title' },
    summary,
    h(
      'fieldset',
      {},
      h('legend', {}, 'Terminal'),
      field('Name', input('name', { required: true, maxlength: 100, autocomplete: 'off' }), 'How operators and cashiers will recognise it, e.g. "Counter 1".'),
      field('Model', select('model', [['', 'Unknown'], ['LANDI_A8', 'Landi A8'], ['LANDI_A8S', 'Landi A8S'], ['PAX_A920', 'PAX A920 (QR payments only)']], '')),
      field('Store', input('storeId', { autocomplete: 'off' }), 'Optional. API keys can be limited to stores.'),
      field('Device id', input('deviceId', { autocomplete: 'off' }), 'Optional. As the merchant portal (MMS) shows it.'),
      field('Haojin app version', input('appVersion', { autocomplete: 'off', placeholder: '4.34.12' }), 'Optional. HTTPS needs 4.34.12 or later.'),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Connection'),
      field('Transport', select('transport', [['HTTPS', 'HTTPS (port 9001)'], ['HTTP', 'HTTP (port 9001)'], ['TCP', 'TCP (port 9002)'], ['SERIAL', 'USB serial']], 'HTTPS'), 'Must match "Enable Https" in MMS.'),
      field('Host', input('host', { required: true, autocomplete: 'off', spellcheck: 'false', placeholder: '192.168.1.50' }), 'The terminal\'s IP address or host name (device path for USB serial). Give it a DHCP reservation.'),
      field('Port', input('port', { inputmode: 'numeric', autocomplete: 'off', placeholder: 'default' }), 'Leave empty for the transport\'s default.'),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Security'),
      field('POS key', input('posKey', { type: 'password', required: true, autocomplete: 'new-password', spellcheck: 'false' }), 'From the POS Key List in MMS (16, 24 or 32 characters). Stored encrypted; it is never shown again.'),
      field('Encrypt requests (AES)', h('input', { name: 'encryption', type: 'checkbox', checked: true }), 'Must match the encryption toggle in MMS.'),
    ),
    h(
      'div',
      { class: 'form-actions' },
      h('button', { type: 'submit', class: 'button' }, 'Register terminal'),
      h('a', { class: 'button secondary', href: '#/terminals' }, 'Cancel'),
    ),
  );

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const submit = form.querySelector('button[type=submit]');
    const values = new FormData(form);
    const text = (name) => {
      const v = String(values.get(name) || '').trim();
      return v === '' ? undefined : v;
    };
    const portText = text('port');
    const body = {
      name: text('name'),
      host: text('host'),
      port: portText === undefined ? undefined : /^\d+$/.test(portText) ? Number(portText) : portText,
      transport: text('transport'),
      posKey: String(values.get('posKey') || '') || undefined,
      encryption: form.elements.namedItem('encryption').checked,
      model: text('model'),
      storeId: text('storeId'),
      deviceId: text('deviceId'),
      appVersion: text('appVersion'),
    };
    clearErrors(form, summary);
    submit.disabled = true;
    try {
      const created = await api('POST', '/api/v1/terminals', { body, signal: ctx.signal });
      form.reset();
      ctx.flash('success', `Terminal "${created.name}" registered. Run diagnostics to check the hub can reach it.`);
      ctx.navigate(route('terminals', created.id));
    } catch (e) {
      if (e.name === 'AbortError') return;
      showErrors(form, summary, e);
      submit.disabled = false;
    }
  });

  view.append(pageHeader('Register a terminal'), form);
  view.querySelector('h1').id = 'register-title';
}
