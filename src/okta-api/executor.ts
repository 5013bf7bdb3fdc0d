/**
 * The request executor saasgov gives Okta's SDK (the SDK's own extension
 * point, `requestExecutor`). The SDK's default executor retries a `429` at
 * most twice and nothing else, and never slows down before the limit; this
 * one, per SPEC §9:
 *
 * - keeps Okta's rate-limit state per endpoint bucket from the
 *   `X-Rate-Limit-Limit/-Remaining/-Reset` headers of each response, and
 *   sends a request only while the bucket has room for it beside the ones
 *   in flight — otherwise it waits for the reset (Okta's advice:
 *   https://developer.okta.com/docs/reference/rl-best-practices/);
 * - after a `429` waits until `X-Rate-Limit-Reset` plus a second (measured
 *   against the response's `Date`, as the SDK's own executor does) and
 *   retries, a bounded number of times;
 * - retries a `5xx` or a network error a bounded number of times, with
 *   exponential backoff;
 * - runs at most `concurrency` requests at once;
 * - counts the requests it sends (every attempt), for the summary.
 *
 * The SDK class it extends is passed in, so the SDK is loaded only by the
 * commands that talk to Okta.
 */
import type { RequestExecutor as SdkRequestExecutor } from '@okta/okta-sdk-nodejs';

/** What the executor counted during a run. */
export interface ExecutorStats {
  /** HTTP requests sent (retries included). */
  requests: number;
  /** `429` answers received. */
  tooManyRequests: number;
  /** Times a request waited for a bucket's reset before being sent. */
  waitsForReset: number;
  /** Requests retried after a `5xx` or a network error. */
  retries: number;
}

export interface ExecutorOptions {
  /** Requests in flight at once (default 8). */
  readonly concurrency?: number;
  /** Retries of a `5xx` or network error (default 3), and of a `429` (default 5). */
  readonly retries?: number;
  readonly rateLimitRetries?: number;
  /** First backoff, doubled at each retry (default 500 ms). */
  readonly backoffMs?: number;
  /** Per-request timeout (default 60 s). */
  readonly timeoutMs?: number;
  /** Margin added to a reset time (default 1,000 ms, as Okta's SDKs do). */
  readonly resetMarginMs?: number;
}

/** What the SDK passes to `fetch`: node-fetch's request options plus the URL. */
interface SdkRequest {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: unknown;
  timeout?: number;
  [key: string]: unknown;
}

/** The part of a node-fetch response the executor reads. */
interface FetchResponse {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
}

interface Bucket {
  /** Requests the window allows (`X-Rate-Limit-Limit`; `undefined`: not known yet). */
  limit: number | undefined;
  /** Requests left in the window, as the answers so far said (`undefined`: not known yet). */
  remaining: number | undefined;
  /** The window's `X-Rate-Limit-Reset` (epoch seconds, Okta's clock). */
  reset: number;
  /** Local time (ms) when the window resets. */
  resetAt: number;
  inFlight: number;
}

/**
 * The token endpoint refused the service app. Thrown by the executor because
 * SDK 8.1.0 does not: its `oauth.js` calls `Http.errorFilter` on the module
 * object (where it is undefined), so a refused token request would pass on
 * as an access token `undefined` and every request would fail with a
 * misleading `401 E0000011`.
 */
