/**
 * `createSwitchboard`: every provider client under one configuration. Shared options (fetch, headers,
 * middleware) apply to all providers; each provider's own options (credentials, region, base URL) sit under
 * its name. A client is built the first time it is used, so a provider you never call costs nothing at run
 * time and its missing credentials are no error (its package is still imported, so bundled).
 */
import {
  type ClientOptions,
  ConfigurationError,
  type Middleware,
  type RawClientOptions,
} from "@switchboard/core";
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
  /**
   * Sent by every provider's client; a provider's own `headers` win, header by header (`null` removes one).
   * As openapi-fetch takes them: a `Headers`, a record (an array value is sent joined), or `[name, value]` pairs.
   */
  headers?: RawClientOptions["headers"];
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

const SHARED: ReadonlyArray<keyof SharedOptions> = [...RUNTIME_OPTIONS, "headers", "middleware"];

export function createSwitchboard(options: SwitchboardOptions = {}): Switchboard {
  // A provider's own option given beside the shared ones (`baseUrl`, `region`, `apiKey`) applies to no
  // provider: TypeScript refuses it, and JavaScript callers would call production with it silently dropped.
  const misplaced = Object.entries(options)
    .filter(([key, value]) => value !== undefined && !(key in providerFactories))
    .map(([key]) => key)
    .filter((key) => !SHARED.includes(key as keyof SharedOptions));
  if (misplaced.length > 0) {
    const names = misplaced.map((key) => `\`${key}\``).join(", ");
    const first = Object.keys(providerFactories)[0];
    throw new ConfigurationError(
      `createSwitchboard: ${names} ${misplaced.length === 1 ? "is not a shared option" : "are not shared options"} (those are ${SHARED.join(", ")}); a provider's own options go under its name, as \`${first}: { ${misplaced[0]}: … }\``,
    );
  }
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
          // A provider's own option left undefined (`maxRetries: config.retries`, unset) keeps the shared one.
          const own = Object.fromEntries(
            Object.entries(options[name] ?? {}).filter(([, value]) => value !== undefined),
          ) as SharedOptions & Record<string, unknown>;
          const factory = providerFactories[name] as (o: object) => unknown;
          try {
            client = factory({
              ...runtime,
              ...own,
              headers: mergedHeaders(headers, own.headers),
              middleware: [...(middleware ?? []), ...(own.middleware ?? [])],
            });
          } catch (error) {
            // The provider's message names its options and variables; say where options go in the facade.
            if (!(error instanceof ConfigurationError)) throw error;
            throw new ConfigurationError(
              `${error.message} (with createSwitchboard, the provider's options go under \`${name}: { … }\`)`,
              { cause: error },
            );
          }
          clients.set(name, client);
        }
        return client;
      },
    });
  }
  return switchboard;
}

/**
 * The shared headers, then the provider's own, header by header whatever their case. Either may be a `Headers`
 * (which spreading would empty) or a record whose `null` removes a header, the shared one or a default.
 */
function mergedHeaders(
  ...sources: Array<RawClientOptions["headers"]>
): Record<string, string | null> | undefined {
  if (!sources.some(Boolean)) return undefined;
  const merged: Record<string, string | null> = {};
  for (const source of sources) {
    if (!source) continue;
    // `[name, value]` pairs were spread as entries "0", "1", …: a header named `0`.
    const entries: Iterable<[string, unknown]> =
      source instanceof Headers || Array.isArray(source) ? source : Object.entries(source);
    for (const [name, value] of entries) {
      if (value === undefined) continue;
      merged[name.toLowerCase()] =
        value === null ? null : Array.isArray(value) ? value.join(", ") : String(value);
    }
  }
  return merged;
}
