// Webhooks (unscoped admin keys only): the subscriptions that tell the merchant's other systems what
// happened (create one, with the hub's SSRF rules explained; send a test ping; rotate its secret,
// shown once with a copy button; disable or enable it) and the delivery log (every attempt with
// the consumer's answer; replay one delivery, or every failed one).
import { api, get } from '../api.js';
import { h, orDash, replace, time } from '../dom.js';
import { formatCount, t } from '../i18n.js';
import { alertBox, clearErrors, confirmInline, cursorPager, errorAlert, field, pageHeader, showErrors, shownOnce, toneBadge, wordFor } from '../ui.js';

const PAGE_SIZE = 25;
const PENDING_REFRESH_MS = 2000;
const DELIVERY_STATUSES = ['dead_letter', 'retry_scheduled', 'recorded', 'delivering', 'delivered'];
const PENDING = new Set(['recorded', 'delivering', 'retry_scheduled']);
const TONE = { delivered: 'ok', dead_letter: 'bad', retry_scheduled: 'attention', recorded: 'progress', delivering: 'progress' };

const DELIVERY_WORDS = {
  delivered: () => t('Delivered'),
  dead_letter: () => t('Failed (dead letter)'),
  retry_scheduled: () => t('Retrying'),
  recorded: () => t('Queued'),
  delivering: () => t('Sending'),
};

function deliveryLabel(status) {
  return wordFor(DELIVERY_WORDS, status, String(status));
}

function deliveryBadge(status) {
  return toneBadge(status, TONE[status] || 'neutral', deliveryLabel(status));
}

function formatLabel(format) {
  return format === 'qfpay' ? t('QFPay notification (re-signed)') : t('Hub events (Standard Webhooks)');
}

