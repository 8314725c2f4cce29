// An open-loop load: requests sent at a fixed rate, evenly spaced, whatever the answers do, each
// timed from when it was due to be sent. A slow answer cannot hold the next request back, so a
// stall shows in the latencies in full (no coordinated omission).
//
// Not autocannon's `overallRate`: that lets each connection send as fast as it is answered until
// its quota for the second is spent, then wait for the next second (bursts at full speed), and its
// correction for omitted requests assumes a 1 ms interval whatever the rate.
import http from 'node:http';
import { percentile } from './meters.mjs';

/**
 * Sends `rate` requests a second to `baseUrl` for `leadInS` seconds, not measured, then for
 * `durationS` seconds more, measured, without a pause between: the lead-in opens the connections
 * the measured part uses. `requestAt(n)` gives the n-th: `{ method, path, headers, body }`.
 * Resolves once every answer is in, with the measured part's status counts and latencies (ms,
 * from when each request was due), and for each of its seconds the slowest answer and the latest
 * send (how far this process itself fell behind).
 */
export async function openLoop({
  baseUrl,
  rate,
  durationS,
  leadInS = 0,
  requestAt,
  sockets = 128,
}) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  const leadIn = Math.round(rate * leadInS);
  const total = leadIn + Math.round(rate * durationS);
  const dueAt = (n) => startedAt + (n * 1000) / rate;
  const latencies = new Array(total);
  // How late each request left this process: a stall of the bench's own is not the server's.
  const sendLags = new Array(total);
  const statuses = {};
  const errors = [];
  let sent = 0;
  let answered = 0;
  const startedAt = performance.now();
  const measuredFromClock = new Date(Date.now() + leadInS * 1000);
  await new Promise((allAnswered) => {
    const settle = (n, status) => {
      latencies[n] = performance.now() - dueAt(n);
      if (n >= leadIn) statuses[status] = (statuses[status] ?? 0) + 1;
      if (++answered === total) allAnswered();
    };
    const failed = (n, error) => {
      if (n >= leadIn) errors.push(String(error?.message ?? error));
      settle(n, 0);
    };
    const send = (n) => {
      sendLags[n] = performance.now() - dueAt(n);
      const { method, path, headers, body } = requestAt(n);
      const request = http.request(`${baseUrl}${path}`, { method, headers, agent }, (response) => {
        response.resume();
        response.on('end', () => settle(n, response.statusCode));
        response.on('error', (error) => failed(n, error));
      });
      request.on('error', (error) => failed(n, error));
      request.end(body);
    };
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - startedAt) * rate) / 1000) + 1);
      while (sent < due) send(sent++);
      if (sent < total) setTimeout(tick, 1);
    };
    tick();
  });
  const wallSeconds = (performance.now() - dueAt(leadIn)) / 1000;
  agent.destroy();
  // The slowest answer of each second of sending: one stall, or slow throughout?
  const slowestBySecond = [];
  const latestSendBySecond = [];
  for (let n = leadIn; n < total; n++) {
    const second = Math.floor((n - leadIn) / rate);
    slowestBySecond[second] = Math.max(slowestBySecond[second] ?? 0, latencies[n]);
    latestSendBySecond[second] = Math.max(latestSendBySecond[second] ?? 0, sendLags[n]);
  }
  const measured = latencies.slice(leadIn).sort((a, b) => a - b);
  return {
    total: total - leadIn,
    measuredFromClock,
    statuses,
    errors,
    wallSeconds,
    slowestBySecond,
    latestSendBySecond,
    p50: percentile(measured, 50),
    p99: percentile(measured, 99),
    max: measured.at(-1),
  };
}
