/**
 * The kit's types, computed from a provider package's module (`import * as telnyx from
 * "@switchboard/telnyx"`): method names from its operation table, inputs from its client's methods, and
 * per-status response bodies from the openapi-typescript `paths` its client is typed by. Nothing per
 * provider is written by hand, so a provider generated tomorrow is typed the same way.
 */
import type { Endpoint, OperationInput, OperationOf, OperationSpec } from "@switchboard/core";
import type { Client } from "openapi-fetch";
import type { Readable } from "openapi-typescript-helpers";
import type { Violation } from "./check.js";
import type { CredentialPlaces } from "./credentials-in-calls.js";

/** What `createMock` takes: a provider package's exports, as `import * as telnyx from "@switchboard/telnyx"` gives them. */
export interface ProviderModule {
  readonly provider: CredentialPlaces & {
    readonly name: string;
    readonly title: string;
    readonly servers: Readonly<Record<string, string>>;
    readonly spec?: { readonly sha256: string };
  };
  readonly endpoints: Readonly<Record<string, readonly [string, string, ...unknown[]]>>;
}

type AnyFunction = (...args: any[]) => any;

/** The client `create<Provider>Client` makes. */
type ClientOf<M> = ReturnType<Extract<M[keyof M & `create${string}Client`], AnyFunction>>;
type PathsOf<M> = ClientOf<M> extends Client<infer P, any> ? P : never;

export type OperationName<M extends ProviderModule> = keyof M["endpoints"] & string;

/**
 * Route (`DELETE /ips/{id}`) → method name, one mapped type per provider module: the compiler builds it
 * once per module and caches it, so each route a test names is a property lookup rather than a comparison
 * with every row (1,154 on the complete Telnyx API).
 */
type RouteNames<M extends ProviderModule> = {
  [K in OperationName<M> as `${M["endpoints"][K][0]} ${M["endpoints"][K][1]}`]: K;
};

/** A method name (`deleteIp`) or its route as the table has it (`DELETE /ips/{id}`). */
export type OperationKey<M extends ProviderModule> = OperationName<M> | (keyof RouteNames<M> & string);

/** The method name an operation key stands for. */
export type NameOf<M extends ProviderModule, Key> = Key extends keyof M["endpoints"]
  ? Key & string
  : Key extends keyof RouteNames<M>
    ? RouteNames<M>[Key] & string
    : never;

/**
 * `K extends string`, here and in the types below, not `K extends OperationName<M>`: checking an operation's
 * name against that constraint related it to a union of every name (1,156 on Telnyx), and a `match` object
 * in `mock.on` then took the compiler half a minute; an unknown name is refused where the key is taken.
 *
 * The openapi-typescript operation object of a row: the one a generated row carries (core's `Endpoint`,
 * read without touching the rest of the client), else the one the client's `paths` has at the row's method
 * and path (a hand-written table, as createMock also takes).
 */
type OperationObject<M extends ProviderModule, K extends string> = K extends keyof M["endpoints"]
  ? M["endpoints"][K] extends Endpoint<OperationSpec, infer Op, any>
    ? unknown extends Op
      ? OperationOf<PathsOf<M>, M["endpoints"][K]>
      : Op
    : never
  : never;

type Or<T, Fallback> = [T] extends [never] ? Fallback : T;

/** The flat input the operation's method takes (path, query and header parameters, `body`). */
export type InputOf<M extends ProviderModule, K extends string> = Or<
  [OperationObject<M, K>] extends [never] ? never : OperationInput<OperationObject<M, K>, FilledOf<M>>,
  Record<string, unknown>
>;

/**
 * The path parameters the client fills from its credentials (Vobiz's `auth_id`), which the input may leave
 * out. The input is computed from the operation and these, as the client's method computes it: reading it
 * off the whole client's type instead (`Parameters<Client["deleteIp"]>`) made the compiler build that type,
 * 1,156 methods on Telnyx, and a `match` object checked against it took a minute.
 */
type FilledOf<M extends ProviderModule> = M["provider"] extends { readonly pathCredentials: infer C }
  ? keyof C & string
  : never;

