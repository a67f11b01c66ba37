/**
 * `@switchboard/mock/vitest`: a mock for a whole test file (or `describe` block) in one line. After each
 * test it fails the test if a request broke the spec unexpectedly, then forgets the test's scenarios and
 * calls; after the last test it closes. vitest is an optional peer dependency: only this entry imports it.
 */
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { createMock, type Mock, type MockOptions } from "./kit/mock.js";
import type { ProviderModule } from "./kit/types.js";

export interface UseMockOptions extends MockOptions {
  /** Also serve the mock on 127.0.0.1 (in `beforeAll`), for code that needs `mock.url`. */
  listen?: boolean;
  /**
   * Also fail a test that left scripted steps unused (`mock.pending()`, nock's `isDone()`): a `replyOnce(503)`
   * no call reached means the retry it was written for never happened.
   */
  strict?: boolean;
}

/** `const mock = useMock(telnyx)`: created now, verified and reset after each test, closed after all. */
export function useMock<const M extends ProviderModule>(module: M, options: UseMockOptions = {}): Mock<M> {
  const { listen, strict, ...mockOptions } = options;
  const mock = createMock(module, mockOptions);
  if (listen) beforeAll(async () => void (await mock.listen()));
  beforeEach(({ task }) => beforeTest(mock, task));
  afterEach(() => afterTest(mock, strict === true));
  afterAll(() => mock.close());
  return mock;
}

/**
 * What `useMock` does before each test: refuses one that runs concurrently with others. The mock's scenarios
 * and calls are the file's, so another test's `reply(404)` answered its call and the first test to end reset
 * the other's script: both failed, each saying something untrue ("expected undefined to be 404").
 */
export function beforeTest(
  mock: Pick<Mock<ProviderModule>, "provider">,
  task: { concurrent?: boolean },
): void {
  if (task.concurrent)
    throw new Error(
      `${mock.provider} mock: useMock's mock is the whole file's, and this test runs concurrently ` +
        "(describe.concurrent, it.concurrent or --sequence.concurrent), where another test's scenarios would " +
        "answer its calls: make a mock in the test (`const mock = createMock(provider)`, `mock.close()` at its end)",
    );
}

/**
 * What `useMock` does after each test: fails it for a request that broke the spec unexpectedly and, `strict`,
 * for scripted steps no call used; then forgets the test's scenarios and calls, whether it failed or not.
 */
export function afterTest(
  mock: Pick<Mock<ProviderModule>, "provider" | "verify" | "pending" | "reset">,
  strict: boolean,
): void {
  try {
    mock.verify();
    const pending = strict ? mock.pending() : [];
    if (pending.length)
      throw new Error(
        `${mock.provider} mock: scripted steps no call used (useMock's strict): ${pending.join("; ")}`,
      );
  } finally {
    mock.reset();
  }
}

export type { Mock, MockOptions };
