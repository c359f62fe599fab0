// The hub's REST API: bearer API key from this tab's sessionStorage, problem documents (RFC 9457)
// turned into ApiError, and Server-Sent Events read with fetch (EventSource cannot send headers).

const KEY_SLOT = 'ecrhub.console.apiKey';

/** The API key of this tab (sessionStorage only: never localStorage, a cookie or a URL). */
export const session = {
  key() {
    return sessionStorage.getItem(KEY_SLOT);
  },
  signIn(key) {
    sessionStorage.setItem(KEY_SLOT, key);
  },
  signOut() {
    sessionStorage.removeItem(KEY_SLOT);
  },
};

/** A refused or failed call, carrying the problem document. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }

  get code() {
    return this.problem.code || (this.status ? `HTTP_${this.status}` : 'NETWORK_ERROR');
  }

  get detail() {
    return this.problem.detail || this.problem.title || `the hub answered HTTP ${this.status}`;
  }

  /** Field errors: the problem's errors[] when present, else its single field. */
  get fieldErrors() {
    const list = Array.isArray(this.problem.errors) ? this.problem.errors : [];
    const out = list
      .filter((e) => e && typeof e === 'object')
      .map((e) => ({
        field: e.field || e.pointer || e.name || null,
        detail: e.detail || e.message || e.reason || this.detail,
        code: e.code || this.code,
      }));
    if (out.length === 0 && this.problem.field) {
      out.push({ field: this.problem.field, detail: this.detail, code: this.code });
    }
    return out;
  }

  /** 404 because the endpoint itself does not exist on this hub (not because an entity is missing). */
  get endpointMissing() {
    return this.status === 404 && (this.code === 'NOT_FOUND' || this.code === 'HTTP_404');
  }
}

let unauthorizedHandler = () => {};

/** What to do when the stored key stops working (revoked, hub re-keyed): sign out with a message. */
export function onUnauthorized(handler) {
  unauthorizedHandler = handler;
}

function authHeaders(key) {
  return key ? { Authorization: `Bearer ${key}` } : {};
}

async function problemOf(response) {
  const type = response.headers.get('Content-Type') || '';
  if (type.includes('json')) {
    try {
      const body = await response.json();
      if (body && typeof body === 'object') return body;
    } catch {
      // not JSON after all: fall through
    }
  }
  return { status: response.status, title: response.statusText, detail: `the hub answered HTTP ${response.status}` };
}

/**
 * Calls the API. Options: body (sent as JSON), headers, signal, key (a candidate key, for sign-in;
 * a 401 then does not sign the session out). Resolves to the parsed JSON (null for 204).
 */
export async function api(method, path, options = {}) {
  const key = options.key ?? session.key();
  const headers = { Accept: 'application/json', ...authHeaders(key), ...(options.headers || {}) };
  const init = { method, headers, signal: options.signal, cache: 'no-store', credentials: 'omit' };
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, { code: 'NETWORK_ERROR', detail: 'the hub could not be reached; check the network and that the hub is running' });
  }
  if (!response.ok) {
    const error = new ApiError(response.status, await problemOf(response));
    if (response.status === 401 && options.key === undefined) unauthorizedHandler(error);
    throw error;
  }
  if (response.status === 204) return null;
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

/** GET with query parameters; empty values are left out. */
export function get(path, query = {}, options = {}) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== null && v !== undefined && v !== '') params.set(k, v);
  }
  const qs = params.toString();
  return api('GET', qs ? `${path}?${qs}` : path, options);
}

/** A random idempotency key (works outside secure contexts, unlike crypto.randomUUID). */
export function randomKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return 'console-' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Follows a text/event-stream with the Authorization header, reconnecting with Last-Event-ID
 * until stopped. Callbacks: onEvent({id, type, data}), onState('live'|'reconnecting'|'ended', error).
 * Returns a function that stops the stream.
 */
export function follow(path, { onEvent, onState }) {
  const controller = new AbortController();
  let lastEventId = null;
  let delay = 1000;

  const run = async () => {
    while (!controller.signal.aborted) {
      let failure = null;
      try {
        const headers = { Accept: 'text/event-stream', ...authHeaders(session.key()) };
        if (lastEventId !== null) headers['Last-Event-ID'] = lastEventId;
        const response = await fetch(path, { headers, signal: controller.signal, cache: 'no-store', credentials: 'omit' });
        if (!response.ok) {
          const error = new ApiError(response.status, await problemOf(response));
          if (response.status === 401) unauthorizedHandler(error);
          if (response.status >= 400 && response.status < 500) {
            onState('ended', error);
            return;
          }
          throw error;
        }
        onState('live');
        delay = 1000;
        await readEvents(response.body, (event) => {
          if (event.id !== null) lastEventId = event.id;
          onEvent(event);
        });
      } catch (e) {
        if (controller.signal.aborted) return;
        failure = e instanceof ApiError ? e : null;
      }
      if (controller.signal.aborted) return;
      onState('reconnecting', failure);
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 15000);
    }
  };
  run();
  return () => controller.abort();
}

/** Parses a text/event-stream body (WHATWG HTML, "Server-sent events": fields, comments, dispatch). */
export async function readEvents(body, dispatch) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let data = [];
  let type = '';
  let id = null;
  const line = (text) => {
    if (text === '') {
      if (data.length > 0) dispatch({ id, type: type || 'message', data: data.join('\n') });
      data = [];
      type = '';
      return;
    }
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon < 0 ? text : text.slice(0, colon);
    let value = colon < 0 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data.push(value);
    else if (field === 'event') type = value;
    else if (field === 'id' && !value.includes('\0')) id = value;
  };
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    // A trailing '\r' may be the first half of '\r\n': keep it back until the next chunk.
    const end = buffer.endsWith('\r') ? buffer.length - 1 : buffer.length;
    const lines = buffer.slice(0, end).split(/\r\n|\r|\n/);
    buffer = lines.pop() + buffer.slice(end);
    lines.forEach(line);
  }
}
