/**
 * Clients made of the operations an app imports, one by one, instead of a provider's whole table:
 * `composeTelnyxClient({ deleteIp, dialCall })`. Each operation is exported from its provider's subpath
 * module as its table row, typed (through a phantom property that exists only for the compiler) with the
 * openapi-typescript operation it calls. The runtime is the same as for full clients.
 */
import type { Middleware } from "openapi-fetch";
import { buildClient, type Filled, type ProviderClientOptions } from "./client.js";
import type { OperationSpec, ProviderDefinition } from "./contract.js";
import type { OperationMethod, PageIterator, PagingOf } from "./types.js";

declare const operationType: unique symbol;

/** A table row carrying the type of the operation it calls. */
export type Endpoint<Row extends OperationSpec = OperationSpec, Op = unknown> = Row & {
  readonly [operationType]?: Op;
};

export type EndpointMap = Readonly<Record<string, Endpoint>>;

type OperationOfEndpoint<E> = E extends { readonly [operationType]?: infer Op }
  ? Exclude<Op, undefined>
  : never;

export type ComposedMethods<Ops extends EndpointMap, F extends string = never> = {
  readonly [K in keyof Ops]: OperationMethod<OperationOfEndpoint<Ops[K]>, F> &
    PageIterator<OperationOfEndpoint<Ops[K]>, PagingOf<Ops[K]>, F>;
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

export function composeProviderClient<Ops extends EndpointMap, P extends ProviderDefinition>(
  provider: P,
  operations: Ops,
  options?: ProviderClientOptions<P>,
): ComposedClient<Ops, P> {
  return buildClient(provider, operations, options ?? {}) as unknown as ComposedClient<Ops, P>;
}
