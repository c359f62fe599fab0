// Terminals: the list (paginated), each with its status and, when not ONLINE, what to do about it.
import { get } from '../api.js';
import { h, orDash, replace, route } from '../dom.js';
import { badge, cursorPager, errorAlert, pageHeader } from '../ui.js';
import { t as tr } from '../i18n.js';

const PAGE_SIZE = 25;

export function render(view, _params, ctx) {
  const body = h('div', { class: 'card' }, h('p', { class: 'muted', role: 'status' }, tr('Loading terminals…')));
  view.append(
    pageHeader(tr('Terminals'), h('a', { class: 'button', href: '#/terminals/new' }, tr('Register a terminal'))),
    body,
  );
  const cursors = [null];
  const load = async () => {
    try {
      const page = await get('/api/v1/terminals', { limit: PAGE_SIZE, cursor: cursors[cursors.length - 1] }, { signal: ctx.signal });
      replace(
        body,
        table(page.items),
        cursorPager(page, cursors, load),
      );
    } catch (e) {
      if (e.name !== 'AbortError') replace(body, errorAlert(e));
    }
  };
  load();
}

function table(items) {
  if (items.length === 0) {
    return h('p', { class: 'empty' }, tr('No terminals yet. '), h('a', { href: '#/terminals/new' }, tr('Register the first one')), '.');
  }
  return h(
    'table',
    { class: 'list', id: 'terminals-table' },
    h('caption', { class: 'visually-hidden' }, tr('Terminals and their status')),
    h(
      'thead',
      {},
      h('tr', {}, [tr('Name'), tr('Status'), tr('Address'), tr('Model'), tr('Store')].map((t) => h('th', { scope: 'col' }, t))),
    ),
    h(
      'tbody',
      {},
      items.map((t) =>
        h(
          'tr',
          { dataset: { terminalId: t.id }, class: t.status === 'ONLINE' ? null : 'row-attention-soft' },
          h('th', { scope: 'row' }, h('a', { href: route('terminals', t.id) }, t.name), h('div', { class: 'muted small mono' }, t.id)),
          h(
            'td',
            {},
            badge(t.status),
            t.status !== 'ONLINE' && t.statusFix ? h('p', { class: 'fix' }, t.statusFix) : null,
          ),
          h('td', { class: 'mono' }, address(t)),
          h('td', {}, modelName(t.model)),
          h('td', {}, orDash(t.storeId)),
        ),
      ),
    ),
  );
}

export function address(t) {
  return t.transport === 'SERIAL' ? `SERIAL ${t.host}` : `${t.transport} ${t.host}:${t.port}`;
}

export function modelName(model) {
  return { LANDI_A8: 'Landi A8', LANDI_A8S: 'Landi A8S', PAX_A920: 'PAX A920', UNKNOWN: tr('Unknown') }[model] || model;
}
