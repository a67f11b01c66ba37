import { useMock } from "@switchboard/mock/vitest";
import * as telnyx from "@switchboard/telnyx";
import { createTelnyxClient } from "@switchboard/telnyx";
import { expect, it } from "vitest";
import { releaseIp } from "../src/release-ip.js";

const mock = useMock(telnyx);
const attempts: { attempt: number; status?: number; retryIn?: number }[] = [];
const client = createTelnyxClient({
  apiKey: "test-key",
  fetch: mock.fetch,
  onAttempt: ({ attempt, status, retryIn }) => attempts.push({ attempt, status, retryIn }),
});
const ID = "6a09cdc3-8948-47f0-aa62-74ac943d6c58";

it("releases an IP: the mock answers from the spec with no setup", async () => {
  attempts.length = 0;
  expect(await releaseIp(client, ID)).toEqual({ released: true, address: expect.any(String) });
});

it("retries a 503 twice and succeeds on the third attempt", async () => {
  const unavailable = { status: 503, headers: { "Retry-After": "0" } } as const;
  mock.on("deleteIp").sequence(unavailable, unavailable, 200);
  expect(await releaseIp(client, ID)).toMatchObject({ released: true });
  expect(mock.calls("deleteIp")).toHaveLength(3);
});

it("waits as long as a 429's Retry-After asks, then succeeds", async () => {
  attempts.length = 0;
  mock.on("deleteIp").sequence({ status: 429, headers: { "Retry-After": "1" } }, 200);
  expect(await releaseIp(client, ID)).toMatchObject({ released: true });
  expect(attempts.map((a) => [a.status, a.retryIn])).toEqual([
    [429, 1000],
    [200, undefined],
  ]);
});

it("asks to try later when Telnyx does not answer in time", async () => {
  mock.on("deleteIp").hang();
  const impatient = createTelnyxClient({
    apiKey: "test-key",
    fetch: mock.fetch,
    timeout: 100,
    maxRetries: 1,
  });
  const result = await releaseIp(impatient, ID);
  expect(result).toMatchObject({ released: false, retryLater: true });
  expect(result.released === false && result.reason).toContain("timed out");
  expect(mock.calls("deleteIp")).toHaveLength(2);
});

it("an undocumented 500 is a server error that says so, not the provider's not_found", async () => {
  mock.on("deleteIp").reply(500, { times: 3 });
  const result = await releaseIp(client, ID);
  expect(result).toMatchObject({ released: false, retryLater: true });
  expect(result.released === false && result.reason).toContain(
    "500 is not a status the spec documents for deleteIp",
  );
  const answered = mock.lastCall("deleteIp").response;
  expect(answered && "outsideSpec" in answered && answered.outsideSpec).toMatch(
    /not a status the spec documents/,
  );
});

it("a request Telnyx would refuse is caught, naming the field", async () => {
  // releaseIp rethrows what it does not handle: here the 400 the mock answers for a bad id.
  await expect(releaseIp(client, "not-a-uuid")).rejects.toMatchObject({ kind: "bad_request" });
  expect(mock.lastCall("deleteIp").violations).toEqual([
    { at: "path.id", message: 'must match format "uuid" (got "not-a-uuid")' },
  ]);
  // Without this the test would fail after it ends, with the same message; the test owns up to it instead.
  expect(() => mock.verify()).toThrow(/path\.id: must match format "uuid"/);
  mock.reset();
});

it("reports the address from a custom body", async () => {
  mock.on("deleteIp").replyOnce(200, { body: { data: { id: ID, ip_address: "203.0.113.7", port: 5060 } } });
  expect(await releaseIp(client, ID)).toEqual({ released: true, address: "203.0.113.7" });
  // @ts-expect-error: the 200 body is typed from the spec; port is a number
  expect(() => mock.on("deleteIp").reply(200, { body: { data: { port: "5060" } } })).toThrow(
    /must be integer/,
  );
});

it("sends what Telnyx expects", async () => {
  await releaseIp(client, ID);
  expect(mock.calls("deleteIp")).toHaveLength(1);
  const sent = mock.lastCall("deleteIp");
  expect(sent.input).toEqual({ id: ID });
  expect(sent.url).toBe(`https://api.telnyx.com/v2/ips/${ID}`);
  expect(sent.headers.authorization).toBe("Bearer test-key");
  expect(sent.violations).toEqual([]);
});
