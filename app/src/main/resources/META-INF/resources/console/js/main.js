// The console's shell: sign-in, navigation and the hash router (#/terminals, #/payments/<id>, ...).
import { api, onUnauthorized, session } from './api.js';
import { h, replace } from './dom.js';
import { LANGUAGES, lang, setLang, t } from './i18n.js';
import { alertBox, explain } from './ui.js';
import * as overview from './views/overview.js';
import * as apiKeys from './views/api-keys.js';
import * as terminals from './views/terminals.js';
import * as terminal from './views/terminal.js';
import * as register from './views/register.js';
import * as payments from './views/payments.js';
import * as payment from './views/payment.js';
import * as newPayment from './views/new-payment.js';
// -- mms & diagnostics pages --
import * as mms from './views/mms.js';
import * as fleetDiagnostics from './views/fleet-diagnostics.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const signOutButton = document.getElementById('sign-out');
const languageSelect = document.getElementById('language');
const health = document.getElementById('health');

const ROUTES = [
  [/^overview$/, overview, 'overview'],
  [/^api-keys$/, apiKeys, 'api-keys'],
  [/^terminals\/new$/, register, 'terminals'],
  [/^terminals\/([^/]+)$/, terminal, 'terminals'],
  [/^terminals$/, terminals, 'terminals'],
  [/^payments\/new$/, newPayment, 'new-payment'],
  [/^payments\/([^/]+)$/, payment, 'payments'],
  [/^payments$/, payments, 'payments'],
  // -- mms & diagnostics pages --
  [/^mms$/, mms, 'mms'],
  [/^diagnostics$/, fleetDiagnostics, 'diagnostics'],
  [/^diagnostics\/([^/]+)$/, fleetDiagnostics, 'diagnostics'],
];

// -- notifications & webhooks pages --
// (import declarations are hoisted: these modules load before any statement of this file runs)
import * as notifications from './views/notifications.js';
import * as webhooks from './views/webhooks.js';
ROUTES.push(
  [/^notifications\/([^/]+)$/, notifications, 'notifications'],
  [/^notifications$/, notifications, 'notifications'],
  [/^webhooks$/, webhooks, 'webhooks'],
);
// Their links show with the API keys link: all three pages need an unscoped admin key.
new MutationObserver(() => {
  const hidden = document.getElementById('nav-api-keys').hidden;
  for (const id of ['nav-notifications', 'nav-webhooks']) document.getElementById(id).hidden = hidden;
}).observe(document.getElementById('nav-api-keys'), { attributes: true, attributeFilter: ['hidden'] });
// -- end notifications & webhooks pages --

let current = { cleanup: null, controller: null };
let pendingFlash = null;

/** Shows a message on the next page rendered (e.g. "Terminal registered"). */
function flash(kind, text) {
  pendingFlash = { kind, text };
}

function navigate(hash) {
  if (location.hash === hash) render();
  else location.hash = hash;
}

function stopCurrent() {
  if (current.cleanup) current.cleanup();
  if (current.controller) current.controller.abort();
  current = { cleanup: null, controller: null };
}

function parseHash() {
  const raw = location.hash.startsWith('#/') ? location.hash.slice(2) : '';
  const [path, query] = raw.split('?');
  return { path: path || 'overview', query: new URLSearchParams(query || '') };
}

