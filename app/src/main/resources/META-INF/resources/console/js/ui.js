// Shared pieces of the console's pages: headings, alerts, status badges, form fields, pagers.
import { h, replace, uid } from './dom.js';
import { t as tr } from './i18n.js';

/** A one-line explanation of a failed call, with the hub's own wording and stable code. */
export function explain(error) {
  if (!error || error.status === undefined) {
    return tr('Something went wrong in the console: {what}', { what: error && error.message ? error.message : error });
  }
  switch (error.status) {
    case 0:
      return tr('The hub could not be reached: {detail}.', { detail: error.detail });
    case 401:
      return tr('The hub did not accept the API key: {detail} ({code}).', { detail: error.detail, code: error.code });
    case 403:
      return tr('This API key is not allowed to do that: {detail} ({code}).', { detail: error.detail, code: error.code });
    default:
      return `${capitalise(error.detail)} (${error.code}).`;
  }
}

function capitalise(text) {
  const s = String(text || '');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** An alert: 'error' and 'warning' are announced at once (role=alert), 'info'/'success' politely. */
export function alertBox(kind, ...content) {
  const urgent = kind === 'error' || kind === 'warning';
  return h('div', { class: `alert ${kind}`, role: urgent ? 'alert' : 'status' }, ...content);
}

export function errorAlert(error) {
  return alertBox('error', explain(error));
}

/** The page heading and its actions; the heading takes focus after navigation. */
export function pageHeader(title, ...actions) {
  return h('div', { class: 'page-header' }, h('h1', { tabindex: '-1' }, title), h('div', { class: 'actions' }, ...actions));
}

const STATUS_TONE = {
  ONLINE: 'ok',
  SUCCEEDED: 'ok',
  NEW: 'neutral',
  PENDING: 'progress',
  IN_PROGRESS: 'progress',
  CANCELLED: 'neutral',
  DISABLED: 'neutral',
  DECLINED: 'bad',
  FAILED: 'bad',
  UNKNOWN: 'attention',
  PASS: 'ok',
  WARN: 'attention',
  FAIL: 'bad',
  SKIP: 'neutral',
  ADMIN: 'progress',
  CASHIER: 'neutral',
};

/** A status shown as a word with a colour (never colour alone). */
export function badge(status) {
  const text = String(status || 'UNKNOWN');
  const tone = STATUS_TONE[text] || 'bad';
  return h('span', { class: `badge ${tone}`, dataset: { status: text } }, tr(text.replaceAll('_', ' ')));
}

/**
 * A badge for a page's own statuses (badge() is for the hub's upper-case ones): the word `text` with
 * the colour `tone`, and the status in data-status for the tests and the stylesheet.
 */
export function toneBadge(status, tone, text) {
  return h('span', { class: `badge ${tone}`, dataset: { status } }, text);
}

/**
 * The word for `key` from a table of functions that translate (so the word follows the
 * language chosen since the page loaded), or `fallback` when the table has none.
 */
export function wordFor(words, key, fallback) {
  return Object.hasOwn(words, key) ? words[key]() : fallback;
}

/**
 * Asks in `message` before an action that cannot be taken back: a warning with `question`, a button
 * `confirm` that runs `action` (disabled at the first click when `once`, so it cannot run twice) and
 * a button `keep` that clears the question, which takes focus. A failure of `action` replaces the
 * question with the hub's explanation.
 */
export function confirmInline(message, { question, confirm, confirmClass = 'button danger', id, keep, once = false }, action) {
  const yes = h('button', { type: 'button', class: confirmClass, id }, confirm);
  const no = h('button', { type: 'button', class: 'button secondary', onclick: () => replace(message) }, keep);
  yes.addEventListener('click', async () => {
    if (once) yes.disabled = true;
    try {
      await action();
    } catch (e) {
      if (e.name !== 'AbortError') replace(message, errorAlert(e));
    }
  });
  replace(message, alertBox('warning', h('p', {}, question), h('div', { class: 'form-actions' }, yes, no)));
  no.focus();
}

/**
 * A secret shown this once (the hub keeps only its hash or sealed form), in a read-only field with a
 * copy button; where the browser does not allow copying, the field is selected for Ctrl+C and
 * `notCopied` says so. `ids` names the field, the button and the copy status; the hint is `${ids.input}-hint`.
 */
export function shownOnce({ ids, value, title, lead, label, notCopied, hint }) {
  const hintId = `${ids.input}-hint`;
  const input = h('input', { type: 'text', id: ids.input, class: 'mono', readOnly: true, value, 'aria-describedby': hintId, size: 48 });
  const status = h('span', { role: 'status', class: 'muted', id: ids.status });
  const copy = h('button', { type: 'button', class: 'button secondary', id: ids.copy }, tr('Copy'));
  copy.addEventListener('click', async () => {
    input.select();
    try {
      await navigator.clipboard.writeText(input.value);
      replace(status, tr('Copied.'));
    } catch {
      replace(status, notCopied);
    }
  });
  return alertBox(
    'success',
    h('p', {}, h('strong', {}, title), ' ', lead),
    h('div', { class: 'field' }, h('label', { for: ids.input }, label), h('div', { class: 'form-actions' }, input, copy, status)),
    h('p', { class: 'hint', id: hintId }, hint),
  );
}

/**
 * A labelled form field. `control` is an input/select; its error text (from the problem document)
 * goes under it and is linked with aria-describedby.
 */
export function field(label, control, hint) {
  const id = control.id || uid('f');
  control.id = id;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, errorId].filter(Boolean).join(' ');
  control.setAttribute('aria-describedby', describedBy);
  const isCheckbox = control.type === 'checkbox';
  return h(
    'div',
    { class: isCheckbox ? 'field checkbox' : 'field', dataset: { field: control.name } },
    isCheckbox ? h('label', { for: id }, control, ' ', label) : [h('label', { for: id }, label), control],
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null,
    h('p', { class: 'field-error', id: errorId, hidden: true }),
  );
}

