// One racing process of test/node/state.postgres.test.ts. It receives its job over IPC, connects to
// the test's PostgreSQL, says it is ready, waits for the common start signal, then submits its
// tokens one after another through the README's compare-and-set recipe (imported from the file the
// test extracted) and sends back what each call answered. With `barrier`, its first query's answer
// is held back until the test says every process has read (all decide on the same state).
import pg from 'pg';

const send = (message) => new Promise((resolve, reject) => process.send(message, (e) => (e ? reject(e) : resolve())));
const signal = (name) =>
  new Promise((resolve) =>
    process.on('message', function on(m) {
      if (m === name) {
        process.off('message', on);
        resolve();
      }
    }),
  );

process.once('message', async (job) => {
  const client = new pg.Client({ host: '127.0.0.1', port: job.port, user: 'postgres', database: 'postgres' });
  try {
    const { authenticateInPostgres } = await import(job.recipe);
    const key = Uint8Array.from(Buffer.from(job.keyHex, 'hex'));
    await client.connect();
    let held = job.barrier;
    const db = {
      async query(text, values) {
        const result = await client.query(text, values);
        if (held) {
          held = false;
          const write = signal('write');
          await send({ read: true });
          await write;
        }
        return result;
      },
    };
    const go = signal('go');
    await send({ ready: true });
    await go;
    const results = [];
    for (const token of job.tokens) {
      const r = await authenticateInPostgres(db, job.userId, token, key, job.options);
      results.push({ token, ok: r.ok, reason: r.reason, state: r.state });
    }
    await send({ results });
  } catch (error) {
    await send({ error: String(error?.stack ?? error) });
  } finally {
    await client.end().catch(() => {});
    process.disconnect();
  }
});
