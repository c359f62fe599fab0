// MMS configuration (unscoped admin keys only): upload the POS Key List exported from QFPay's
// merchant portal, see the pull source (partner API) and pull now, the last syncs, the changes held
// for review as a before/after diff per setting (a POS key only ever shows as "changed") with
// approve and reject, and the audit log. The first view is three requests sent together.
import { ApiError, api, get, session } from '../api.js';
import { h, orDash, replace, route, time } from '../dom.js';
import { formatCount, t } from '../i18n.js';
import { alertBox, errorAlert, explain, field, pageHeader, toneBadge, wordFor } from '../ui.js';

const AUDIT_LIMIT = 200;
const SYNCS_SHOWN = 10;
const AUDIT_SHOWN = 50;

// The MMS link shows for the keys that may use the page: exactly those that may list API keys (an
// unscoped admin), so it follows the API keys link that main.js shows after asking the hub.
const keysLink = document.getElementById('nav-api-keys');
const mmsLink = document.getElementById('nav-mms');
if (keysLink && mmsLink) {
  const mirror = () => {
    mmsLink.hidden = keysLink.hidden;
  };
  new MutationObserver(mirror).observe(keysLink, { attributes: true, attributeFilter: ['hidden'] });
  mirror();
}

const ACTION_WORDS = {
  APPLIED: () => t('Applied'),
  HELD: () => t('Held for review'),
  REJECTED: () => t('Rejected'),
  FAILED: () => t('Failed'),
  SKIPPED: () => t('Skipped'),
  ROW_REJECTED: () => t('Row rejected'),
  NO_CHANGES: () => t('No changes'),
  SOURCE_FAILED: () => t('Source failed'),
  DRIFT: () => t('Drift'),
  PENDING: () => t('Waiting for review'),
  APPROVED: () => t('Approved'),
};
const ACTION_TONE = {
  APPLIED: 'ok',
  APPROVED: 'ok',
  NO_CHANGES: 'neutral',
  SKIPPED: 'neutral',
  HELD: 'attention',
  PENDING: 'attention',
  DRIFT: 'attention',
  REJECTED: 'neutral',
};

const CHANGE_WORDS = {
  NEW: () => t('New device'),
  LINKED: () => t('Linked to a terminal'),
  KEY_CHANGED: () => t('POS key changed'),
  HTTPS_TOGGLED: () => t('HTTPS switched'),
  ENCRYPTION_TOGGLED: () => t('Encryption switched'),
  IP_CHANGED: () => t('IP address changed'),
  NAME_CHANGED: () => t('Name changed'),
  REMOVED: () => t('Removed from the list'),
};

const FIELD_WORDS = {
  deviceId: () => t('Device id'),
  name: () => t('Name'),
  ip: () => t('IP address'),
  https: () => t('HTTPS'),
  encryption: () => t('Encryption'),
  posKey: () => t('POS key'),
  enabled: () => t('Enabled'),
};

function actionBadge(action) {
  return toneBadge(action, ACTION_TONE[action] || 'bad', wordFor(ACTION_WORDS, action, action));
}

function changeWord(kind) {
  return wordFor(CHANGE_WORDS, kind, kind);
}

function value(v) {
  if (v === 'on') return t('on');
  if (v === 'off') return t('off');
  return orDash(v);
}

