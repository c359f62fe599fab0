// A web till's side of a payment with ECR Hub: start it with fetch, then follow its live event
// stream until it settles. The browser's EventSource cannot send an Authorization header, so the
// stream is read with fetch and a streaming reader instead (works in browsers and Node.js >= 18).
//
// Runs as is in a browser module or with Node.js 22.6+ (`node --experimental-strip-types`); the
// hub must allow the till's origin (ecrhub.cors.origins) when the page is served from elsewhere.

export interface HubEvent {
  id: string | null;
  type: string;
  data: unknown;
}

export interface Payment {
  id: string;
  terminalId: string;
  status: string;
  amount: string; // a decimal string: money is never a floating-point number
  currency: string;
}

/** A problem document (RFC 9457) as the hub answers every 4xx/5xx. */
export class HubProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
  ) {
    super(`${status} ${code}: ${detail}`);
  }
}

const FINAL = new Set(['payment.succeeded', 'payment.declined', 'payment.cancelled', 'payment.failed']);

async function call<T>(hub: string, key: string, path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(new URL(path, hub), {
    ...init,
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json', ...init.headers },
  });
  if (!res.ok) {
    const p = await res.json().catch(() => ({}));
    throw new HubProblem(res.status, p.code ?? 'UNKNOWN', p.detail ?? res.statusText);
  }
  return (await res.json()) as T;
}

/** Starts a payment; the same idempotency key on a retry never charges twice. */
export function startPayment(
  hub: string,
  key: string,
  terminalId: string,
  amount: string,
  currency = 'HKD',
  channel = 'card_payment', // or a wallet: wx, alipay, ... (the API's channel list)
  idempotencyKey: string = crypto.randomUUID(),
): Promise<Payment> {
  return call<Payment>(hub, key, '/api/v1/payments', {
    method: 'POST',
    headers: { 'Idempotency-Key': idempotencyKey },
    body: JSON.stringify({ terminalId, amount, currency, channel }),
  });
}

/**
 * Yields the payment's events (text/event-stream) until a final one. Pass the last id seen as
 * lastEventId to resume after a dropped connection without missing an event.
 */
export async function* followPayment(
  hub: string,
  key: string,
  paymentId: string,
  lastEventId?: string,
  signal?: AbortSignal,
): AsyncGenerator<HubEvent> {
  const headers: Record<string, string> = { Authorization: `Bearer ${key}`, Accept: 'text/event-stream' };
  if (lastEventId) headers['Last-Event-ID'] = lastEventId;
  const res = await fetch(new URL(`/api/v1/payments/${encodeURIComponent(paymentId)}/events`, hub), { headers, signal });
  if (!res.ok || !res.body) throw new HubProblem(res.status, 'STREAM_REFUSED', res.statusText);

  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let id: string | null = null;
  let type = 'message';
  let data: string[] = [];
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl).replace(/\r$/, '');
        buffer = buffer.slice(nl + 1);
        if (line === '') {
          if (data.length > 0) {
            const event: HubEvent = { id, type, data: JSON.parse(data.join('\n')) };
            yield event;
            if (FINAL.has(type)) return;
          }
          id = null;
          type = 'message';
          data = [];
        } else if (line.startsWith(':')) {
          // a keep-alive comment
        } else if (line.startsWith('id:')) {
          id = line.slice(3).trim();
        } else if (line.startsWith('event:')) {
          type = line.slice(6).trim();
        } else if (line.startsWith('data:')) {
          data.push(line.slice(5).trim());
        }
      }
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

/** The whole flow: start, follow, then read the settled payment once. */
export async function takePayment(hub: string, key: string, terminalId: string, amount: string): Promise<Payment> {
  const payment = await startPayment(hub, key, terminalId, amount);
  for await (const event of followPayment(hub, key, payment.id)) {
    console.log(event.type, event.data);
  }
  return call<Payment>(hub, key, `/api/v1/payments/${encodeURIComponent(payment.id)}`);
}