export function render(view, _params, ctx) {
  const message = h('div', { class: 'form-summary', id: 'webhooks-message' });
  const subsList = h('div', { id: 'subs-list' }, h('p', { class: 'muted', role: 'status' }, t('Loading…')));
  const deliveriesList = h('div', { id: 'deliveries-list' }, h('p', { class: 'muted', role: 'status' }, t('Loading…')));
  const deliveryDetail = h('div', { id: 'delivery-detail' });
  let subscriptions = [];
  let subscriptionsLoaded = Promise.resolve();
  let timer = null;

  const statusSelect = h(
    'select',
    { id: 'deliveries-status', name: 'deliveryStatus' },
    h('option', { value: '' }, t('All statuses')),
    DELIVERY_STATUSES.map((s) => h('option', { value: s }, deliveryLabel(s))),
  );
  const subSelect = h('select', { id: 'deliveries-subscription', name: 'deliverySubscription' }, h('option', { value: '' }, t('All subscriptions')));
  const replayAll = h('button', { type: 'button', class: 'button secondary', id: 'replay-failed' }, t('Replay every failed delivery'));
  const refresh = h('button', { type: 'button', class: 'button secondary', id: 'deliveries-refresh' }, t('Refresh'));
  const deliveryFilters = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': t('Filter deliveries'), id: 'deliveries-filter', hidden: true },
    h('div', { class: 'field' }, h('label', { for: 'deliveries-status' }, t('Status')), statusSelect),
    h('div', { class: 'field' }, h('label', { for: 'deliveries-subscription' }, t('Subscription')), subSelect),
    refresh,
    replayAll,
  );

  const form = createForm(ctx, message, () => loadSubscriptions());
  view.append(
    pageHeader(t('Webhooks')),
    message,
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'subs-title', id: 'subscriptions' },
      h('h2', { id: 'subs-title' }, t('Subscriptions')),
      h('p', { class: 'hint' }, t('The hub tells your other systems (cashier software, ERP, Odoo) about every payment and refund. Each message is stored first and sent at least once, retried with backoff, and every attempt is logged below.')),
      subsList,
      form,
    ),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'deliveries-title', id: 'deliveries' },
      h('h2', { id: 'deliveries-title' }, t('Deliveries')),
      deliveryFilters,
      deliveriesList,
      deliveryDetail,
    ),
  );

  // ---- subscriptions ----
  const loadSubscriptions = async () => {
    try {
      subscriptions = await get('/api/v1/webhooks/subscriptions', {}, { signal: ctx.signal });
      form.hidden = false; // only a key that may list them (an unscoped admin) sees the form
      replace(subsList, subscriptions.length ? subsTable(subscriptions) : h('p', { class: 'empty', id: 'subs-empty' }, t('No subscriptions yet: nothing is sent.')));
      const chosen = subSelect.value;
      replace(
        subSelect,
        h('option', { value: '' }, t('All subscriptions')),
        subscriptions.map((s) => h('option', { value: s.id, selected: s.id === chosen }, s.description ? `${s.description} (${s.target})` : s.target)),
      );
    } catch (e) {
      if (e.name !== 'AbortError') replace(subsList, errorAlert(e));
    }
  };

  const subsTable = (items) =>
    h(
      'table',
      { class: 'list', id: 'subs-table' },
      h('caption', { class: 'visually-hidden' }, t('Webhook subscriptions')),
      h('thead', {}, h('tr', {}, [t('Target'), t('Format'), t('Events'), t('Status'), t('Created'), t('Actions')].map((x) => h('th', { scope: 'col' }, x)))),
      h(
        'tbody',
        {},
        items.map((s) => {
          const name = s.description || s.target;
          const hidden = (text) => h('span', { class: 'visually-hidden' }, ` ${text}`);
          return h(
            'tr',
            { dataset: { subscriptionId: s.id, active: s.active ? 'true' : 'false' } },
            h('th', { scope: 'row' }, s.description ? h('span', {}, s.description) : null, h('p', { class: 'mono target' }, s.target), s.allowPrivateTarget ? h('p', { class: 'small muted' }, t('Private target allowed')) : null),
            h('td', {}, formatLabel(s.format)),
            h('td', { class: 'mono' }, s.events && s.events.length ? s.events.join(', ') : '*'),
            h(
              'td',
              {},
              h('span', { class: `badge ${s.active ? 'ok' : 'neutral'}` }, s.active ? t('Active') : t('Disabled')),
              s.previousSecretExpiresAt ? h('p', { class: 'small muted' }, t('Old secret valid until '), time(s.previousSecretExpiresAt)) : null,
            ),
            h('td', {}, time(s.createdAt)),
            h(
              'td',
              {},
              h(
              'div',
              { class: 'actions-cell' },
              h('button', { type: 'button', class: 'button secondary', dataset: { ping: s.id }, onclick: (e) => ping(s, e.currentTarget) }, t('Test ping'), hidden(name)),
              s.format === 'hub-events' ? h('button', { type: 'button', class: 'button secondary', dataset: { rotate: s.id }, onclick: () => confirmRotate(s) }, t('Rotate secret'), hidden(name)) : null,
              s.active
                ? h('button', { type: 'button', class: 'button danger', dataset: { disable: s.id }, onclick: (e) => setActive(s, false, e.currentTarget) }, t('Disable'), hidden(name))
                : h('button', { type: 'button', class: 'button secondary', dataset: { enable: s.id }, onclick: (e) => setActive(s, true, e.currentTarget) }, t('Enable'), hidden(name)),
            ),
            ),
          );
        }),
      ),
    );

  const ping = async (s, button) => {
    button.disabled = true;
    replace(message, h('p', { class: 'muted', role: 'status' }, t('Sending a test ping to {target}…', { target: s.target })));
    try {
      const r = await api('POST', `/api/v1/webhooks/subscriptions/${encodeURIComponent(s.id)}/test`, { signal: ctx.signal });
      const status = r.httpStatus === null || r.httpStatus === undefined ? t('no HTTP answer') : `HTTP ${r.httpStatus}`;
      replace(
        message,
        alertBox(
          r.success ? 'success' : 'error',
          h(
            'p',
            { id: 'ping-result', dataset: { success: String(r.success), httpStatus: r.httpStatus ?? '' } },
            r.success ? t('Test ping delivered: {target} answered {status} in {ms} ms.', { target: s.target, status, ms: r.durationMs }) : t('Test ping failed: {target} answered {status}.', { target: s.target, status }),
          ),
          r.error ? h('p', {}, t('Error: '), r.error) : null,
          r.responseSnippet ? h('p', {}, t('Response: '), h('span', { class: 'mono' }, r.responseSnippet)) : null,
        ),
      );
      loadDeliveries(true);
    } catch (e) {
      if (e.name !== 'AbortError') replace(message, errorAlert(e));
    } finally {
      button.disabled = false;
    }
  };

  const confirmRotate = (s) => {
    confirmInline(
      message,
      {
        question: t('Rotate the secret of {target}? The hub generates a new one and shows it once; for a while each delivery is signed with both, so the consumer can switch without missing one.', { target: s.target }),
        confirm: t('Rotate the secret'),
        confirmClass: 'button',
        id: 'confirm-rotate',
        keep: t('Cancel'),
        once: true,
      },
      async () => {
        const rotated = await api('POST', `/api/v1/webhooks/subscriptions/${encodeURIComponent(s.id)}/rotate-secret`, { signal: ctx.signal });
        replace(
          message,
          shownSecret(
            t('New secret for {target}.', { target: s.target }),
            rotated.secret,
            rotated.previousSecretExpiresAt ? [t('The old secret keeps signing too until '), time(rotated.previousSecretExpiresAt), t(': give the new one to the consumer before then.')] : null,
          ),
        );
        message.querySelector('input').focus();
        loadSubscriptions();
      },
    );
  };

  const setActive = async (s, active, button) => {
    button.disabled = true;
    try {
      await api('PATCH', `/api/v1/webhooks/subscriptions/${encodeURIComponent(s.id)}`, { body: { active }, signal: ctx.signal });
      replace(
        message,
        alertBox(
          'success',
          active
            ? t('Subscription {target} enabled: new events are sent again. Replay the failed deliveries to send what it missed.', { target: s.target })
            : t('Subscription {target} disabled: nothing new is queued for it, and what was queued fails; replay it after enabling.', { target: s.target }),
        ),
      );
      loadSubscriptions();
    } catch (e) {
      if (e.name !== 'AbortError') replace(message, errorAlert(e));
      button.disabled = false;
    }
  };

  // ---- deliveries ----
  const cursors = [null];
  const loadDeliveries = async (fromStart) => {
    clearTimeout(timer);
    if (fromStart) cursors.splice(1);
    try {
      const page = await get(
        '/api/v1/webhooks/deliveries',
        { status: statusSelect.value, subscriptionId: subSelect.value, limit: PAGE_SIZE, cursor: cursors[cursors.length - 1] },
        { signal: ctx.signal },
      );
      await subscriptionsLoaded;
      deliveryFilters.hidden = false;
      replace(
        deliveriesList,
        page.items.length ? deliveriesTable(page.items) : h('p', { class: 'empty', id: 'deliveries-empty' }, t('No deliveries match.')),
        cursorPager(page, cursors, loadDeliveries),
      );
      // Messages on their way: look again shortly (until they are delivered or fail).
      if (page.items.some((d) => PENDING.has(d.status)) && !ctx.signal.aborted) timer = setTimeout(() => loadDeliveries(), PENDING_REFRESH_MS);
    } catch (e) {
      if (e.name !== 'AbortError') replace(deliveriesList, errorAlert(e));
    }
  };

  const deliveriesTable = (items) =>
    h(
      'table',
      { class: 'list', id: 'deliveries-table' },
      h('caption', { class: 'visually-hidden' }, t('Webhook deliveries, newest first')),
      h('thead', {}, h('tr', {}, [t('Event'), t('Status'), t('Attempts'), t('Subscription'), t('Last attempt'), t('Last error'), t('Actions')].map((x) => h('th', { scope: 'col' }, x)))),
      h(
        'tbody',
        {},
        items.map((d) => {
          const sub = subscriptions.find((s) => s.id === d.subscriptionId);
          const replayable = d.status === 'dead_letter' || d.status === 'delivered';
          return h(
            'tr',
            { class: d.status === 'dead_letter' ? 'row-attention' : null, dataset: { deliveryId: d.id, status: d.status, attempts: String(d.attempts) } },
            h('th', { scope: 'row' }, h('span', { class: 'mono' }, d.eventType), h('p', { class: 'small muted mono' }, d.id)),
            h('td', {}, deliveryBadge(d.status), d.nextAttemptAt && d.status === 'retry_scheduled' ? h('p', { class: 'small muted' }, t('Next attempt '), time(d.nextAttemptAt)) : null),
            h('td', {}, formatCount(d.attempts)),
            h('td', {}, h('span', { class: 'mono small target' }, sub ? sub.target : orDash(d.subscriptionId))),
            h('td', {}, time(d.lastAttemptAt)),
            h('td', {}, orDash(d.lastError)),
            h(
              'td',
              {},
              h(
              'div',
              { class: 'actions-cell' },
              h('button', { type: 'button', class: 'button secondary', dataset: { attempts: d.id }, 'aria-controls': 'delivery-detail', onclick: () => showDelivery(d.id) }, t('Attempts'), h('span', { class: 'visually-hidden' }, ` ${d.id}`)),
              replayable ? h('button', { type: 'button', class: 'button secondary', dataset: { replay: d.id }, onclick: (e) => replayOne(d, e.currentTarget) }, t('Replay'), h('span', { class: 'visually-hidden' }, ` ${d.id}`)) : null,
            ),
            ),
          );
        }),
      ),
    );

  const showDelivery = async (id) => {
    replace(deliveryDetail, h('p', { class: 'muted', role: 'status' }, t('Loading…')));
    try {
      const d = await get(`/api/v1/webhooks/deliveries/${encodeURIComponent(id)}`, {}, { signal: ctx.signal });
      replace(
        deliveryDetail,
        h(
          'section',
          { class: 'sub-card', 'aria-labelledby': 'delivery-detail-title', dataset: { deliveryId: id } },
          h('h3', { id: 'delivery-detail-title', tabindex: '-1' }, t('Delivery {id}', { id })),
          d.attempts.length
            ? h(
                'table',
                { class: 'list compact', id: 'attempts-table' },
                h('caption', { class: 'visually-hidden' }, t('Attempts of this delivery')),
                h('thead', {}, h('tr', {}, [t('Attempt'), t('Started'), t('Answer'), t('Time taken'), t('Response')].map((x) => h('th', { scope: 'col' }, x)))),
                h(
                  'tbody',
                  {},
                  // In the order they were made (a replay starts its count again, so number them here).
                  [...d.attempts].sort((a, b) => new Date(a.startedAt) - new Date(b.startedAt)).map((a, i) =>
                    h(
                      'tr',
                      { dataset: { attempt: String(i + 1), httpStatus: a.httpStatus ?? '', success: String(a.success) } },
                      h('th', { scope: 'row' }, `#${i + 1}`),
                      h('td', {}, time(a.startedAt)),
                      h('td', {}, h('span', { class: `badge ${a.success ? 'ok' : 'bad'}` }, a.httpStatus === null || a.httpStatus === undefined ? t('no HTTP answer') : `HTTP ${a.httpStatus}`), a.error ? h('p', { class: 'small' }, a.error) : null),
                      h('td', {}, t('{ms} ms', { ms: a.latencyMs })),
                      h('td', {}, h('span', { class: 'mono small target' }, orDash(a.responseSnippet))),
                    ),
                  ),
                ),
              )
            : h('p', { class: 'empty' }, t('Not attempted yet.')),
          h('h3', {}, t('Body sent')),
          h('pre', { class: 'raw', tabindex: '0', id: 'delivery-body', 'aria-label': t('Body sent') }, d.body),
        ),
      );
      deliveryDetail.querySelector('h3').focus();
    } catch (e) {
      if (e.name !== 'AbortError') replace(deliveryDetail, errorAlert(e));
    }
  };

  const replayOne = async (d, button) => {
    button.disabled = true;
    try {
      await api('POST', `/api/v1/webhooks/deliveries/${encodeURIComponent(d.id)}/replay`, { signal: ctx.signal });
      replace(message, alertBox('success', h('p', { id: 'replay-result' }, t('Delivery {id} queued again: it is sent within seconds.', { id: d.id }))));
      loadDeliveries(true);
    } catch (e) {
      if (e.name !== 'AbortError') replace(message, errorAlert(e));
      button.disabled = false;
    }
  };

  replayAll.addEventListener('click', async () => {
    replayAll.disabled = true;
    const sub = subSelect.value;
    try {
      const path = sub ? `/api/v1/webhooks/deliveries/replay?subscriptionId=${encodeURIComponent(sub)}` : '/api/v1/webhooks/deliveries/replay';
      const r = await api('POST', path, { signal: ctx.signal });
      replace(
        message,
        alertBox(
          r.replayed ? 'success' : 'info',
          h(
            'p',
            { id: 'replay-result', dataset: { replayed: String(r.replayed) } },
            r.replayed === 1
              ? t('1 failed delivery queued again: it is sent within seconds.')
              : r.replayed
                ? t('{n} failed deliveries queued again: they are sent within seconds.', { n: formatCount(r.replayed) })
                : t('No failed deliveries to replay.'),
          ),
        ),
      );
      loadDeliveries(true);
    } catch (e) {
      if (e.name !== 'AbortError') replace(message, errorAlert(e));
    } finally {
      replayAll.disabled = false;
    }
  });
  statusSelect.addEventListener('change', () => loadDeliveries(true));
  subSelect.addEventListener('change', () => loadDeliveries(true));
  refresh.addEventListener('click', () => loadDeliveries(true));
  deliveryFilters.addEventListener('submit', (event) => {
    event.preventDefault();
    loadDeliveries(true);
  });

  // Both calls go out together (the first view is one round trip); the log is drawn once the
  // subscriptions are in, as it names their targets.
  subscriptionsLoaded = loadSubscriptions();
  loadDeliveries(true);
  return () => clearTimeout(timer);
}

