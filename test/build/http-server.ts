import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small HTTP server on 127.0.0.1 that serves one body at any path, and
 * can misbehave the way real networks do: close the connection part-way
 * through the first N responses, or ignore Range requests.
 */
export interface TestServer {
  url: (name: string) => string;
  /** The Range header of each request ('' when none). */
  ranges: string[];
  /** Close the connection after this many bytes in the next `times` responses. */
  breakAfter(bytes: number, times?: number): void;
  honourRange: boolean;
  close(): Promise<void>;
}

export async function serve(body: Buffer): Promise<TestServer> {
  let breakBytes = 0;
  let breaksLeft = 0;
  const state = { honourRange: true };
  const ranges: string[] = [];
  const server = http.createServer((req, res) => {
    if (req.url?.includes('missing')) {
      res.writeHead(404).end('not here');
      return;
    }
    const range = req.headers.range ?? '';
    ranges.push(range);
    let start = 0;
    const m = /^bytes=(\d+)-$/.exec(range);
    if (m && state.honourRange) {
      start = Number(m[1]);
      if (start >= body.length) {
        res.writeHead(416, { 'Content-Range': `bytes */${body.length}` }).end();
        return;
      }
      res.writeHead(206, { 'Content-Length': body.length - start, 'Content-Range': `bytes ${start}-${body.length - 1}/${body.length}` });
    } else {
      res.writeHead(200, { 'Content-Length': body.length, 'Accept-Ranges': 'bytes' });
    }
    const rest = body.subarray(start);
    if (breaksLeft > 0) {
      breaksLeft--;
      res.write(rest.subarray(0, breakBytes), () => res.socket?.destroy());
      return;
    }
    res.end(rest);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (name) => `http://127.0.0.1:${port}/${name}`,
    ranges,
    breakAfter(bytes, times = 1) {
      breakBytes = bytes;
      breaksLeft = times;
    },
    get honourRange() {
      return state.honourRange;
    },
    set honourRange(v: boolean) {
      state.honourRange = v;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
