/**
 * The client side of bench/commands.ts, run in a child process of its own so that
 * building, signing and timing requests never shares an event loop (or a garbage
 * collector) with the apps being measured. The parent sends one `LoadJob` over IPC and
 * gets one `LoadResult` back; then this process exits.
 */
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { FakeSlack } from '../src/playground/fake-slack.js';
import { SlackDriver, signature } from '../src/playground/driver.js';

export interface LoadJob {
  eventsUrl: string;
  signingSecret: string;
  /** Put in every command; leadops only posts to it when a reply misses the 2 s inline budget. */
  responseUrl: string;
  /** The `/lead` texts to send, in order: the first `warmup` are not measured. */
  texts: string[];
  warmup: number;
  concurrency: number;
  /** How to read a 200: any acknowledgement, or leadops' reply to `/lead advance`. */
  expect: 'ack' | 'advance';
}

/** What one request came to. Only `error` (transport failure or not 200) counts as failed. */
export type Outcome = 'ok' | 'advanced' | 'refused' | 'deferred' | 'other' | 'error';

export interface PhaseResult {
  /** Milliseconds from sending the request to having read its whole response, in completion order. */
  latencies: number[];
  outcomes: Partial<Record<Outcome, number>>;
  wallMs: number;
  /** A few failures, described, for the report. */
  failures: string[];
}

export interface LoadResult {
  warmup: PhaseResult;
  measured: PhaseResult;
}

interface Reply {
  status: number;
  body: string;
}

function classify(expect: LoadJob['expect'], reply: Reply): Outcome {
  if (reply.status !== 200) return 'error';
  if (expect === 'ack') return 'ok';
  // An empty acknowledgement means the reply went to response_url instead (slower than the inline budget).
  if (reply.body === '') return 'deferred';
  let text: string;
  try {
    text = String((JSON.parse(reply.body) as { text?: unknown }).text ?? '');
  } catch {
    return 'other';
  }
  if (text.includes(' moved from ')) return 'advanced';
  if (text.includes('the last open stage')) return 'refused';
  return 'other';
}

async function runPhase(job: LoadJob, texts: string[], agent: Agent): Promise<PhaseResult> {
  const url = new URL(job.eventsUrl);
  // commandBody only needs a FakeSlack to invent response URLs; we pass ours explicitly.
  const driver = new SlackDriver(job.eventsUrl, job.signingSecret, new FakeSlack());
  const latencies: number[] = [];
  const outcomes: Partial<Record<Outcome, number>> = {};
  const failures: string[] = [];
  let next = 0;

  const send = (body: string): Promise<{ reply: Reply; ms: number }> => {
    // Signed just before sending, so a long run never trips Bolt's 5-minute replay window;
    // the timer starts after signing: that is client work, not the app's.
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = {
      'content-type': 'application/x-www-form-urlencoded',
      'content-length': Buffer.byteLength(body),
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signature(job.signingSecret, timestamp, body),
    };
    return new Promise((resolve, reject) => {
      const started = performance.now();
      const req = request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const ms = performance.now() - started;
          resolve({ reply: { status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }, ms });
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  };

  // `concurrency` workers pull the next text until none is left: a closed loop that
  // keeps exactly that many requests in flight, as Slack would with that many people typing.
  const worker = async () => {
    while (next < texts.length) {
      const text = texts[next++]!;
      const body = driver.commandBody(text, { responseUrl: job.responseUrl });
      let outcome: Outcome;
      try {
        const { reply, ms } = await send(body);
        latencies.push(ms);
        outcome = classify(job.expect, reply);
        if (outcome === 'error' || outcome === 'other') {
          if (failures.length < 5) failures.push(`${text}: HTTP ${reply.status} ${reply.body.slice(0, 200)}`);
        }
      } catch (error) {
        outcome = 'error';
        if (failures.length < 5) failures.push(`${text}: ${error instanceof Error ? error.message : String(error)}`);
      }
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    }
  };

  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(job.concurrency, texts.length) }, worker));
  return { latencies, outcomes, wallMs: performance.now() - started, failures };
}

async function run(job: LoadJob): Promise<LoadResult> {
  // Keep-alive with one socket per worker, as Slack's senders reuse connections; a new TCP
  // connection per request would mostly measure the kernel's loopback handshake.
  const agent = new Agent({ keepAlive: true, maxSockets: job.concurrency });
  try {
    const warmup = await runPhase(job, job.texts.slice(0, job.warmup), agent);
    const measured = await runPhase(job, job.texts.slice(job.warmup), agent);
    return { warmup, measured };
  } finally {
    agent.destroy();
  }
}

process.once('message', (job: LoadJob) => {
  run(job).then(
    (result) => process.send!(result, () => process.disconnect()),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});
