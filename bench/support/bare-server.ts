// The baseline: a bare fastify server that parses the same JSON bodies and does no work.
// Its throughput, measured in the same run, is the ceiling Attune's figures are compared with.
import Fastify from 'fastify';

const port = Number(process.argv[2] ?? 4100);
const app = Fastify({ logger: false, bodyLimit: 500 * 1024 });
for (const url of ['/v1/track', '/v1/batch']) app.post(url, async () => ({ success: true }));
await app.listen({ port, host: '127.0.0.1' });
process.stdout.write('ready\n');