/** The request body the operation's method sends. */
export type RequestBodyOf<M extends ProviderModule, K extends string> =
  InputOf<M, K> extends {
    body?: infer B;
  }
    ? B
    : undefined;

type ResponsesOf<Op> = Op extends { responses: infer R } ? R : {};

type FirstDigit<S extends number> = `${S}` extends `${infer D}${string}` ? D : never;

/** The response object the spec documents for status S: exact, its range (`4XX`), or `default`. */
type ResponseAt<R, S extends number> = S extends keyof R
  ? R[S]
  : `${FirstDigit<S>}XX` extends keyof R
    ? R[`${FirstDigit<S>}XX`]
    : "default" extends keyof R
      ? R["default"]
      : never;

type BodyOfResponse<Response> = Response extends { content?: infer C }
  ? [NonNullable<C>] extends [never]
    ? undefined
    : NonNullable<C>[keyof NonNullable<C>] extends infer B
      ? Readable<B>
      : unknown
  : undefined;

/** The statuses the spec lists for an operation. */
export type DocumentedStatus<M extends ProviderModule, K extends string> = Extract<
  keyof ResponsesOf<OperationObject<M, K>>,
  number
>;

/**
 * The body a reply with status S may carry: the documented response's type when S is documented (exactly,
 * by range or by `default`), anything otherwise (the answer is then recorded as outside the spec).
 */
export type ReplyBody<M extends ProviderModule, K extends string, S extends number> = number extends S
  ? unknown
  : Or<BodyOfResponse<ResponseAt<ResponsesOf<OperationObject<M, K>>, S>>, unknown>;

interface ReplyOptions {
  /** Headers added to (and winning over) the documented ones, e.g. `{ "Retry-After": "1" }`. */
  headers?: Record<string, string>;
  /** Milliseconds before the answer. */
  delay?: number;
  /** How many calls this answers (default: every call until `mock.reset()`). */
  times?: number;
}

/** A scripted answer with the documented body's type (or none: the documented example or a generated one). */
export type BodyReply<Body> = ReplyOptions & {
  /** The body (JSON unless a string); without it the documented example or a generated one is sent. */
  body?: Body;
  patch?: undefined;
  validate?: undefined;
};

/** A scripted answer that changes the one the mock would send. */
export type PatchReply<Body> = ReplyOptions & {
  /**
   * Changes to the answer the mock would send (the spec's example, else a generated body): objects
   * merged key by key, an array or a value replacing what is there. Checked as a whole, as a body is.
   */
  patch: DeepPartial<Body>;
  body?: undefined;
  validate?: false;
};

/** A scripted answer of any body at all, which the spec need not describe. */
export type UncheckedReply = ReplyOptions & {
  body?: unknown;
  patch?: undefined;
  /**
   * `false` sends a body that does not match the documented response (to test how your code copes with
   * one); the call records it as outside the spec. By default such a body is refused when scripted.
   */
  validate: false;
};

/**
 * A scripted answer: the documented body's type, or with `validate: false` any body at all (a string goes
 * out as written: under a `Content-Type` given in `headers`, as that type, so `"{not json"` with
 * `application/json` is the malformed body a client must report).
 *
 * The methods take its three forms as overloads, and a sequence's step picks one by its own keys, not as
 * one union: against a union with `body?: unknown` in it, TypeScript checks no excess property inside
 * `body`, so a misspelt field (`{ data: { directon } }`) beside right ones compiled.
 */
export type ReplyInit<Body> = BodyReply<Body> | PatchReply<Body> | UncheckedReply;

/** ReplyInit without `times`, for one answer (`replyOnce`, a step of a sequence). */
type One<R> = Omit<R, "times">;
type OneReply<Body> = One<BodyReply<Body>> | One<PatchReply<Body>> | One<UncheckedReply>;

/** One step of `sequence(...)`: a status, a status with a body and headers, or a fault. */
export type SequenceStep<Body = unknown, S extends number = number> =
  | S
  | ({ status: S } & OneReply<Body>)
  | "reset"
  | "hang";

