// One racing process of test/node/state.redis.test.ts. It receives its job over IPC, connects to
// the test's redis-server, says it is ready, waits for the common start signal, then submits its
// tokens one after another through the README's compare-and-set recipe (imported from the file the
// test extracted) and sends back what each call answered.
import { Redis } from 'ioredis';

const send = (message) => new Promise((resolve, reject) => process.send(message, (e) => (e ? reject(e) : resolve())));

process.once('message', async (job) => {
  const redis = new Redis({ host: '127.0.0.1', port: job.port, lazyConnect: true, maxRetriesPerRequest: 1, autoResendUnfulfilledCommands: false });
  try {
    const recipe = await import(job.recipe);
    const submit = job.mode === 'watch' ? recipe.authenticateWatched : recipe.authenticateInRedis;
    const key = Uint8Array.from(Buffer.from(job.keyHex, 'hex'));
    await redis.connect();
    await send({ ready: true });
    await new Promise((resolve) => process.once('message', resolve)); // the start signal
    const results = [];
    for (const token of job.tokens) {
      const r = await submit(redis, job.stateKey, token, key, job.options);
      results.push({ token, ok: r.ok, reason: r.reason, state: r.state });
    }
    await send({ results });
  } catch (error) {
    await send({ error: String(error?.stack ?? error) });
  } finally {
    redis.disconnect();
    process.disconnect();
  }
});