export function render(view, _params, ctx) {
  const message = h('div', { class: 'form-summary', id: 'mms-message' });
  const sources = h('section', { class: 'card', id: 'mms-sources', 'aria-labelledby': 'mms-sources-title', hidden: true });
  const syncs = h('section', { class: 'card', id: 'mms-syncs', 'aria-labelledby': 'mms-syncs-title', hidden: true });
  const held = h('section', { class: 'card', id: 'mms-held', 'aria-labelledby': 'mms-held-title', hidden: true });
  const audit = h('section', { class: 'card', id: 'mms-audit', 'aria-labelledby': 'mms-audit-title', hidden: true });
  const status = h('div', { id: 'mms-status' }, h('p', { class: 'muted', role: 'status' }, t('Loading…')));
  view.append(
    pageHeader(t('MMS configuration')),
    h('p', { class: 'muted intro' }, t('QFPay’s merchant portal (MMS) has no API: export its POS Key List and upload it here, or let the hub pull it from a partner API. Risky changes wait for your approval.')),
    message,
    status,
    sources,
    held,
    syncs,
    audit,
  );

  const upload = uploadForm(ctx, (report) => {
    replace(message, reportBox(report));
    load();
  });

  let first = true;
  const load = async () => {
    let results;
    try {
      results = await Promise.all([
        get('/api/v1/mms/pull', {}, { signal: ctx.signal }),
        get('/api/v1/mms/held', {}, { signal: ctx.signal }),
        get('/api/v1/mms/audit', { limit: AUDIT_LIMIT }, { signal: ctx.signal }),
      ]);
    } catch (e) {
      if (e.name === 'AbortError') return;
      replace(
        status,
        e.status === 403
          ? alertBox('info', t('MMS configuration needs an admin key without a store or terminal scope. This key may not see or change it.'))
          : errorAlert(e),
      );
      return;
    }
    const [pull, pending, entries] = results;
    replace(status);
    if (first) {
      replace(sources, h('h2', { id: 'mms-sources-title' }, t('Sources')), upload, h('div', { id: 'pull-source' }));
      first = false;
    }
    drawPull(sources.querySelector('#pull-source'), pull);
    drawHeld(pending);
    drawSyncs(entries);
    drawAudit(entries);
    for (const s of [sources, held, syncs, audit]) s.hidden = false;
  };

  const drawPull = (box, pull) => {
    const button = h('button', { type: 'button', class: 'button secondary', id: 'pull-now' }, t('Pull now'));
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        const report = await api('POST', '/api/v1/mms/pull', { signal: ctx.signal });
        replace(message, reportBox(report));
      } catch (e) {
        if (e.name === 'AbortError') return;
        replace(message, errorAlert(e));
      }
      load();
    });
    const state = pull.state || '';
    replace(
      box,
      h('h3', {}, t('Partner API (pull)')),
      pull.configured
        ? [
            h(
              'p',
              { id: 'pull-state', dataset: { state } },
              h('span', { class: `badge ${state === 'CLOSED' ? 'ok' : state === 'OPEN' ? 'bad' : 'attention'}` }, state === 'CLOSED' ? t('Working') : state === 'OPEN' ? t('Paused after failures') : t('Trying again')),
              ' ',
              t('{n} failed pulls in a row', { n: formatCount(pull.consecutiveFailures) }),
            ),
            pull.openUntil ? h('p', { class: 'muted' }, t('Next attempt after '), time(pull.openUntil)) : null,
            pull.lastError ? h('p', { class: 'fix' }, h('strong', {}, t('Last error: ')), pull.lastError) : null,
            h('div', { class: 'form-actions' }, button),
          ]
        : h('p', { class: 'muted', id: 'pull-state', dataset: { state: 'NOT_CONFIGURED' } }, t('No partner API is configured (ecrhub.mms.pull.url): upload the POS Key List instead.')),
    );
  };

  const drawHeld = (pending) => {
    const list = pending.filter((x) => x.status === 'PENDING');
    replace(
      held,
      h('h2', { id: 'mms-held-title' }, t('Held changes')),
      list.length === 0
        ? h('p', { class: 'all-good', id: 'no-held' }, t('Nothing is waiting for review.'))
        : [h('p', {}, t('These changes came from MMS but wait for an operator: check them against the merchant portal before approving. Approval re-checks each device against the hub’s terminals.')), list.map(heldSync)],
    );
  };

  const heldSync = (x) => {
    const approve = h('button', { type: 'button', class: 'button', dataset: { approve: x.id } }, t('Approve'), h('span', { class: 'visually-hidden' }, ` ${x.source}`));
    const reject = h('button', { type: 'button', class: 'button danger', dataset: { reject: x.id } }, t('Reject'), h('span', { class: 'visually-hidden' }, ` ${x.source}`));
    const act = (button, verb) => async () => {
      approve.disabled = true;
      reject.disabled = true;
      try {
        const report = await api('POST', `/api/v1/mms/held/${encodeURIComponent(x.id)}/${verb}`, { signal: ctx.signal });
        replace(message, verb === 'approve' ? reportBox(report, t('Approved: the changes were applied device by device.')) : alertBox('success', h('span', { id: 'mms-result' }, t('Rejected: nothing was changed.'))));
      } catch (e) {
        if (e.name === 'AbortError') return;
        replace(message, errorAlert(e));
      }
      load();
    };
    approve.addEventListener('click', act(approve, 'approve'));
    reject.addEventListener('click', act(reject, 'reject'));
    return h(
      'article',
      { class: 'held-sync', dataset: { heldId: x.id }, 'aria-label': t('Held sync from {source}', { source: x.source }) },
      h('p', { class: 'held-head' }, h('strong', {}, x.source), ' · ', time(x.createdAt), x.rowErrors.length ? h('span', { class: 'muted' }, ` · ${t('{n} rows rejected', { n: x.rowErrors.length })}`) : null),
      x.changes.map(changeDiff),
      h('div', { class: 'form-actions' }, approve, reject),
    );
  };

  const drawSyncs = (entries) => {
    const bySync = new Map();
    for (const e of entries) {
      if (!e.syncId) continue;
      let s = bySync.get(e.syncId);
      if (!s) {
        s = { id: e.syncId, source: e.source, actor: e.actor, at: e.at, counts: {} };
        bySync.set(e.syncId, s);
      }
      s.counts[e.action] = (s.counts[e.action] || 0) + 1;
    }
    const list = [...bySync.values()].slice(0, SYNCS_SHOWN);
    replace(
      syncs,
      h('h2', { id: 'mms-syncs-title' }, t('Last syncs')),
      list.length === 0
        ? h('p', { class: 'empty' }, t('No sync yet: upload the POS Key List above.'))
        : h(
            'table',
            { class: 'list', id: 'syncs-table' },
            h('caption', { class: 'visually-hidden' }, t('Last syncs')),
            h('thead', {}, h('tr', {}, [t('Source'), t('When'), t('By'), t('Outcome')].map((x) => h('th', { scope: 'col' }, x)))),
            h(
              'tbody',
              {},
              list.map((s) =>
                h(
                  'tr',
                  { dataset: { syncId: s.id } },
                  h('th', { scope: 'row' }, s.source),
                  h('td', {}, time(s.at)),
                  h('td', { class: 'mono' }, orDash(s.actor)),
                  h('td', {}, h('ul', { class: 'outcomes' }, Object.entries(s.counts).map(([a, n]) => h('li', {}, actionBadge(a), ` × ${formatCount(n)}`)))),
                ),
              ),
            ),
          ),
    );
  };

  const drawAudit = (entries) => {
    const shown = entries.slice(0, AUDIT_SHOWN);
    replace(
      audit,
      h('h2', { id: 'mms-audit-title' }, t('Audit log')),
      shown.length === 0
        ? h('p', { class: 'empty' }, t('The audit log is empty.'))
        : h(
            'table',
            { class: 'list', id: 'audit-table' },
            h('caption', { class: 'visually-hidden' }, t('Audit log, newest first')),
            h('thead', {}, h('tr', {}, [t('When'), t('What'), t('Device'), t('Changes'), t('Source'), t('Detail')].map((x) => h('th', { scope: 'col' }, x)))),
            h(
              'tbody',
              {},
              shown.map((e) =>
                h(
                  'tr',
                  { dataset: { auditId: e.id, action: e.action, deviceId: e.deviceId || '' } },
                  h('td', {}, time(e.at)),
                  h('td', {}, actionBadge(e.action)),
                  h('td', {}, e.terminalId ? h('a', { class: 'mono', href: route('terminals', e.terminalId) }, e.deviceId || e.terminalId) : h('span', { class: 'mono' }, orDash(e.deviceId))),
                  h('td', {}, e.changes.length ? e.changes.map(changeWord).join(', ') : orDash(null)),
                  h('td', {}, e.source || '', e.actor ? h('span', { class: 'muted small' }, ` · ${e.actor}`) : null),
                  h('td', {}, orDash(e.detail)),
                ),
              ),
            ),
          ),
      entries.length > AUDIT_SHOWN ? h('p', { class: 'muted' }, t('Showing the newest {n} entries.', { n: AUDIT_SHOWN })) : null,
    );
  };

  load();
}

