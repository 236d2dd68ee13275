/**
 * A stand-in for Eloam's (良田) WebCamera service, written from the vendor's published demos (see
 * docs/document-camera.md), not from the app: `POST /video=grabimage` with a JSON body whose
 * `filepath` is "base64" answers `{"code":"0","photoBase64":"…"}`; a camera not connected answers a
 * non-zero code. It serves whatever picture the test puts under the camera.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface EloamStandIn {
  url: string;
  /** What lies under the camera (JPEG bytes), or null: the camera is unplugged. */
  place(picture: Buffer | null): void;
  /** Answers with a data URL's header before the base64, as some versions do. */
  withDataUrlHeader(on: boolean): void;
  requests(): { path: string; body: Record<string, unknown> }[];
  close(): Promise<void>;
}

export async function startEloamStandIn(): Promise<EloamStandIn> {
  let picture: Buffer | null = null;
  let dataUrl = false;
  const seen: { path: string; body: Record<string, unknown> }[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      } catch {
        body = {};
      }
      seen.push({ path: req.url ?? '', body });
      const send = (o: unknown) => {
        res.writeHead(200, { 'Content-Type': 'application/json;charset=utf-8', 'Access-Control-Allow-Origin': '*' });
        res.end(JSON.stringify(o));
      };
      if (req.method === 'POST' && req.url === '/video=grabimage') {
        if (body.filepath !== 'base64') return send({ code: '2', message: 'filepath' });
        if (!picture) return send({ code: '1', message: '设备未连接' });
        return send({ code: '0', photoBase64: (dataUrl ? 'data:image/jpeg;base64,' : '') + picture.toString('base64') });
      }
      if (req.url === '/device=getresolution') return send({ code: '0', data: '3264*2448|2592*1944|1600*1200' });
      res.writeHead(404);
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    place: (p) => void (picture = p),
    withDataUrlHeader: (on) => void (dataUrl = on),
    requests: () => seen,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
