import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/**
 * A reverse proxy on loopback that spreads requests over several backends in turn,
 * as a load balancer in front of several Ura processes does. A backend that refuses
 * the connection or drops it before answering gets the request answered 502 here,
 * so that the sender (Telegram, for a webhook) tries again; the next try goes to the
 * next backend in turn. No health checks: a dead backend keeps its turn and keeps
 * answering 502, which is the worst case a sender has to live with.
 */
export interface HttpProxy {
  readonly url: string;
  /** Requests forwarded to each backend (by port), answered or not. */
  readonly forwarded: ReadonlyMap<number, number>;
  /** Requests answered 502 because their backend refused or dropped them. */
  readonly failed: number;
  close(): Promise<void>;
}

export async function startHttpProxy(backendPorts: number[]): Promise<HttpProxy> {
  if (backendPorts.length === 0) throw new Error('a proxy needs at least one backend');
  const forwarded = new Map(backendPorts.map((port) => [port, 0]));
  let turn = 0;
  let failed = 0;

  const forward = (req: IncomingMessage, res: ServerResponse) => {
    const port = backendPorts[turn++ % backendPorts.length]!;
    forwarded.set(port, (forwarded.get(port) ?? 0) + 1);
    const upstream = request({ host: '127.0.0.1', port, method: req.method, path: req.url, headers: { ...req.headers, connection: 'close' } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
      answer.once('error', () => res.destroy());
    });
    upstream.once('error', () => {
      failed += 1;
      if (res.headersSent) return void res.destroy();
      res.writeHead(502, { 'content-type': 'application/json', connection: 'close' });
      res.end(JSON.stringify({ code: 'bad_gateway', message: 'the backend refused or dropped the request' }));
    });
    req.pipe(upstream);
  };

  const server: Server = createServer(forward);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    forwarded,
    get failed() {
      return failed;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
    },
  };
}
