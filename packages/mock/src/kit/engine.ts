/**
 * One request through the mock: route it to an operation, read and check it, record it, then answer it
 * as the scenarios say (a reply, late or not, a dropped connection, no answer at all) or as the spec does.
 * Used by `mock.fetch` in process and by the HTTP server alike, so both behave the same.
 */

import { STATUS_CODES } from "node:http";
import { isObj, type Obj } from "../openapi.js";
import { type Answer, answerFor, defaultStatus, documentedResponse, encodeBody, problem } from "./answers.js";
import { checkBody, checkCredentials, checkParameters, formatViolation, type Violation } from "./check.js";
import { type CredentialPlaces, writtenWithoutCredentials } from "./credentials-in-calls.js";
import { readFormBody } from "./forms.js";
import type { Match, Operation, OperationIndex, RouteOptions } from "./operations.js";
import { readParameters } from "./params.js";
import { readRequestBody } from "./request.js";
import { type MatchInput, type Rule, takeStep } from "./scenarios.js";
import type { MockCall, MockResponse } from "./types.js";
import { readXmlBody } from "./xml.js";

export type InvalidRequests = "fail" | "respond" | "ignore";

/** A request the mock drops on purpose; `cause` looks like what Node's fetch reports for a reset. */
export class ConnectionReset extends TypeError {
  constructor() {
    super("fetch failed", {
      cause: Object.assign(new Error("read ECONNRESET (reset by the mock)"), {
        code: "ECONNRESET",
        syscall: "read",
      }),
    });
  }
}

interface MutableCall extends MockCall {
  response: MockResponse | undefined;
}

export interface EngineState {
  readonly provider: string;
  /** Where the provider's requests carry credentials, kept out of a call written out. */
  readonly credentialPlaces: CredentialPlaces;
  readonly spec: Obj;
  readonly index: OperationIndex;
  rules: Rule[];
  calls: MutableCall[];
  /** Invalid requests no test said to expect: `verify()` reports them. */
  unexpected: MockCall[];
  invalidRequests: InvalidRequests;
  /** Settles every wait (delays, hangs) at once when the mock closes. */
  readonly pending: Set<(error: Error) => void>;
}

/** The requests a mock is answering late or not at all (see `wait`). */
const held = new Set<Request>();

/**
 * Resolves after `ms`, rejects when the request's signal aborts or the mock closes. The request itself is
 * held until then, not only its signal: a `Request` hears its caller's abort through an AbortController of
 * its own that only it holds (undici keeps a WeakRef), so once nothing held the request, garbage collection
 * took that controller, the client's timeout no longer reached the signal, and a hang never ended.
 */
function wait(state: EngineState, ms: number | undefined, request: Request): Promise<void> {
  const { signal } = request;
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const done = (error?: unknown) => {
      if (timer !== undefined) clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
      state.pending.delete(onClose);
      held.delete(request);
      if (error === undefined) resolve();
      else reject(error);
    };
    held.add(request);
    const onAbort = () => done(signal.reason);
    const onClose = (error: Error) => done(error);
    const timer = ms === undefined ? undefined : setTimeout(done, ms);
    signal.addEventListener("abort", onAbort);
    state.pending.add(onClose);
  });
}

function headerRecord(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name] = value;
  });
  return out;
}

function toResponse(answer: Answer): Response {
  return new Response(encodeBody(answer) as BodyInit | null, {
    status: answer.status,
    // The reason phrase a server sends, as the mock served on 127.0.0.1 does: a client's message reads the same
    // (`503 server: Service Unavailable`) whether the mock is its fetch or its server.
    statusText: STATUS_CODES[answer.status] ?? "",
    headers: answer.headers,
  });
}

/** The answer to a request that breaks the spec: the documented 401 for missing credentials, else 422/400. */
function rejection(state: EngineState, operation: Operation, violations: Violation[]): Answer {
  const detail = violations.map(formatViolation).join("; ");
  if (violations.every((v) => v.at === "auth") && documentedResponse(operation, 401, state.spec)) {
    return answerFor(state.provider, operation, { status: 401, hasBody: false }, state.spec);
  }
  const status = violations.every((v) => v.at === "auth")
    ? 401
    : !isObj(operation.responses["422"]) && isObj(operation.responses["400"])
      ? 400
      : 422;
  return problem(
    status,
    "Request does not match the spec",
    `${state.provider} mock: ${operation.name} (${operation.route}): ${detail}`,
    {
      violations: violations.map(formatViolation),
    },
  );
}

/** Why a request under none of the provider's base URLs is not answered, with the likely mistake. */
function outsideMessage(provider: string, url: URL, servers: readonly string[]): string {
  const paths = servers.flatMap((server) => {
    try {
      const base = new URL(server);
      const path = base.pathname.replace(/\/+$/, "");
      return base.origin === url.origin && path && !`${url.pathname}/`.startsWith(`${path}/`) ? [path] : [];
    } catch {
      return [];
    }
  });
  const hint = paths.length
    ? `: does the client's baseUrl leave out ${paths[0]}?`
    : " (a proxy's or another host's URL is answered once given to createMock's baseUrls)";
  return `${url.origin}${url.pathname} is under none of the ${provider} spec's base URLs (${[...new Set(servers)].join(", ")})${hint}`;
}

