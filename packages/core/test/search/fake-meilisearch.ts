import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for a Meilisearch server on 127.0.0.1 (none can run here): it records every
 * request and answers with the documented response shapes. It does not search; a test sets the
 * search response it wants mapped.
 */
export type RecordedRequest = {
  method: string;
  path: string;
  query: string;
  headers: IncomingMessage['headers'];
  body: unknown;
};

export class FakeMeilisearch {
  readonly requests: RecordedRequest[] = [];
  /** Index uids that exist. */
  readonly indexes = new Set<string>();
  /** What `POST /indexes/{uid}/search` answers (status 200), unless the index is missing. */
  searchResponse: Record<string, unknown> = { hits: [], totalHits: 0, facetDistribution: {} };
  /** Task types that fail (for example 'documentAdditionOrUpdate'). */
  failing = new Set<string>();
  private readonly tasks = new Map<number, Record<string, unknown>>();
  private nextTask = 1;
  private server: Server | undefined;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const [path = '', query = ''] = (req.url ?? '').split('?');
        const request = {
          method: req.method ?? '',
          path,
          query,
          headers: req.headers,
          body: raw ? JSON.parse(raw) : undefined,
        };
        if (!path.startsWith('/tasks/')) this.requests.push(request);
        const [status, body] = this.answer(request);
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Requests other than task polling, as "METHOD /path". */
  calls(): string[] {
    return this.requests.map((r) => `${r.method} ${r.path}`);
  }

  reset(): void {
    this.requests.length = 0;
  }

  private enqueue(indexUid: string | null, type: string, apply?: () => void): [number, unknown] {
    const uid = this.nextTask++;
    const fails = this.failing.has(type);
    if (!fails) apply?.();
    const now = new Date().toISOString();
    this.tasks.set(uid, {
      uid,
      batchUid: uid,
      indexUid,
      status: fails ? 'failed' : 'succeeded',
      type,
      canceledBy: null,
      details: {},
      error: fails
        ? {
            message: `${type} failed on purpose`,
            code: 'internal',
            type: 'internal',
            link: 'https://docs.meilisearch.com/errors#internal',
          }
        : null,
      duration: 'PT0.001S',
      enqueuedAt: now,
      startedAt: now,
      finishedAt: now,
    });
    return [202, { taskUid: uid, indexUid, status: 'enqueued', type, enqueuedAt: now }];
  }

  private notFound(uid: string): [number, unknown] {
    return [
      404,
      {
        message: `Index \`${uid}\` not found.`,
        code: 'index_not_found',
        type: 'invalid_request',
        link: 'https://docs.meilisearch.com/errors#index_not_found',
      },
    ];
  }

  private answer(r: RecordedRequest): [number, unknown] {
    const parts = r.path.split('/').filter(Boolean);
    if (r.method === 'GET' && parts[0] === 'tasks') return [200, this.tasks.get(Number(parts[1]))];
    if (r.method === 'POST' && r.path === '/indexes') {
      const { uid } = r.body as { uid: string };
      if (this.indexes.has(uid)) {
        const [status, body] = this.enqueue(uid, 'indexCreation');
        const task = this.tasks.get((body as { taskUid: number }).taskUid) as Record<string, unknown>;
        Object.assign(task, {
          status: 'failed',
          error: {
            message: `Index \`${uid}\` already exists.`,
            code: 'index_already_exists',
            type: 'invalid_request',
            link: '',
          },
        });
        return [status, body];
      }
      return this.enqueue(uid, 'indexCreation', () => this.indexes.add(uid));
    }
    if (r.method === 'POST' && r.path === '/swap-indexes') return this.enqueue(null, 'indexSwap');
    if (parts[0] !== 'indexes' || !parts[1]) return [404, { message: 'no route', code: 'not_found' }];
    const uid = parts[1];
    const rest = parts.slice(2).join('/');
    if (r.method === 'DELETE' && rest === '') {
      if (!this.indexes.has(uid)) return this.notFound(uid);
      return this.enqueue(uid, 'indexDeletion', () => this.indexes.delete(uid));
    }
    if (!this.indexes.has(uid)) return this.notFound(uid);
    if (r.method === 'POST' && rest === 'search') return [200, this.searchResponse];
    if (r.method === 'PATCH' && rest === 'settings') return this.enqueue(uid, 'settingsUpdate');
    if (r.method === 'POST' && rest === 'documents') return this.enqueue(uid, 'documentAdditionOrUpdate');
    if (r.method === 'POST' && rest === 'documents/delete-batch')
      return this.enqueue(uid, 'documentDeletion');
    return [404, { message: `no route ${r.method} ${r.path}`, code: 'not_found' }];
  }
}
