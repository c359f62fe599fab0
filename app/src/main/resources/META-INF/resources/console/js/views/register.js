// Register a terminal. The POS key is a password field; it is sent once and never shown again
// (the hub keeps it encrypted and only ever answers its fingerprint).
import { api } from '../api.js';
import { h, route } from '../dom.js';
import { clearErrors, field, pageHeader, showErrors } from '../ui.js';
import { t as tr } from '../i18n.js';

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
      h('legend', {}, tr('Terminal')),
      field(tr('Name'), input('name', { required: true, maxlength: 100, autocomplete: 'off' }), tr('How operators and cashiers will recognise it, e.g. "Counter 1".')),
      field(tr('Model'), select('model', [['', tr('Unknown')], ['LANDI_A8', 'Landi A8'], ['LANDI_A8S', 'Landi A8S'], ['PAX_A920', tr('PAX A920 (QR payments only)')]], '')),
      field(tr('Store'), input('storeId', { autocomplete: 'off' }), tr('Optional. API keys can be limited to stores.')),
      field(tr('Device id'), input('deviceId', { autocomplete: 'off' }), tr('Optional. As the merchant portal (MMS) shows it.')),
      field(tr('Haojin app version'), input('appVersion', { autocomplete: 'off', placeholder: '4.34.12' }), tr('Optional. HTTPS needs 4.34.12 or later.')),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, tr('Connection')),
      field(tr('Transport'), select('transport', [['HTTPS', tr('HTTPS (port 9001)')], ['HTTP', tr('HTTP (port 9001)')], ['TCP', tr('TCP (port 9002)')], ['SERIAL', tr('USB serial')]], 'HTTPS'), tr('Must match "Enable Https" in MMS.')),
      field(tr('Host'), input('host', { required: true, autocomplete: 'off', spellcheck: 'false', placeholder: '192.168.1.50' }), tr('The terminal\'s IP address or host name (device path for USB serial). Give it a DHCP reservation.')),
      field(tr('Port'), input('port', { inputmode: 'numeric', autocomplete: 'off', placeholder: tr('default') }), tr('Leave empty for the transport\'s default.')),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, tr('Security')),
      field(tr('POS key'), input('posKey', { type: 'password', required: true, autocomplete: 'new-password', spellcheck: 'false' }), tr('From the POS Key List in MMS (16, 24 or 32 characters). Stored encrypted; it is never shown again.')),
      field(tr('Encrypt requests (AES)'), h('input', { name: 'encryption', type: 'checkbox', checked: true }), tr('Must match the encryption toggle in MMS.')),
    ),
    h(
      'div',
      { class: 'form-actions' },
      h('button', { type: 'submit', class: 'button' }, tr('Register terminal')),
      h('a', { class: 'button secondary', href: '#/terminals' }, tr('Cancel')),
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
      ctx.flash('success', tr('Terminal "{name}" registered. Run diagnostics to check the hub can reach it.', { name: created.name }));
      ctx.navigate(route('terminals', created.id));
    } catch (e) {
      if (e.name === 'AbortError') return;
      showErrors(form, summary, e);
      submit.disabled = false;
    }
  });

  view.append(pageHeader(tr('Register a terminal')), form);
  view.querySelector('h1').id = 'register-title';
}
