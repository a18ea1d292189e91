import type { HistoryEntry } from '@console/shared/api';
import { isDocumentedErrorCode } from '@console/shared/error-codes';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { latencyBoundsMs } from '../adapters/db';

/**
 * The console's Prometheus metrics (issue 13). Every label value is bounded: environments come from
 * the configuration, commands from the catalog (the send path refuses others before it counts),
 * error codes from the error table (anything else is `other`), outcomes and reasons from enums.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly calls = new Counter({
    name: 'console_upstream_calls_total',
    help: 'Calls that reached the signer, by environment, command, outcome (ok/fail/error) and error code.',
    labelNames: ['environment', 'command', 'outcome', 'error_code'] as const,
    registers: [this.registry],
  });
  private readonly latency = new Histogram({
    name: 'console_upstream_duration_seconds',
    help: 'Round trip of calls to the Chat REST API, by environment.',
    labelNames: ['environment'] as const,
    buckets: latencyBoundsMs.map((ms) => ms / 1000),
    registers: [this.registry],
  });
  private readonly limited = new Counter({
    name: 'console_rate_limited_total',
    help: 'Calls refused by the console’s own rate limiter (429), by environment and command.',
    labelNames: ['environment', 'command'] as const,
    registers: [this.registry],
  });
  private readonly signInFailures = new Counter({
    name: 'console_sign_in_failures_total',
    help: 'Failed sign-ins, by reason.',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  private readonly commit = new Histogram({
    name: 'console_store_commit_seconds',
    help: 'Time from handing a call’s record to the store until its transaction committed.',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });

  constructor(options: { processMetrics?: boolean } = {}) {
    // The event-loop delay is sampled every 100 ms rather than prom-client's 10: at 10 ms its timer
    // woke an idle console ~100 times a second, most of the idle main thread's CPU (decision 057).
    // A scrape every 15 s still sees ~150 samples.
    if (options.processMetrics ?? true)
      collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 100 });
  }

  call(entry: HistoryEntry): void {
    const code = entry.errorCode;
    // 0 is OK; codes outside the error table share one label value, so a flood of odd codes stays bounded.
    const errorCode = code === null ? '' : code === 0 || isDocumentedErrorCode(code) ? String(code) : 'other';
    this.calls.inc({
      environment: entry.environmentId,
      command: `${entry.service}/${entry.command}`,
      outcome: entry.outcome,
      error_code: errorCode,
    });
    if (entry.durationMs !== null)
      this.latency.observe({ environment: entry.environmentId }, entry.durationMs / 1000);
  }

  rateLimited(environment: string, command: string): void {
    this.limited.inc({ environment, command });
  }

  signInFailed(reason: 'invalid-credentials' | 'throttled' | 'disabled'): void {
    this.signInFailures.inc({ reason });
  }

  committed(seconds: number): void {
    this.commit.observe(seconds);
  }

  async text(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
