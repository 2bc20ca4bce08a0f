// A static file server on 127.0.0.1 for the browser runs (test/browser-native/run.mjs, the README
// examples in test/node/readme.test.ts, bench/runtimes.mjs): files under the repository only, by
// extension, nothing else. `page()` answers "/" when given; `rewrite(path)` maps a URL path first;
// `files` adds paths served from memory (a bundle); `onPost(path, body)` takes POSTs (a page's report).
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url)).replace(/[/\\]$/, '');
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.json': 'application/json' };

/**
 * Starts the server.
 * @param {{ page?: () => string; rewrite?: (path: string) => string; files?: Record<string, string>; onPost?: (path: string, body: string) => void }} [options]
 * @returns {Promise<{ port: number; close: () => void }>}
 */
export async function serve(options = {}) {
  const { page, rewrite = (p) => p, files = {}, onPost } = options;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x').pathname;
    if (req.method === 'POST' && onPost) {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        res.writeHead(204).end();
        onPost(url, body);
      });
      return;
    }
    const memory = files[url];
    if (memory !== undefined) {
      res.writeHead(200, { 'content-type': TYPES[extname(url)] ?? 'text/plain' }).end(memory);
      return;
    }
    if (url === '/' && page) {
      res.writeHead(200, { 'content-type': 'text/html' }).end(page());
      return;
    }
    const path = normalize(join(root, decodeURIComponent(rewrite(url))));
    const type = TYPES[extname(path)];
    if (!path.startsWith(root + sep) || !type || !statSync(path, { throwIfNoEntry: false })?.isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': type });
    createReadStream(path).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  return { port: address.port, close: () => server.close() };
}
