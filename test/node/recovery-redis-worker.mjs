// One racing process of test/node/recovery.redis.test.ts. It receives its job over IPC, connects to
// the test's redis-server, says it is ready, waits for the common start signal, then runs its steps
// one after another through the README's recovery recipes (imported from the file the test
// extracted) and sends back what each call answered.
import { Redis } from 'ioredis';

const send = (message) => new Promise((resolve, reject) => process.send(message, (e) => (e ? reject(e) : resolve())));

process.once('message', async (job) => {
  const redis = new Redis({ host: '127.0.0.1', port: job.port, lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    const recipe = await import(job.recipe);
    await redis.connect();
    await send({ ready: true });
    await new Promise((resolve) => process.once('message', resolve)); // the start signal
    const results = [];
    for (const step of job.steps) {
      if (step === 'regenerate') {
        const r = await recipe.regenerateRecoveryCodesInRedis(redis, job.setKey);
        results.push({ step, codes: r.codes, set: r.set });
      } else {
        const r = await recipe.useRecoveryCodeInRedis(redis, job.setKey, step, job.options);
        results.push({ step, ok: r.ok, reason: r.reason, set: r.set });
      }
    }
    await send({ results });
  } catch (error) {
    await send({ error: String(error?.stack ?? error) });
  } finally {
    redis.disconnect();
    process.disconnect();
  }
});
