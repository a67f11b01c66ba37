/**
 * `createMock(provider)`: a provider's whole API, in process, from the spec its package was generated
 * from. Every operation answers with a spec-valid response without setup; scenarios script statuses,
 * bodies, headers, sequences, latency, resets and hangs per operation; every request is recorded and
 * checked against the spec. `mock.fetch` is what a client takes (`createTelnyxClient({ fetch: mock.fetch })`);
 * `mock.listen()` serves the same mock on 127.0.0.1 for code that needs a URL.
 */

import { merged } from "../openapi.js";
import { documentedBody, documentedResponse, responseViolations } from "./answers.js";
import { formatViolation } from "./check.js";
import { writtenCall } from "./credentials-in-calls.js";
import { ConnectionReset, type EngineState, handle, type InvalidRequests } from "./engine.js";
import { OperationIndex, type OperationTable } from "./operations.js";
import {
  addEntry,
  checkDelay,
  checkStatus,
  checkTimes,
  contains,
  describeStep,
  type MatchInput,
  type Rule,
} from "./scenarios.js";
import { type MockServer, serve } from "./server.js";
import { loadSpec } from "./source.js";
import type {
  CallOf,
  InputOf,
  MatchOf,
  MockCall,
  NameOf,
  OperationKey,
  OperationScenario,
  ProviderModule,
  ReplyInit,
  SequenceStep,
} from "./types.js";

export interface MockOptions {
  /**
   * The spec to serve: a path to a bundled `openapi.json`, or the document. Default: the one the provider
   * package ships (`@switchboard/<provider>/openapi.json`), checked against the module's spec hash.
   */
  spec?: string | object;
  /**
   * What a request that breaks the spec gets. `"fail"` (default): a 422 (401 for missing credentials)
   * saying why, and `verify()` (run after each test by `useMock`) fails the test with the same message.
   * `"respond"`: the same answer, without failing the test. `"ignore"`: answered as if it were valid.
   * Every call records its violations either way.
   */
  invalidRequests?: InvalidRequests;
  /**
   * Base URLs the mock answers under besides the provider's servers and regions: a proxy's, a self-hosted
   * instance's (`["https://proxy.test/telnyx"]`). A request under none of them is a route violation, so a
   * client's base URL that leaves out the server's path (`/v2`) or names another host fails the test.
   */
  baseUrls?: readonly string[];
}

/** Thrown by `verify()`: requests that broke the spec, one per line, each violation naming the field. */
export class MockVerificationError extends Error {
  override name = "MockVerificationError";
  constructor(
    readonly provider: string,
    readonly calls: readonly MockCall[],
  ) {
    // Written without the credentials the requests carried: the message lands in CI logs.
    const lines = calls
      .map(writtenCall)
      .flatMap((call) => [
        `  ${call.operation ?? "(no operation)"}: ${call.method} ${call.url}`,
        ...call.violations.map((v) => `    ${formatViolation(v)}`),
      ]);
    super(
      `${provider} mock: ${calls.length} request${calls.length === 1 ? "" : "s"} did not match the spec:\n${lines.join("\n")}\n` +
        "Fix the request, or call mock.expectInvalidRequests() first in a test that sends one on purpose.",
    );
  }
}

/**
 * An operation key, checked: `Key` is inferred from the argument (its constraint is only `string`), and an
 * argument that is not an operation of the package is reported against the package's keys. Were the
 * constraint `OperationKey<M>`, the compiler would type an object-literal `match` against every operation
 * at once while inferring the key (its contextual type is read through the constraint), which on the
 * complete Telnyx API (1,154 operations) is "excessively deep and possibly infinite" (TS2589).
 */
type KeyArgument<M extends ProviderModule, Key extends string> =
  Key extends OperationKey<M> ? Key : OperationKey<M>;

/**
 * Values the input must have, or a function of the input; NoInfer: the operation alone names the key. Typed
 * by `on`'s `Input` parameter, which only its default sets, once `Key` is inferred: while `Key` is still
 * being inferred the match is typed by `Input`'s constraint alone, rather than by the input of a `Key` not
 * yet known, which the compiler related to every operation name there is (a `match` object took half a minute
 * to check against Telnyx's 1,156 operations).
 */