export async function handle(
  state: EngineState,
  request: Request,
  options: RouteOptions = {},
): Promise<Response> {
  const url = new URL(request.url);
  const routed = state.index.route(request.method, url, options);
  // Read once, as it came; a form or XML is read again against its operation's schema once the route is known.
  let body = await readRequestBody(request);
  const headers = headerRecord(request.headers);
  const call: MutableCall = {
    operation: undefined,
    route: undefined,
    method: request.method,
    url: request.url,
    input: {},
    body: body.recorded,
    headers,
    violations: [],
    response: undefined,
  };
  writtenWithoutCredentials(call, state.credentialPlaces);
  state.calls.push(call);
  const answer = (result: Answer): Response => {
    call.response = {
      status: result.status,
      headers: result.headers,
      body: result.body,
      ...(result.outsideSpec ? { outsideSpec: result.outsideSpec } : {}),
    };
    return toResponse(result);
  };

  if (!routed.found) {
    const route = `${request.method} ${url.pathname}`;
    const violation: Violation = routed.outside
      ? { at: "route", message: outsideMessage(state.provider, url, routed.outside) }
      : routed.allowed.length
        ? {
            at: "route",
            message: `${route}: the spec has ${routed.allowed.join(", ")} for this path, not ${request.method}`,
          }
        : { at: "route", message: `no operation of the ${state.provider} spec matches ${route}` };
    Object.assign(call, { violations: [violation] });
    if (state.invalidRequests === "fail") state.unexpected.push(call);
    const status = routed.allowed.length ? 405 : 404;
    return answer(
      problem(status, "No such operation in the spec", `${state.provider} mock: ${violation.message}`),
    );
  }

  const read = ({ operation, pathParams }: Match) => {
    const readBody = readXmlBody(operation, readFormBody(operation, body, state.spec), state.spec);
    const params = readParameters(operation.parameters, pathParams, url, request.headers, state.spec);
    const violations = [
      ...checkCredentials(operation, request, url, state.spec),
      ...checkParameters(operation, params, state.spec),
      ...checkBody(operation, readBody.check, state.spec),
    ];
    return { operation, body: readBody, params, violations };
  };
  // Operations the spec keeps apart on one path by a `#fragment` alone share a route (AWS's
  // `/#X-Amz-Target=…`, told apart by that header; Box's `/files/{id}#add_shared_link`, by a required query):
  // the request is the one's whose parameters and body it fits, the one that requires most where several do.
  const candidates = [routed.found, ...routed.sharing].map(read);
  // Where as many fit, the one on the plain path: Azure's `/{id}#disambiguation_dummy` differs by its body alone.
  const rank = (operation: Operation) =>
    operation.parameters.filter((p) => p.required && (p.in === "query" || p.in === "header")).length * 2 +
    (operation.specPath === operation.path ? 1 : 0);
  // A request valid for none is the one's whose parameters and Content-Type it fits, as Prism routes it, so its
  // violations are about its body (bytes sent where the spec describes an object).
  const best = (among: typeof candidates) => among.sort((a, b) => rank(b.operation) - rank(a.operation))[0];
  const chosen =
    best(candidates.filter((candidate) => candidate.violations.length === 0)) ??
    best(candidates.filter((candidate) => candidate.violations.every((v) => /^body\b/.test(v.at)))) ??
    candidates[0]!;
  const { operation, params, violations } = chosen;
  body = chosen.body;
  const input: Record<string, unknown> = {
    ...params.path,
    ...params.query,
    ...params.header,
    ...params.cookie,
  };
  if (body.recorded !== undefined) input.body = body.recorded;
  Object.assign(call, {
    operation: operation.name,
    route: operation.route,
    body: body.recorded,
    input,
    violations,
  });

  if (violations.length > 0 && state.invalidRequests !== "ignore") {
    if (state.invalidRequests === "fail") state.unexpected.push(call);
    return answer(rejection(state, operation, violations));
  }

  const step = takeStep(state.rules, operation, input as MatchInput);
  if (step?.kind === "hang") {
    call.response = { fault: "hang" };
    await wait(state, undefined, request);
  }
  if (step?.kind === "reset") {
    if (step.delay) await wait(state, step.delay, request);
    call.response = { fault: "reset" };
    throw new ConnectionReset();
  }
  if (step?.kind === "reply" && step.delay) await wait(state, step.delay, request);
  const scripted =
    step?.kind === "reply"
      ? {
          status: step.status ?? defaultStatus(operation),
          hasBody: step.hasBody,
          body: step.body,
          headers: step.headers,
        }
      : { status: defaultStatus(operation), hasBody: false };
  return answer(answerFor(state.provider, operation, scripted, state.spec));
}