/** Clears the field errors of a form and its summary. */
export function clearErrors(form, summary) {
  for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
  for (const p of form.querySelectorAll('.field-error')) {
    p.hidden = true;
    p.textContent = '';
  }
  replace(summary);
}

/**
 * Shows a failed submission: each field error under its field (aria-invalid), and a summary
 * (role=alert) listing them; errors for fields the form does not have are listed in the summary.
 */
export function showErrors(form, summary, error) {
  clearErrors(form, summary);
  const errors = error.fieldErrors || [];
  if (errors.length === 0) {
    replace(summary, errorAlert(error));
    return;
  }
  const items = [];
  let first = null;
  for (const e of errors) {
    const input = e.field ? form.elements.namedItem(e.field) : null;
    if (input && input.id) {
      input.setAttribute('aria-invalid', 'true');
      const p = form.querySelector(`#${CSS.escape(input.id)}-error`);
      if (p) {
        p.textContent = e.detail;
        p.hidden = false;
      }
      first = first || input;
      items.push(h('li', {}, h('a', { href: `#${input.id}`, onclick: focusField(input) }, e.detail)));
    } else {
      items.push(h('li', {}, e.field ? `${e.field}: ${e.detail}` : e.detail));
    }
  }
  replace(
    summary,
    alertBox('error', h('p', {}, tr('The hub refused this ({code}):', { code: error.code })), h('ul', {}, items)),
  );
  if (first) first.focus();
}

function focusField(input) {
  return (event) => {
    event.preventDefault();
    input.focus();
  };
}

/** Previous/next buttons over cursor pagination. */
export function pager(page, { onNext, onPrevious, hasPrevious }) {
  if (!hasPrevious && !page.nextCursor) return null;
  return h(
    'nav',
    { class: 'pager', 'aria-label': tr('Pages') },
    h('button', { type: 'button', class: 'button secondary', disabled: !hasPrevious, onclick: onPrevious }, tr('← Previous page')),
    h('button', { type: 'button', class: 'button secondary', disabled: !page.nextCursor, onclick: onNext }, tr('Next page →')),
  );
}

/**
 * The pager of a list kept as a stack of cursors (`cursors[0]` is null, the first page): next pushes
 * the page's next cursor, previous pops one, and both call `load` to show the page on top.
 */
export function cursorPager(page, cursors, load) {
  return pager(page, {
    hasPrevious: cursors.length > 1,
    onNext: () => {
      cursors.push(page.nextCursor);
      load();
    },
    onPrevious: () => {
      cursors.pop();
      load();
    },
  });
}

/** A description list from [label, value] pairs (values are text or nodes). */
export function details(pairs) {
  return h('dl', { class: 'details' }, pairs.filter(Boolean).map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

export const CHANNELS = [
  ['card_payment', 'Card (Visa / Mastercard)'],
  ['unionpay_card', 'UnionPay card'],
  ['amex_card', 'American Express card'],
  ['wx', 'WeChat Pay'],
  ['alipay', 'Alipay'],
  ['payme', 'PayMe'],
  ['union', 'UnionPay QuickPass'],
  ['fps', 'FPS'],
  ['octopus', 'Octopus'],
];

export const PAYMENT_STATUSES = ['PENDING', 'IN_PROGRESS', 'SUCCEEDED', 'DECLINED', 'CANCELLED', 'FAILED', 'UNKNOWN'];
export const FINAL_STATUSES = new Set(['SUCCEEDED', 'DECLINED', 'CANCELLED', 'FAILED']);

export function channelName(wire) {
  const found = CHANNELS.find(([w]) => w === wire);
  return found ? found[1] : wire;
}

/** Whether a payment needs an operator: outcome unknown, or flagged for review. */
export function needsAttention(payment) {
  return payment.status === 'UNKNOWN' || Boolean(payment.reviewNote);
}
