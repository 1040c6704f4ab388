import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PyshimError } from '../errors.js';

/**
 * Downloads into a cache: the file grows as `NAME.part` and is renamed to
 * NAME only when complete, so an interrupted download is never taken for a
 * finished one. A `.part` left behind is resumed with an HTTP Range request;
 * a server that ignores Range sends the whole file again.
 */
export interface DownloadOptions {
  url: string;
  /** Directory of finished downloads. */
  dir: string;
  /** Lower-case hex SHA-256 the file must have. */
  sha256?: string;
  /** What a mismatch names as the expected checksum and the hint after it (default: --sha256, check the release page). */
  checksumName?: string;
  mismatchHint?: string;
  /** Attempts before giving up on a connection that keeps breaking. */
  attempts?: number;
  /** Called as bytes arrive (total undefined when the server does not say). */
  onProgress?: (received: number, total: number | undefined) => void;
  /** Called before a retry, with the reason and the byte it resumes from. */
  onRetry?: (reason: string, from: number) => void;
}

export interface Downloaded {
  file: string;
  bytes: number;
  /** Taken from the cache without a request. */
  cached: boolean;
  /** Bytes a previous attempt had already fetched. */
  resumedFrom: number;
}

/** The cache's name for a URL: its last path segment, made safe. */
export function fileNameFor(url: URL): string {
  const last = decodeURIComponent(url.pathname.split('/').filter(Boolean).pop() ?? '');
  const safe = last.replace(/[^A-Za-z0-9._+-]/g, '_').replace(/^\.+/, '');
  return safe || 'download';
}

export function sha256Of(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    fs.createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

function sizeOf(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

class Broken extends Error {}

/** One request; appends to `part` from `from`. Throws Broken for what a retry may fix. */
async function fetchInto(url: string, part: string, from: number, options: DownloadOptions): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, { headers: from > 0 ? { Range: `bytes=${from}-` } : {}, redirect: 'follow' });
  } catch (error) {
    throw new Broken(`cannot connect: ${((error as Error).cause as Error)?.message ?? (error as Error).message}`);
  }
  if (response.status === 416 && from > 0) {
    // The part is as long as the file or longer: it cannot be trusted; start over.
    fs.rmSync(part, { force: true });
    throw new Broken('the server refused to resume; starting over');
  }
  if (!response.ok) {
    const retryable = response.status >= 500 || response.status === 408 || response.status === 429;
    const message = `${url} answered HTTP ${response.status} ${response.statusText}`.trim();
    if (retryable) throw new Broken(message);
    throw new PyshimError(message, 'check the URL (a release tarball such as https://www.python.org/ftp/python/3.12.4/Python-3.12.4.tar.xz)');
  }
  const resumed = response.status === 206 && from > 0;
  const start = resumed ? from : 0;
  const length = Number(response.headers.get('content-length') ?? NaN);
  const total = Number.isFinite(length) ? start + length : undefined;
  const out = fs.openSync(part, resumed ? 'a' : 'w');
  let received = start;
  try {
    if (!response.body) throw new Broken('empty response');
    for await (const chunk of response.body) {
      fs.writeSync(out, chunk as Uint8Array);
      received += (chunk as Uint8Array).length;
      options.onProgress?.(received, total);
    }
  } catch (error) {
    if (error instanceof Broken) throw error;
    throw new Broken(`the connection broke after ${received} bytes (${(error as Error).message})`);
  } finally {
    fs.closeSync(out);
  }
  if (total !== undefined && received !== total) {
    throw new Broken(`the connection closed after ${received} of ${total} bytes`);
  }
}

export async function download(options: DownloadOptions): Promise<Downloaded> {
  let url: URL;
  try {
    url = new URL(options.url);
  } catch {
    throw new PyshimError(`not a URL: ${options.url}`, 'give a directory, a .tar.gz/.tar.xz file, or an http(s) URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new PyshimError(`cannot download ${url.protocol} URLs: ${options.url}`, 'give an http(s) URL, or download it yourself and pass the file');
  }
  fs.mkdirSync(options.dir, { recursive: true });
  const file = path.join(options.dir, fileNameFor(url));
  const part = `${file}.part`;
  const expected = options.sha256?.toLowerCase();

  if (fs.existsSync(file)) {
    if (!expected || (await sha256Of(file)) === expected) return { file, bytes: sizeOf(file), cached: true, resumedFrom: 0 };
    // A cached file that does not match may be an older upload under the same name: fetch it again.
    fs.rmSync(file, { force: true });
  }

  const attempts = Math.max(1, options.attempts ?? 4);
  const resumedFrom = sizeOf(part);
  let lastReason = '';
  for (let attempt = 1; ; attempt++) {
    const from = sizeOf(part);
    try {
      await fetchInto(url.href, part, from, options);
      break;
    } catch (error) {
      if (!(error instanceof Broken)) throw error;
      lastReason = error.message;
      if (attempt >= attempts) {
        throw new PyshimError(
          `downloading ${url.href} failed ${attempts} times: ${lastReason}`,
          `run the same command again to resume (the partial file is kept: ${part})`,
        );
      }
      options.onRetry?.(lastReason, sizeOf(part));
      await new Promise((resolve) => setTimeout(resolve, Math.min(250 * 2 ** (attempt - 1), 4000)));
    }
  }

  if (expected) {
    const actual = await sha256Of(part);
    if (actual !== expected) {
      fs.rmSync(part, { force: true });
      throw new PyshimError(
        `the download does not match ${options.checksumName ?? '--sha256'} (expected ${expected}, got ${actual}); the file was deleted`,
        options.mismatchHint ?? 'check the checksum against the release page, or the URL',
      );
    }
  }
  fs.renameSync(part, file);
  return { file, bytes: sizeOf(file), cached: false, resumedFrom };
}
