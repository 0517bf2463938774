import { createRequire } from 'node:module';

/**
 * autocannon, the load generator of `npm run bench`, with the small part of its interface the load runs
 * use. It ships no type declarations, so it is loaded through require (esbuild keeps it external, and the
 * bundle resolves it from node_modules at run time).
 */
export interface Histogram {
  average: number;
  p50: number;
  p99: number;
  max: number;
  /** Requests completed (responses read). */
  total: number;
  /** Requests sent, completed or not (those in flight when the run ends are still served). */
  sent?: number;
}
export interface AutocannonResult {
  requests: Histogram;
  latency: Histogram;
  non2xx: number;
  errors: number;
  timeouts: number;
  duration: number;
}
export interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
}
export interface AutocannonOptions {
  url: string;
  connections: number;
  /** Seconds; or `amount` requests in all. */
  duration?: number;
  amount?: number;
  method?: string;
  /** Requests cycled through; plain data, or with `setupRequest` to sign each one as it is sent. */
  requests: Array<AutocannonRequest & { setupRequest?: (req: AutocannonRequest) => AutocannonRequest }>;
  /** Worker threads for the load generator. */
  workers?: number;
}

export const autocannon = createRequire(import.meta.url)('autocannon') as (options: AutocannonOptions) => Promise<AutocannonResult>;