type CheckedStep<M extends ProviderModule, K extends string, T> = T extends number
  ? T
  : T extends { status: infer S extends number }
    ? { status: S } & (T extends { validate: false }
        ? One<UncheckedReply>
        : T extends { patch: unknown }
          ? One<PatchReply<ReplyBody<M, K, S>>>
          : One<BodyReply<ReplyBody<M, K, S>>>)
    : T extends "reset" | "hang"
      ? T
      : SequenceStep;

/** Scripted answers for one operation; every method returns the scenario, so steps chain. */
type Digit = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
/**
 * A status the mock can answer with, 200 to 599 (what `reply` checks when it runs): `reply(999)` is a type
 * error rather than a TypeError in the test. A status computed as a `number` is checked when it runs.
 */
type Status<S extends number> = number extends S
  ? S
  : `${S}` extends `${2 | 3 | 4 | 5}${Digit}${Digit}`
    ? S
    : never;

export interface OperationScenario<M extends ProviderModule, K extends string> {
  /** Answer `status` (with the documented body unless `body` is given): until reset, or `times` calls. */
  reply<const S extends number>(status: Status<S>, init?: BodyReply<ReplyBody<M, K, S>>): this;
  reply<const S extends number>(
    status: Status<S>,
    init: PatchReply<ReplyBody<M, K, S>> | UncheckedReply,
  ): this;
  /** `reply` for one call. */
  replyOnce<const S extends number>(status: Status<S>, init?: One<BodyReply<ReplyBody<M, K, S>>>): this;
  replyOnce<const S extends number>(
    status: Status<S>,
    init: One<PatchReply<ReplyBody<M, K, S>>> | One<UncheckedReply>,
  ): this;
  /** One call per step, in order: `sequence(503, 503, 200)`, `sequence({ status: 429, headers: { "Retry-After": "1" } }, 200)`. */
  sequence<const T extends readonly SequenceStep[]>(
    ...steps: { [I in keyof T]: CheckedStep<M, K, T[I]> }
  ): this;
  /** The default answer, `ms` late. */
  delay(ms: number, init?: { times?: number }): this;
  /** Drop the connection without an answer (after `delay` ms): the client sees a connection error. */
  resetConnection(init?: { times?: number; delay?: number }): this;
  /** Never answer: the client's timeout or abort ends the call. */
  hang(init?: { times?: number }): this;
}

/** What a call got back. */
export type MockResponse =
  | {
      readonly status: number;
      readonly headers: Readonly<Record<string, string>>;
      readonly body: unknown;
      /** Why the spec does not cover this answer (undocumented status, body that does not match), if so. */
      readonly outsideSpec?: string;
    }
  | { readonly fault: "reset" | "hang" };

/** A request the code under test sent, as the mock read it. */
export interface MockCall<Input = Record<string, unknown>, Body = unknown> {
  /** The method name (`deleteIp`); undefined when no operation of the spec matches the request. */
  readonly operation: string | undefined;
  /** `DELETE /ips/{id}`. */
  readonly route: string | undefined;
  readonly method: string;
  readonly url: string;
  /** The call as the method took it: path, query and header parameters side by side, and `body`. */
  readonly input: Input;
  /** The request body: parsed JSON, a form as an object, text; undefined when there was none. */
  readonly body: Body;
  /** Every request header, names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  /** How the request breaks the spec; empty when it does not. */
  readonly violations: readonly Violation[];
  /** What the mock answered; undefined while the answer is delayed. */
  readonly response: MockResponse | undefined;
}

export type CallOf<M extends ProviderModule, K extends string> = MockCall<InputOf<M, K>, RequestBodyOf<M, K>>;

/** What a `match` may name: any part of the input, objects and arrays compared part by part. */
export type MatchOf<Input> = {
  [K in keyof Input]?: Input[K] extends object ? DeepPartial<Input[K]> : Input[K];
};
/** Objects with every key optional, at any depth; an array or a value is given whole. */
export type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;
