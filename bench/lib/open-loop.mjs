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
 * Sends `rate` requests a second for `durationS` seconds to `baseUrl`; `requestAt(n)` gives the
 * n-th: `{ method, path, headers, body }`. Resolves once every answer is in, with the status
 * counts and the latencies (ms, from when each request was due).
 */
export async function openLoop({ baseUrl, rate, durationS, requestAt, sockets = 128 }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  const total = Math.round(rate * durationS);
  const latencies = new Array(total);
  const statuses = {};
  const errors = [];
  let sent = 0;
  let answered = 0;
  const startedAt = performance.now();
  await new Promise((allAnswered) => {
    const settle = (n, status) => {
      latencies[n] = performance.now() - (startedAt + (n * 1000) / rate);
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (++answered === total) allAnswered();
    };
    const send = (n) => {
      const { method, path, headers, body } = requestAt(n);
      const request = http.request(`${baseUrl}${path}`, { method, headers, agent }, (response) => {
        response.resume();
        response.on('end', () => settle(n, response.statusCode));
        response.on('error', (error) => {
          errors.push(String(error?.message ?? error));
          settle(n, 0);
        });
      });
      request.on('error', (error) => {
        errors.push(String(error?.message ?? error));
        settle(n, 0);
      });
      request.end(body);
    };
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - startedAt) * rate) / 1000) + 1);
      while (sent < due) send(sent++);
      if (sent < total) setTimeout(tick, 1);
    };
    tick();
  });
  const wallSeconds = (performance.now() - startedAt) / 1000;
  agent.destroy();
  // The slowest answer of each second of sending: one stall, or slow throughout?
  const slowestBySecond = [];
  for (let n = 0; n < total; n++) {
    const second = Math.floor(n / rate);
    slowestBySecond[second] = Math.max(slowestBySecond[second] ?? 0, latencies[n]);
  }
  latencies.sort((a, b) => a - b);
  return {
    total,
    statuses,
    errors,
    wallSeconds,
    slowestBySecond,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies.at(-1),
  };
}
