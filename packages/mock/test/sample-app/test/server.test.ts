import { useMock } from "@switchboard/mock/vitest";
import * as telnyx from "@switchboard/telnyx";
import { createTelnyxClient } from "@switchboard/telnyx";
import { expect, it } from "vitest";
import { releaseIp } from "../src/release-ip.js";

// For code that needs a URL rather than a fetch: the same mock, served on 127.0.0.1.
const mock = useMock(telnyx, { listen: true });

it("answers over HTTP, a dropped connection included", async () => {
  const client = createTelnyxClient({ apiKey: "test-key", baseUrl: mock.url, maxRetries: 0 });
  mock.on("deleteIp").resetConnection({ times: 1 });
  expect(await releaseIp(client, "6a09cdc3-8948-47f0-aa62-74ac943d6c58")).toMatchObject({ retryLater: true });
  expect(await releaseIp(client, "6a09cdc3-8948-47f0-aa62-74ac943d6c58")).toMatchObject({ released: true });
});