/** One device of a held sync: what kinds of change, and before/after per setting. */
function changeDiff(c) {
  return h(
    'div',
    { class: 'change', dataset: { deviceId: c.deviceId } },
    h(
      'p',
      { class: 'change-head' },
      c.terminalId ? h('a', { class: 'mono', href: route('terminals', c.terminalId) }, c.deviceId) : h('span', { class: 'mono' }, c.deviceId),
      ' ',
      c.changes.map((k) => h('span', { class: 'badge attention', dataset: { change: k } }, changeWord(k))),
    ),
    h(
      'table',
      { class: 'list compact diff' },
      h('caption', { class: 'visually-hidden' }, t('Settings of {device}: now and after approval', { device: c.deviceId })),
      h('thead', {}, h('tr', {}, [t('Setting'), t('Now'), t('After approval')].map((x) => h('th', { scope: 'col' }, x)))),
      h(
        'tbody',
        {},
        (c.fields || []).map((f) =>
          h(
            'tr',
            { dataset: { field: f.field } },
            h('th', { scope: 'row' }, wordFor(FIELD_WORDS, f.field, f.field)),
            f.field === 'posKey'
              ? [h('td', { class: 'before muted', dataset: { label: t('Now') } }, t('(never shown)')), h('td', { class: 'after changed', dataset: { label: t('After approval') } }, h('strong', {}, t('changed')))]
              : [h('td', { class: 'before', dataset: { label: t('Now') } }, value(f.before)), h('td', { class: 'after', dataset: { label: t('After approval') } }, h('strong', {}, value(f.after)))],
          ),
        ),
      ),
    ),
  );
}