/** A secret shown this once, with a copy button. */
function shownSecret(title, secret, after) {
  return shownOnce({
    ids: { input: 'new-secret', copy: 'copy-secret', status: 'copy-secret-status' },
    value: secret,
    title,
    lead: t('Copy the secret now: the hub keeps it sealed and never shows it again.'),
    label: t('Signing secret'),
    notCopied: t('Copying is not allowed here: the secret is selected, press Ctrl+C (⌘C).'),
    hint: [t('The consumer checks each delivery’s webhook-signature with it (docs/webhooks.md shows how).'), after ? [' ', ...after] : null],
  });
}

function createForm(ctx, message, reload) {
  const summary = h('div', { class: 'form-summary' });
  const format = h(
    'select',
    { name: 'format' },
    h('option', { value: 'hub-events' }, t('Hub events (Standard Webhooks)')),
    h('option', { value: 'qfpay' }, t('QFPay notification (re-signed)')),
  );
  const secret = h('input', { name: 'secret', type: 'password', autocomplete: 'new-password', spellcheck: 'false' });
  const events = h('input', { name: 'events', type: 'text', autocomplete: 'off', spellcheck: 'false' });
  events.defaultValue = '*'; // what the form starts with, and returns to after each subscription
  const form = h(
    'form',
    { class: 'form', novalidate: true, 'aria-labelledby': 'create-sub-title', id: 'create-sub', hidden: true },
    h('h3', { id: 'create-sub-title' }, t('Add a subscription')),
    summary,
    field(
      t('Target URL'),
      h('input', { name: 'target', type: 'url', autocomplete: 'off', spellcheck: 'false', required: true, maxlength: 2000}),
      t('An absolute http:// or https:// URL, without user name or #fragment. To keep the hub from being turned against your own network, the hub resolves the name once and refuses loopback, private, link-local, unique-local, multicast and reserved addresses (IPv4 inside IPv6 too), then connects only to the address it checked; redirects are never followed.'),
    ),
    field(
      t('Allow a private target'),
      h('input', { name: 'allowPrivateTarget', type: 'checkbox' }),
      t('Only for a consumer on this network (e.g. an Odoo at 192.168.1.20 or on this machine): lifts the private-address rule for this subscription alone.'),
    ),
    field(t('Format'), format, t('Hub events: the hub’s event JSON, signed per Standard Webhooks. QFPay notification: QFPay’s body byte for byte, signed like QFPay does, for an endpoint that used to get QFPay’s notifications.')),
    field(t('Events'), events, t('Comma-separated: exact names (payment.succeeded), families (refund.*) or * for everything.')),
    field(t('Secret'), secret, t('Hub events: leave empty and the hub generates one (shown once), or give whsec_… yourself. QFPay notification: required, the notification key the consumer checks.')),
    field(t('Label'), h('input', { name: 'description', type: 'text', autocomplete: 'off', maxlength: 200 }), t('Optional: what the consumer is, e.g. "ERP".')),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'button', id: 'create-sub-button' }, t('Add subscription'))),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const values = new FormData(form);
    const eventList = String(values.get('events') || '').split(',').map((s) => s.trim()).filter(Boolean);
    const body = {
      target: String(values.get('target') || '').trim() || undefined,
      format: values.get('format'),
      events: eventList.length ? eventList : undefined,
      secret: String(values.get('secret') || '') || undefined,
      allowPrivateTarget: values.get('allowPrivateTarget') === 'on',
      description: String(values.get('description') || '').trim() || undefined,
    };
    const submit = form.querySelector('button[type=submit]');
    clearErrors(form, summary);
    submit.disabled = true;
    try {
      const created = await api('POST', '/api/v1/webhooks/subscriptions', { body, signal: ctx.signal });
      form.reset();
      if (created.secret) {
        replace(message, shownSecret(t('Subscription to {target} added.', { target: created.target }), created.secret, null));
        message.querySelector('input').focus();
      } else {
        replace(message, alertBox('success', t('Subscription to {target} added.', { target: created.target })));
      }
      reload();
    } catch (e) {
      if (e.name !== 'AbortError') showErrors(form, summary, e);
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}