export class TokenRefused extends Error {
  constructor(
    readonly status: number,
    /** The OAuth error code (`invalid_client`, `invalid_scope`…). */
    readonly oauthError: string,
    readonly url: string,
  ) {
    super(`token request refused: HTTP ${status} ${oauthError}`);
    this.name = 'TokenRefused';
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

/**
 * Okta's rate-limit bucket of a request URL, as Okta's table of management
 * rate limits groups endpoints (https://developer.okta.com/docs/reference/rl-global-mgmt/;
 * Okta matches a request to the bucket of its longest prefix,
 * https://developer.okta.com/docs/reference/rate-limits/): `/api/v1/apps`
 * with every `/api/v1/apps/{id}/…` (an app's groups included), but not
 * `/api/v1/apps/{id}` itself; likewise `/api/v1/groups` with every
 * `/api/v1/groups/{id}/…` (a group's apps included) — "`/api/v1/groups`
 * except `/api/v1/groups/{id}`" —, apart from `/api/v1/groups/{id}`; the
 * System Log; the token endpoint; and "most other API actions" (`/api/v1`,
 * policies among them). Requests of one bucket share one `X-Rate-Limit-*`
 * state: keyed apart, each key would spend the same remaining requests.
 */
export function bucketOf(url: string): string {
  const p = new URL(url).pathname.replace(/\/+$/, '');
  if (/^\/api\/v1\/(apps|groups)\/[^/]+$/.test(p)) return p.replace(/[^/]+$/, '{id}');
  const family = /^\/api\/v1\/(apps|groups)(\/|$)/.exec(p);
  if (family) return `/api/v1/${family[1]}*`;
  if (p === '/api/v1/logs' || p.startsWith('/oauth2/')) return p;
  return '/api/v1';
}

/** Creates the executor class on the SDK's own `RequestExecutor` (loaded by the caller). */
export function createExecutor(Base: typeof SdkRequestExecutor, options: ExecutorOptions = {}) {
  const concurrency = options.concurrency ?? 8;
  const retries = options.retries ?? 3;
  const rateLimitRetries = options.rateLimitRetries ?? 5;
  const backoffMs = options.backoffMs ?? 500;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const margin = options.resetMarginMs ?? 1_000;

  class RateLimitedExecutor extends Base {
    readonly stats: ExecutorStats = { requests: 0, tooManyRequests: 0, waitsForReset: 0, retries: 0 };
    private readonly buckets = new Map<string, Bucket>();
    private running = 0;
    private readonly queue: (() => void)[] = [];

    override async fetch(request: SdkRequest): Promise<FetchResponse> {
      const bucket = this.bucket(bucketOf(request.url));
      let failures = 0;
      let limited = 0;
      for (;;) {
        await this.acquire(bucket);
        let response: FetchResponse;
        try {
          this.stats.requests++;
          response = (await super.fetch({ ...request, timeout: timeoutMs } as Parameters<SdkRequestExecutor['fetch']>[0])) as FetchResponse;
        } catch (error) {
          this.release(bucket);
          if (failures++ >= retries) throw error;
          this.stats.retries++;
          await sleep(backoffMs * 2 ** (failures - 1));
          continue;
        }
        this.release(bucket);
        this.observe(bucket, response);
        if (response.status === 429) {
          this.stats.tooManyRequests++;
          if (limited++ >= rateLimitRetries) return response;
          await response.text().catch(() => '');
          // Nothing goes out of this bucket before its reset; a 429 without rate-limit headers waits the margin at least.
          bucket.remaining = 0;
          await sleep(Math.max(bucket.resetAt - Date.now(), margin));
          continue;
        }
        if (response.status >= 500 && failures < retries) {
          failures++;
          this.stats.retries++;
          await response.text().catch(() => '');
          await sleep(backoffMs * 2 ** (failures - 1));
          continue;
        }
        if (response.status >= 400 && /\/oauth2\/v1\/token$/.test(request.url)) {
          const body = await response.text().catch(() => '');
          let code = 'error';
          try {
            code = String((JSON.parse(body) as { error?: unknown }).error ?? code);
          } catch {
            // not JSON: the status says enough
          }
          throw new TokenRefused(response.status, code.replace(/[^\w.-]/g, ''), request.url);
        }
        return response;
      }
    }

    /** The requests a window allows in the bucket of `url`, as Okta's last answer from it said; `undefined` before one. */
    limitOf(url: string): number | undefined {
      return this.buckets.get(bucketOf(url))?.limit;
    }

    private bucket(key: string): Bucket {
      let b = this.buckets.get(key);
      if (!b) this.buckets.set(key, (b = { limit: undefined, remaining: undefined, reset: 0, resetAt: 0, inFlight: 0 }));
      return b;
    }

    /** Waits for a free slot, and for room in the bucket (its reset, when its last headers said it is used up). */
    private async acquire(bucket: Bucket): Promise<void> {
      for (;;) {
        if (this.running >= concurrency) {
          await new Promise<void>((resolve) => this.queue.push(resolve));
          continue;
        }
        if (bucket.remaining !== undefined && bucket.remaining - bucket.inFlight <= 0) {
          if (Date.now() < bucket.resetAt) {
            this.stats.waitsForReset++;
            await sleep(bucket.resetAt - Date.now());
            continue;
          }
          // The window has reset: send, and learn the new state from the answer.
          bucket.remaining = undefined;
        }
        this.running++;
        bucket.inFlight++;
        return;
      }
    }

    private release(bucket: Bucket): void {
      this.running--;
      bucket.inFlight--;
      this.queue.shift()?.();
    }

    /**
     * Takes the bucket's state from the response's rate-limit headers. Answers
     * arrive out of order when requests run concurrently: within one window the
     * lowest `remaining` holds, an answer from an earlier window is stale.
     */
    private observe(bucket: Bucket, response: FetchResponse): void {
      const limit = Number(response.headers.get('x-rate-limit-limit') ?? NaN);
      if (Number.isInteger(limit) && limit > 0) bucket.limit = limit;
      const remaining = Number(response.headers.get('x-rate-limit-remaining') ?? NaN);
      const reset = Number(response.headers.get('x-rate-limit-reset') ?? NaN);
      if (!Number.isInteger(remaining) || !Number.isInteger(reset) || reset < bucket.reset) return;
      if (reset === bucket.reset && bucket.remaining !== undefined) {
        bucket.remaining = Math.min(bucket.remaining, remaining);
        return;
      }
      // The reset is an epoch second on Okta's clock: measured from the response's Date, not our clock.
      const serverNow = Date.parse(response.headers.get('date') ?? '');
      bucket.reset = reset;
      bucket.resetAt = Date.now() + reset * 1000 - (Number.isFinite(serverNow) ? serverNow : Date.now()) + margin;
      bucket.remaining = remaining;
    }
  }
  return RateLimitedExecutor;
}
