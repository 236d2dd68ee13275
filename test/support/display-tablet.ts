import WebSocket from 'ws';
import type { ApiResult } from '../../src/shared/errors';

/**
 * A tablet's page: a WebSocket from the display's own origin, with its answers by id and the events it
 * hears. `from` is the loopback address it connects from (127.0.0.2 is another device for the host).
 */
export async function openTablet({ ca, port, origin, from }: { ca: string; port: number; origin: string; from: string }) {
  const ws = new WebSocket(`wss://127.0.0.1:${port}/api`, { ca, origin, localAddress: from });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused ${res.statusCode}`)));
  });
  const answers = new Map<number, (r: ApiResult<unknown>) => void>();
  const events: string[] = [];
  ws.on('message', (data) => {
    const frame = JSON.parse(String(data)) as { id?: number; result?: ApiResult<unknown>; event?: { type: string } };
    if (frame.event) events.push(frame.event.type);
    else answers.get(frame.id!)?.(frame.result!);
  });
  let next = 1;
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  const gone: ApiResult<unknown> = { ok: false, error: { code: 'internal', message: 'closed' } };
  const call = (method: string, params: unknown) =>
    Promise.race([
      new Promise<ApiResult<unknown>>((resolve) => {
        const id = next++;
        answers.set(id, resolve);
        if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ id, method, params }));
      }),
      closed.then(() => gone),
    ]);
  return { ws, call, events, closed };
}
