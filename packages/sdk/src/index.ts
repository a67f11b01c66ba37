/**
 * `createSwitchboard`: every provider client under one configuration. Shared options (fetch, headers,
 * middleware) apply to all providers; each provider's own options (credentials, region, base URL) sit under
 * its name. A client is built the first time it is used, so configuring a provider you never call costs
 * nothing and its missing credentials are no error.
 */
import type { ClientOptions, Middleware } from "@switchboard/core";
import { type ProviderClients, type ProviderOptions, providerFactories } from "./generated/providers.js";

export {
  type AttemptInfo,
  type CallOptions,
  ConfigurationError,
  type ErrorKind,
  type Logger,
  type LogLevel,
  type Middleware,
  SwitchboardError,
} from "@switchboard/core";

export type { ProviderClients, ProviderOptions } from "./generated/providers.js";
export { providerDefinitions } from "./generated/providers.js";

export type ProviderName = keyof ProviderClients;

/** Options for every provider at once; a provider's own options win over them. */
export interface SharedOptions
  extends Pick<
    ClientOptions,
    | "fetch"
    | "env"
    | "maxRetries"
    | "timeout"
    | "maxRetryDelay"
    | "idempotencyHeader"
    | "logLevel"
    | "logger"
    | "onAttempt"
  > {
  headers?: Record<string, string>;
  /** Run on every provider's requests, before the provider's own middleware. */
  middleware?: Middleware[];
}

export type SwitchboardOptions = SharedOptions & { [P in ProviderName]?: ProviderOptions[P] };

export type Switchboard = { readonly [P in ProviderName]: ProviderClients[P] } & {
  /** The providers whose clients have been built so far. */
  readonly built: () => ProviderName[];
};

const RUNTIME_OPTIONS = [
  "fetch",
  "env",
  "maxRetries",
  "timeout",
  "maxRetryDelay",
  "idempotencyHeader",
  "logLevel",
  "logger",
  "onAttempt",
] as const satisfies ReadonlyArray<keyof SharedOptions>;

export function createSwitchboard(options: SwitchboardOptions = {}): Switchboard {
  const { headers, middleware } = options;
  // Shared runtime options, only those given, so a provider's own (or the client's default) still applies.
  const runtime: Record<string, unknown> = {};
  for (const key of RUNTIME_OPTIONS) if (options[key] !== undefined) runtime[key] = options[key];
  const clients = new Map<ProviderName, unknown>();
  const switchboard = {
    built: () => [...clients.keys()],
  } as Switchboard;
  for (const name of Object.keys(providerFactories) as ProviderName[]) {
    // Not enumerable: `JSON.stringify(sb)`, `{ ...sb }` and loggers that walk an object's keys would build every
    // provider's client, and throw for one whose credentials are not set. `built()` says which exist.
    Object.defineProperty(switchboard, name, {
      enumerable: false,
      get() {
        let client = clients.get(name);
        if (!client) {
          const own = (options[name] ?? {}) as SharedOptions & Record<string, unknown>;
          const factory = providerFactories[name] as (o: object) => unknown;
          client = factory({
            ...runtime,
            ...own,
            headers: { ...headers, ...own.headers },
            middleware: [...(middleware ?? []), ...(own.middleware ?? [])],
          });
          clients.set(name, client);
        }
        return client;
      },
    });
  }
  return switchboard;
}
