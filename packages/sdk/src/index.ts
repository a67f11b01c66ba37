/**
 * `createSwitchboard`: every provider client under one configuration. Shared options (fetch, headers,
 * middleware) apply to all providers; each provider's own options (credentials, region, base URL) sit under
 * its name. A client is built the first time it is used, so configuring a provider you never call costs
 * nothing and its missing credentials are no error.
 */
import type { ClientOptions, Middleware } from "@switchboard/core";
import { type ProviderClients, type ProviderOptions, providerFactories } from "./generated/providers.js";

export { ConfigurationError, type ErrorKind, type Middleware, SwitchboardError } from "@switchboard/core";

export type { ProviderClients, ProviderOptions } from "./generated/providers.js";
export { providerDefinitions } from "./generated/providers.js";

export type ProviderName = keyof ProviderClients;

export interface SharedOptions {
  fetch?: ClientOptions["fetch"];
  headers?: Record<string, string>;
  /** Run on every provider's requests, before the provider's own middleware. */
  middleware?: Middleware[];
  env?: ClientOptions["env"];
}

export type SwitchboardOptions = SharedOptions & { [P in ProviderName]?: ProviderOptions[P] };

export type Switchboard = { readonly [P in ProviderName]: ProviderClients[P] } & {
  /** The providers whose clients have been built so far. */
  readonly built: () => ProviderName[];
};

export function createSwitchboard(options: SwitchboardOptions = {}): Switchboard {
  const { fetch, headers, middleware, env } = options;
  const clients = new Map<ProviderName, unknown>();
  const switchboard = {
    built: () => [...clients.keys()],
  } as Switchboard;
  for (const name of Object.keys(providerFactories) as ProviderName[]) {
    Object.defineProperty(switchboard, name, {
      enumerable: true,
      get() {
        let client = clients.get(name);
        if (!client) {
          const own = (options[name] ?? {}) as SharedOptions & Record<string, unknown>;
          const factory = providerFactories[name] as (o: object) => unknown;
          client = factory({
            ...(fetch || env ? { fetch, env } : {}),
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