type MatchArgument<Input> = NoInfer<MatchOf<Input> | ((input: Input) => boolean)>;

export interface Mock<M extends ProviderModule> {
  /** The provider's name (`telnyx`). */
  readonly provider: string;
  /** The OpenAPI document served. */
  readonly spec: object;
  /**
   * The base URLs the mock answers under: the provider's servers and regions (where a client sends requests
   * by default) and the `baseUrls` option's.
   */
  readonly servers: readonly string[];
  /**
   * The base URLs of operations served apart from the provider's (an operation's own `servers`: Telnyx's
   * OAuth metadata at `https://api.telnyx.com`, without `/v2`); the mock answers each for its operations.
   */
  readonly operationServers: readonly string[];
  /** A fetch answering from the mock, for a client's `fetch` option: `createTelnyxClient({ fetch: mock.fetch })`. */
  readonly fetch: (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
  /**
   * The same as `fetch`, for a Request (msw's resolvers get one: `({ request }) => mock.handle(request)`);
   * `baseUrl` answers this request under another base URL too.
   */
  handle(request: Request, options?: { baseUrl?: string }): Promise<Response>;
  /** Serves the mock on 127.0.0.1, on a port the OS picks; resolves to its URL (also `mock.url`). */
  listen(): Promise<string>;
  /** `http://127.0.0.1:<port>` once `listen()` has resolved. */
  readonly url: string;
  /** Stops the server, if any, and ends every delayed or hanging answer. Safe to call twice. */
  close(): Promise<void>;
  /**
   * Scripted answers for an operation, by method name or route (`"DELETE /ips/{id}"`); with `match`, only for
   * calls whose input has those values (or for which the function returns true).
   */
  on<const Key extends string, Input = InputOf<M, NameOf<M, Key>>>(
    operation: KeyArgument<M, Key>,
    match?: MatchArgument<Input>,
  ): OperationScenario<M, NameOf<M, Key>>;
  /** Every call so far (since the last `reset()`), or those of one operation, oldest first. */
  calls(): MockCall[];
  calls<const Key extends string>(operation: KeyArgument<M, Key>): CallOf<M, NameOf<M, Key>>[];
  /** The latest call of an operation; throws, listing what was called, when there was none. */
  lastCall<const Key extends string>(operation: KeyArgument<M, Key>): CallOf<M, NameOf<M, Key>>;
  /** Until `reset()`, requests that break the spec are answered (422/401) without failing the test. */
  expectInvalidRequests(): void;
  /** Throws a `MockVerificationError` if a request broke the spec and the test did not expect it. */
  verify(): void;
  /**
   * Scripted steps no call has used up yet, oldest script first (`on("deleteIp"): 503, 1 call left`): a
   * `replyOnce`, a `sequence`'s later steps, a step given `times`. A test that expects its script to have
   * run checks `expect(mock.pending()).toEqual([])`, as nock's `isDone()`. Steps lasting until `reset()`
   * are never pending.
   */
  pending(): string[];
  /** Forgets scenarios, calls and expectations (useMock does it after each test). */
  reset(): void;
}

export function createMock<const M extends ProviderModule>(module: M, options: MockOptions = {}): Mock<M> {
  if (!module?.provider || !module.endpoints) {
    throw new TypeError(
      'createMock takes a provider package\'s module: import * as telnyx from "@switchboard/telnyx"; createMock(telnyx)',
    );
  }
  if (
    options.invalidRequests !== undefined &&
    !["fail", "respond", "ignore"].includes(options.invalidRequests)
  ) {
    throw new TypeError(
      `createMock: invalidRequests must be "fail", "respond" or "ignore", not ${JSON.stringify(options.invalidRequests)}`,
    );
  }
  for (const base of options.baseUrls ?? []) {
    if (typeof base !== "string" || !/^(?:[a-z][a-z0-9+.-]*:\/\/[^/]|\/)/i.test(base))
      throw new TypeError(
        `createMock: baseUrls holds ${JSON.stringify(base)}, not an absolute URL or a path`,
      );
  }
  const spec = loadSpec(module, options.spec);
  if (Object.keys(module.endpoints).length === 0)
    // A provider whose spec holds webhooks alone calls your endpoint, never the other way round.
    throw new TypeError(
      `createMock: ${module.provider.title} has no operations to mock (its spec holds webhooks alone); ` +
        "to test your endpoint, send it the provider's events with createWebhookSender({ spec, provider })",
    );
  const servers = [
    ...Object.values(module.provider.servers),
    ...((spec.servers as { url?: string }[] | undefined) ?? []).flatMap((s) =>
      typeof s?.url === "string" ? [s.url] : [],
    ),
    ...(options.baseUrls ?? []),
  ];
  const defaultMode = options.invalidRequests ?? "fail";
  const state: EngineState = {
    provider: module.provider.name,
    credentialPlaces: module.provider,
    spec,
    index: new OperationIndex(spec, module.endpoints as OperationTable, servers),
    rules: [],
    calls: [],
    unexpected: [],
    invalidRequests: defaultMode,
    pending: new Set(),
  };
  let server: MockServer | undefined;
  let starting: Promise<MockServer> | undefined;
  const label = (key: string) => `${state.provider} mock: on(${JSON.stringify(key)})`;

  const scenario = (key: string, match: unknown): OperationScenario<M, never> => {
    const operation = state.index.resolve(key);
    const matcher =
      match === undefined
        ? undefined
        : typeof match === "function"
          ? (match as (input: MatchInput) => boolean)
          : (input: MatchInput) => contains(input, match);
    const rule: Rule = { operation, match: matcher, entries: [], label: label(key) };
    state.rules.unshift(rule);
    const reply = (status: number, init: ReplyInit<unknown> = {}, times: number, where: string) => {
      checkStatus(status, where);
      const patched = Object.hasOwn(init, "patch");
      let body = (init as { body?: unknown }).body;
      if (patched) {
        const base = documentedBody(operation, status, spec);
        if (Object.hasOwn(init, "body") || base === undefined)
          throw new TypeError(
            `${where}: patch ${Object.hasOwn(init, "body") ? "and body are two answers; give one" : `needs a body the spec documents for ${status} of ${operation.name} to change; give body instead`}`,
          );
        body = merged(base, (init as { patch?: unknown }).patch);
      }
      const hasBody = patched || Object.hasOwn(init, "body");
      if (hasBody && init.validate !== false && documentedResponse(operation, status, spec)) {
        // Typed against the spec already; this catches JavaScript callers and casts, at the line that did it.
        const violations = responseViolations(operation, status, body, spec);
        if (violations.length) {
          throw new TypeError(
            `${where}: the ${patched ? "documented answer with the patch" : "body"} does not match the ${status} response of ${operation.name}: ${violations.map(formatViolation).join("; ")} (give { validate: false } to send it anyway)`,
          );
        }
      }
      addEntry(
        rule,
        {
          kind: "reply",
          status,
          hasBody,
          body,
          headers: init.headers,
          delay: checkDelay(init.delay, where),
        },
        times,
      );
    };
    const self: OperationScenario<M, never> = {
      reply(status: number, init?: ReplyInit<unknown>) {
        reply(status, init, checkTimes(init?.times, `${rule.label}.reply`), `${rule.label}.reply(${status})`);
        return self;
      },
      replyOnce(status: number, init?: ReplyInit<unknown>) {
        reply(status, init, 1, `${rule.label}.replyOnce(${status})`);
        return self;
      },
      sequence(...steps) {
        for (const [i, step] of (steps as readonly SequenceStep[]).entries()) {
          const where = `${rule.label}.sequence(…) step ${i + 1}`;
          if (step === "reset") addEntry(rule, { kind: "reset", delay: 0 }, 1);
          else if (step === "hang") addEntry(rule, { kind: "hang" }, 1);
          else if (typeof step === "number") reply(step, {}, 1, where);
          else {
            const { status, ...init } = step;
            reply(status, init, 1, where);
          }
        }
        return self;
      },
      delay(ms, init) {
        const where = `${rule.label}.delay(${ms})`;
        addEntry(
          rule,
          { kind: "reply", status: undefined, hasBody: false, delay: checkDelay(ms, where) },
          checkTimes(init?.times, where),
        );
        return self;
      },
      resetConnection(init) {
        const where = `${rule.label}.resetConnection()`;
        addEntry(
          rule,
          { kind: "reset", delay: checkDelay(init?.delay, where) },
          checkTimes(init?.times, where),
        );
        return self;
      },
      hang(init) {
        addEntry(rule, { kind: "hang" }, checkTimes(init?.times, `${rule.label}.hang()`));
        return self;
      },
    };
    return self;
  };

  const callsOf = (key?: string): MockCall[] => {
    if (key === undefined) return [...state.calls];
    const name = state.index.resolve(key).name;
    return state.calls.filter((call) => call.operation === name);
  };

  const mock: Mock<M> = {
    provider: state.provider,
    spec,
    servers: [...new Set(servers)],
    operationServers: [
      ...new Set(
        Object.values(module.endpoints as OperationTable).flatMap((row) => {
          const server = (row[2] as { server?: unknown } | undefined)?.server;
          const known = (url: string) =>
            servers.some((base) => base.replace(/\/+$/, "") === url.replace(/\/+$/, ""));
          return typeof server === "string" && !known(server) ? [server] : [];
        }),
      ),
    ],
    fetch: (input, init) => {
      const request = input instanceof Request && init === undefined ? input : new Request(input, init);
      // As fetch does: a request whose signal is already aborted is never sent (nor recorded as a call).
      if (request.signal?.aborted) return Promise.reject(request.signal.reason);
      return handle(state, request);
    },
    handle: (request, options) =>
      handle(state, request, options?.baseUrl === undefined ? {} : { baseUrl: options.baseUrl }),
    async listen() {
      // Its own origin: a path with or without the server's path prefix (`/v2`) is answered.
      starting ??= serve((request) => handle(state, request, { local: true }));
      server = await starting;
      return server.url;
    },
    get url(): string {
      if (!server)
        throw new Error(
          `${state.provider} mock: not listening yet; await mock.listen() first, or with useMock(provider, { listen: true }) ` +
            "read mock.url inside a test or a hook: it starts listening in beforeAll, after the file's top level has run " +
            "(a client made at the top level can take fetch: mock.fetch instead)",
        );
      return server.url;
    },
    async close() {
      for (const settle of [...state.pending]) settle(new ConnectionReset());
      const closing = starting;
      starting = undefined;
      server = undefined;
      await (await closing)?.close();
    },
    on: (key, match) => scenario(key, match) as never,
    calls: ((key?: string) => callsOf(key)) as Mock<M>["calls"],
    lastCall(key) {
      const call = callsOf(key).at(-1);
      if (call) return call as never;
      const made = [
        ...new Set(state.calls.map(writtenCall).map((c) => c.operation ?? `${c.method} ${c.url}`)),
      ];
      throw new Error(
        `${state.provider} mock: no call of ${key} was made${made.length ? ` (calls made: ${made.join(", ")})` : " (no calls at all)"}`,
      );
    },
    expectInvalidRequests() {
      state.invalidRequests = "respond";
    },
    verify() {
      if (state.unexpected.length) throw new MockVerificationError(state.provider, [...state.unexpected]);
    },
    pending: () =>
      // Rules are asked newest first; listed in the order the test wrote them.
      [...state.rules]
        .reverse()
        .flatMap((rule) =>
          rule.entries
            .filter((entry) => entry.remaining > 0 && Number.isFinite(entry.remaining))
            .map(
              ({ step, remaining }) =>
                `${rule.label.slice(rule.label.indexOf("on("))}: ${describeStep(step)}, ${remaining} call${remaining === 1 ? "" : "s"} left`,
            ),
        ),
    reset() {
      state.rules = [];
      state.calls = [];
      state.unexpected = [];
      state.invalidRequests = defaultMode;
    },
  };
  // Webhook deliveries (the webhook sender, createWebhookSender) attach here as `mock.webhooks`, so one
  // object covers both directions: it needs `spec`, `provider` and, for a default target, nothing else.
  return mock;
}
