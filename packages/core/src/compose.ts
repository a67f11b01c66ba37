/**
 * Clients made of the operations an app imports, one by one, instead of a provider's whole table:
 * `composeTelnyxClient({ deleteIp, dialCall })`. Each operation is exported from its provider's subpath
 * module as its table row, typed (through a phantom property that exists only for the compiler) with the
 * openapi-typescript operation it calls. The runtime is the same as for full clients.
 */
import type { Middleware } from "openapi-fetch";
import { buildClient, type Filled, type ProviderClientOptions } from "./client.js";
import type { Endpoint, ProviderDefinition } from "./contract.js";
import type { EndpointMethod } from "./types.js";

export type { Endpoint } from "./contract.js";

export type EndpointMap = Readonly<Record<string, Endpoint>>;

/** Homomorphic over `Ops`, so each method keeps the documentation of the export it was made from. */
export type ComposedMethods<Ops extends EndpointMap, F extends string = never> = {
  readonly [K in keyof Ops]: EndpointMethod<never, Ops[K], F>;
};

export type ComposedClient<Ops extends EndpointMap, P extends ProviderDefinition> = ComposedMethods<
  Ops,
  Filled<P>
> & {
  readonly baseUrl: string;
  readonly provider: P;
  readonly operations: Ops;
  /** openapi-fetch middleware for every later request. */
  use(...middleware: Middleware[]): void;
  eject(...middleware: Middleware[]): void;
};

/** `buildClient` itself, typed for the operations given: a wrapper would be bytes every one-call app ships. */
export const composeProviderClient: <Ops extends EndpointMap, P extends ProviderDefinition>(
  provider: P,
  operations: Ops,
  options?: ProviderClientOptions<P>,
) => ComposedClient<Ops, P> = buildClient as never;