function render() {
  stopCurrent();
  if (!session.key()) {
    showSignIn();
    return;
  }
  nav.hidden = false;
  signOutButton.hidden = false;
  health.hidden = false;
  const { path, query } = parseHash();
  const match = ROUTES.map(([re, view, section]) => [path.match(re), view, section]).find(([m]) => m);
  const view = h('div', { class: 'view' });
  if (pendingFlash) {
    view.append(alertBox(pendingFlash.kind, pendingFlash.text));
    pendingFlash = null;
  }
  replace(main, view);
  for (const link of nav.querySelectorAll('a')) {
    if (match && link.dataset.section === match[2]) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  if (!match) {
    view.append(h('h1', { tabindex: '-1' }, t('Page not found')), h('p', {}, h('a', { href: '#/overview' }, t('Go to the overview'))));
    focusHeading();
    return;
  }
  const [m, module] = match;
  const controller = new AbortController();
  const ctx = { navigate, flash, signal: controller.signal, query };
  current.controller = controller;
  try {
    const params = m.slice(1).map((p) => decodeURIComponent(p));
    current.cleanup = module.render(view, params, ctx) || null;
  } catch (e) {
    view.append(alertBox('error', explain(e)));
  }
  focusHeading();
  refreshHealth();
  showAdminLinks();
}

let adminProbe = null; // { key, promise }: is this key an unscoped admin (may it list API keys)?

/** Shows the links to pages only unscoped admin keys may use, once the hub says this key may. */
function showAdminLinks() {
  const key = session.key();
  if (!adminProbe || adminProbe.key !== key) {
    const promise = api('GET', '/api/v1/api-keys?limit=1').then(() => true, () => false);
    adminProbe = { key, promise };
  }
  adminProbe.promise.then((allowed) => {
    document.getElementById('nav-api-keys').hidden = !allowed || session.key() !== key;
  });
}

/** Moves focus to the new page's heading so screen readers announce the navigation. */
function focusHeading() {
  const heading = main.querySelector('h1');
  if (heading) heading.focus({ preventScroll: true });
}

function showSignIn(message) {
  nav.hidden = true;
  signOutButton.hidden = true;
  adminProbe = null;
  document.getElementById('nav-api-keys').hidden = true;
  health.hidden = true;
  const summary = h('div', { class: 'form-summary' }, message ? alertBox('warning', message) : null);
  const input = h('input', {
    id: 'api-key',
    name: 'apiKey',
    type: 'password',
    autocomplete: 'off',
    spellcheck: 'false',
    required: true,
    'aria-describedby': 'api-key-hint',
  });
  const button = h('button', { type: 'submit', class: 'button' }, t('Sign in'));
  const form = h(
    'form',
    { class: 'card signin', 'aria-labelledby': 'signin-title', novalidate: true },
    h('h1', { id: 'signin-title', tabindex: '-1' }, t('Sign in')),
    h('p', {}, t('Use an API key of this hub. Admin keys can register terminals; cashier keys can take payments.')),
    summary,
    h('div', { class: 'field' }, h('label', { for: 'api-key' }, t('API key')), input),
    h('p', { class: 'hint', id: 'api-key-hint' }, t('The key stays in this browser tab (session storage) and is cleared when you sign out or close the tab.')),
    button,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const key = input.value.trim();
    if (!key) {
      replace(summary, alertBox('error', t('Enter an API key.')));
      input.focus();
      return;
    }
    button.disabled = true;
    replace(summary, h('p', { class: 'muted', role: 'status' }, t('Checking the key…')));
    try {
      await api('GET', '/api/v1/terminals?limit=1', { key });
      session.signIn(key);
      input.value = '';
      render();
    } catch (e) {
      replace(summary, alertBox('error', explain(e)));
      button.disabled = false;
      input.focus();
      input.select();
    }
  });
  replace(main, form);
  input.focus();
}

async function refreshHealth() {
  try {
    const response = await fetch('/q/health/ready', { cache: 'no-store', credentials: 'omit' });
    const body = await response.json().catch(() => ({}));
    const down = (body.checks || []).filter((c) => c.status !== 'UP').map((c) => c.name);
    showHealth(response.ok, response.ok ? t('Hub ready') : `${t('Hub not ready')}${down.length ? `: ${down.join(', ')}` : ''}`);
  } catch {
    showHealth(false, t('Hub unreachable'));
  }
}

/** Updates the health indicator only when it changes, so screen readers hear changes only. */
function showHealth(ok, text) {
  if (health.textContent === text) return;
  health.className = ok ? 'health ok' : 'health bad';
  health.textContent = text;
}

function signOut(message, keepPlace) {
  stopCurrent();
  session.signOut();
  if (!keepPlace && location.hash !== '') history.replaceState(null, '', location.pathname);
  showSignIn(message);
}

// The stored key stopped working (revoked, or the hub was re-keyed): sign out, keep the page to
// come back to after signing in again.
onUnauthorized((error) => {
  if (session.key()) signOut(`${t('You were signed out.')} ${explain(error)}`, true);
});
signOutButton.addEventListener('click', () => signOut(t('You are signed out.'), false));
document.querySelector('.skip-link').addEventListener('click', (event) => {
  event.preventDefault();
  main.focus();
});
window.addEventListener('hashchange', () => {
  if (location.hash === '' || location.hash.startsWith('#/')) render();
});
/** Puts the chosen language on the page's fixed text (index.html's data-i18n elements). */
function translateShell() {
  document.documentElement.lang = lang();
  document.title = t('ECR Hub console');
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of document.querySelectorAll('[data-i18n-label]')) el.setAttribute('aria-label', t(el.dataset.i18nLabel));
  replace(languageSelect, LANGUAGES.map(([code, name]) => h('option', { value: code, lang: code, selected: code === lang() }, name)));
  languageSelect.setAttribute('aria-label', t('Language'));
  health.textContent = '';
}
languageSelect.addEventListener('change', () => {
  setLang(languageSelect.value);
  translateShell();
  if (session.key()) render();
  else showSignIn();
  languageSelect.focus();
});
translateShell();
render();