/** The outcome of an import, a pull or an approval: counts, each device, and each bad row. */
function reportBox(r, headline) {
  const problems = r.failed + r.rejected > 0;
  return alertBox(
    problems ? 'warning' : r.held > 0 ? 'info' : 'success',
    h(
      'div',
      { id: 'mms-result', dataset: { syncId: r.syncId || '', held: String(r.held), applied: String(r.applied) } },
      h('p', {}, h('strong', {}, headline || t('Sync of {source} done.', { source: r.source }))),
      h(
        'p',
        {},
        t('{applied} applied, {held} held for review, {failed} failed, {skipped} skipped, {unchanged} unchanged, {rejected} rows rejected.', {
          applied: r.applied,
          held: r.held,
          failed: r.failed,
          skipped: r.skipped,
          unchanged: r.unchanged,
          rejected: r.rejected,
        }),
      ),
      r.devices.length
        ? h(
            'ul',
            { class: 'devices' },
            r.devices.map((d) => h('li', { dataset: { deviceId: d.deviceId, result: d.result } }, h('span', { class: 'mono' }, d.deviceId), ' ', actionBadge(d.result), d.changes.length ? ` ${d.changes.map(changeWord).join(', ')}` : '', d.reason ? h('span', { class: 'muted' }, ` — ${d.reason}`) : null)),
          )
        : null,
      r.rowErrors.length
        ? [
            h('p', {}, t('Rows the hub could not read (fix them in the file and upload it again):')),
            h('ul', { class: 'row-errors' }, r.rowErrors.map((e) => h('li', { dataset: { row: String(e.row) } }, t('Row {row}, {field}: {reason}', { row: e.row, field: e.field, reason: e.reason })))),
          ]
        : null,
    ),
  );
}

/** The POS Key List upload: a CSV or JSON file, sent as it is (never shown, never kept here). */
function uploadForm(ctx, done) {
  const summary = h('div', { class: 'form-summary' });
  const file = h('input', { type: 'file', name: 'file', id: 'mms-file', accept: '.csv,.txt,.json,text/csv,application/json', required: true });
  const partial = h('input', { type: 'checkbox', name: 'partial', id: 'mms-partial' });
  const review = h('input', { type: 'checkbox', name: 'review', id: 'mms-review' });
  const submit = h('button', { type: 'submit', class: 'button', id: 'mms-upload' }, t('Upload and sync'));
  const form = h(
    'form',
    { class: 'form', id: 'mms-upload-form', novalidate: true, 'aria-labelledby': 'mms-upload-title' },
    h('h3', { id: 'mms-upload-title' }, t('Upload the POS Key List')),
    summary,
    field(t('POS Key List file (CSV or JSON)'), file, t('Export it from MMS (POS Key List). The keys in it go to the hub only, encrypted at rest; the console never shows them.')),
    field(t('Partial list: devices not in this file are not removed'), partial),
    field(t('Hold every change for review'), review),
    h('div', { class: 'form-actions' }, submit),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    replace(summary);
    const chosen = file.files && file.files[0];
    if (!chosen) {
      replace(summary, alertBox('error', t('Choose the POS Key List file first.')));
      file.focus();
      return;
    }
    submit.disabled = true;
    replace(summary, h('p', { class: 'muted', role: 'status' }, t('Uploading…')));
    try {
      const json = /\.json$/i.test(chosen.name) || chosen.type.includes('json');
      const query = new URLSearchParams({ name: label(chosen.name), format: json ? 'json' : 'csv' });
      if (partial.checked) query.set('partial', 'true');
      if (review.checked) query.set('review', 'true');
      const report = await send(`/api/v1/mms/imports?${query}`, json ? 'application/json' : 'text/csv', await chosen.arrayBuffer(), ctx.signal);
      replace(summary);
      form.reset();
      done(report);
    } catch (e) {
      if (e.name === 'AbortError') return;
      replace(summary, alertBox('error', explain(e)));
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

/** The file name as the audit's label (the hub accepts letters, digits, space . _ ( ) -). */
function label(name) {
  const cleaned = String(name).replace(/[^A-Za-z0-9 ._()-]/g, '_').slice(0, 100);
  return cleaned || 'upload';
}

/** POSTs the file's bytes as they are (api() sends JSON); errors as the hub's problem document. */
async function send(path, type, bytes, signal) {
  let response;
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': type, Authorization: `Bearer ${session.key()}` },
      body: bytes,
      signal,
      cache: 'no-store',
      credentials: 'omit',
    });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, { code: 'NETWORK_ERROR', detail: 'the hub could not be reached; check the network and that the hub is running' });
  }
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, body && typeof body === 'object' ? body : { detail: `the hub answered HTTP ${response.status}` });
  return body;
}
