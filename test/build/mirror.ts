import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A python.org mirror on 127.0.0.1: serves `files` (path under the root,
 * such as ftp/python/3.11.2/Python-3.11.2.tgz) and answers 404 for anything
 * else; every path asked for is recorded.
 */
export interface Mirror {
  root: string;
  requested: string[];
  close(): Promise<void>;
}

export async function serveMirror(files: Record<string, Buffer>): Promise<Mirror> {
  const requested: string[] = [];
  const server = http.createServer((req, res) => {
    const asked = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/+/, '');
    requested.push(asked);
    const body = files[asked];
    if (!body) {
      res.writeHead(404).end('not here');
      return;
    }
    res.writeHead(200, { 'Content-Length': body.length }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    root: `http://127.0.0.1:${port}`,
    requested,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
