/**
 * `@switchboard/mock/vitest`: a mock for a whole test file (or `describe` block) in one line. After each
 * test it fails the test if a request broke the spec unexpectedly, then forgets the test's scenarios and
 * calls; after the last test it closes. vitest is an optional peer dependency: only this entry imports it.
 */
import { afterAll, afterEach, beforeAll } from "vitest";
import { createMock, type Mock, type MockOptions } from "./kit/mock.js";
import type { ProviderModule } from "./kit/types.js";

export interface UseMockOptions extends MockOptions {
  /** Also serve the mock on 127.0.0.1 (in `beforeAll`), for code that needs `mock.url`. */
  listen?: boolean;
}

/** `const mock = useMock(telnyx)`: created now, verified and reset after each test, closed after all. */
export function useMock<const M extends ProviderModule>(module: M, options: UseMockOptions = {}): Mock<M> {
  const { listen, ...mockOptions } = options;
  const mock = createMock(module, mockOptions);
  if (listen) beforeAll(async () => void (await mock.listen()));
  afterEach(() => {
    try {
      mock.verify();
    } finally {
      mock.reset();
    }
  });
  afterAll(() => mock.close());
  return mock;
}

export type { Mock, MockOptions };
