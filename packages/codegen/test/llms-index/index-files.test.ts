/**
 * Reading documentation indexes and pages: llms.txt as Mintlify and Fern publish it, llms-full.txt page
 * boundaries (and every way they can be ambiguous), and what a page is to an index run.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { classifyPage, endpointLine } from "../../src/vendor/index/classify-page.js";
import { splitLlmsFull } from "../../src/vendor/index/llms-full.js";
import { parseLlmsTxt } from "../../src/vendor/index/llms-txt.js";
import { markdownUrl, pageKey } from "../../src/vendor/index/page-url.js";
import { repo } from "../helpers.js";

const FIXTURES = join(import.meta.dirname, "..", "fixtures", "llms-index", "vobiz");
const fixture = (name: string) => readFileSync(join(FIXTURES, name), "utf8");
const SEED = join(repo, "..", "shared", "seeds", "001_e835aef7ab3f319a.txt");
const SYNTHFLOW_SEED = join(repo, "..", "shared", "seeds", "004_5a92bb60447c97b2.txt");

function thrown(run: () => unknown): InputError {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error("expected an InputError");
}

describe("llms.txt", () => {
  it("lists Mintlify's .md links with their titles and sections, in order", () => {
    const index = parseLlmsTxt(fixture("llms.txt"), "llms.txt");
    expect(index.title).toBe("Vobiz");
    expect(index.links.map((l) => [l.section, l.title, l.url, l.line])).toEqual([
      ["Get started", "Introduction", "https://docs.vobiz.ai/introduction.md", 5],
      ["Get started", "Authentication", "https://docs.vobiz.ai/authentication.md", 6],
      ["Get started", "Changelog", "https://docs.vobiz.ai/changelog.md", 7],
      ["Account", "Get account details", "https://docs.vobiz.ai/api-reference/account/get-account.md", 11],
      ["Account", "Get balance", "https://docs.vobiz.ai/api-reference/balance/get-balance.md", 12],
      ["Calls", "List calls", "https://docs.vobiz.ai/api-reference/calls/list-calls.md", 16],
      ["SIP Trunking", "Delete IP ACL", "https://docs.vobiz.ai/api-reference/ip-acl/delete-ip-acl.md", 20],
      ["OpenAPI Specs", "openapi", "https://docs.vobiz.ai/api-reference/openapi.json", 24],
    ]);
  });

  it("reads Fern's breadcrumbed links, relative links against the index URL, and ignores code", () => {
    const text = [
      "# Synthflow",
      "",
      "> Voice AI agents for phone calls.",
      "",
      "## API Docs",
      "",
      "- API Reference > Platform API > Phone Numbers [Delete a phone number](https://docs.synthflow.ai/api-reference/platform-api/phone-numbers/delete-phone-number.mdx): Deletes a phone number",
      "* [Create an agent](/api-reference/agents/create-agent.mdx)",
      "",
      "```md",
      "- [Not a link of the index](https://docs.synthflow.ai/example.md)",
      "```",
      "- [Email us](mailto:support@synthflow.ai)",
    ].join("\n");
    const index = parseLlmsTxt(text, "llms.txt", "https://docs.synthflow.ai/llms.txt");
    expect(index.links.map((l) => [l.title, l.url])).toEqual([
      [
        "Delete a phone number",
        "https://docs.synthflow.ai/api-reference/platform-api/phone-numbers/delete-phone-number.mdx",
      ],
      ["Create an agent", "https://docs.synthflow.ai/api-reference/agents/create-agent.mdx"],
    ]);
  });

  it("reads a list item's link written by reference or as a URL alone, which would otherwise drop its page", () => {
    const text = [
      "# Acme",
      "",
      "## API Reference",
      "",
      "- [Create a call](https://docs.acme.example/calls/create.md): Place a call [beta]",
      "1. [Fetch a call][fetch]",
      "- [Update a call][]",
      "- [Delete a call]",
      "- https://docs.acme.example/calls/list.md",
      "- <https://docs.acme.example/calls/hangup.md>",
      "- [Beta] features are marked, and so is https://docs.acme.example/not-first.md",
      "",
      '[fetch]: https://docs.acme.example/calls/get.md "Fetch a call"',
      "[Update a call]: <https://docs.acme.example/calls/update.md>",
      "[delete  a CALL]: https://docs.acme.example/calls/delete.md",
    ].join("\n");
    expect(parseLlmsTxt(text, "llms.txt").links.map((l) => [l.title, l.url, l.line])).toEqual([
      ["Create a call", "https://docs.acme.example/calls/create.md", 5],
      ["Fetch a call", "https://docs.acme.example/calls/get.md", 6],
      ["Update a call", "https://docs.acme.example/calls/update.md", 7],
      ["Delete a call", "https://docs.acme.example/calls/delete.md", 8],
      ["https://docs.acme.example/calls/list.md", "https://docs.acme.example/calls/list.md", 9],
      ["https://docs.acme.example/calls/hangup.md", "https://docs.acme.example/calls/hangup.md", 10],
    ]);
  });

  it.each([
    [
      "an HTML page",
      "<!DOCTYPE html><html><body>Sign in</body></html>",
      /^x\.txt:1: not an llms\.txt index: it starts with `<!DOCTYPE html>/,
    ],
    [
      "a page without a title",
      "Some notes\n- [a](https://x.example/a.md)\n",
      /it starts with `Some notes`; an index starts with the site's title/,
    ],
    [
      "an index of nothing",
      "# Acme\n\nNothing here yet.\n",
      /^x\.txt:1: not an llms\.txt index: it lists no pages/,
    ],
    ["an empty file", "\n\n", /not an llms\.txt index: it is empty/],
  ])("refuses %s", (_name, text, message) => {
    expect(thrown(() => parseLlmsTxt(text, "x.txt")).message).toMatch(message);
  });
});

describe("llms-full.txt", () => {
  it("splits Mintlify's pages at each title heading with a Source line", () => {
    const full = splitLlmsFull(fixture("llms-full.txt"), "llms-full.txt")!;
    expect(full.pages.map((p) => [p.title, p.url, p.line])).toEqual([
      ["Introduction", "https://docs.vobiz.ai/introduction", 1],
      ["Authentication", "https://docs.vobiz.ai/authentication", 37],
      ["Changelog", "https://docs.vobiz.ai/changelog", 73],
      ["Get account details", "https://docs.vobiz.ai/api-reference/account/get-account", 91],
      ["Get balance", "https://docs.vobiz.ai/api-reference/balance/get-balance", 235],
      ["List calls", "https://docs.vobiz.ai/api-reference/calls/list-calls", 370],
    ]);
    const balance = full.pages[4]!;
    expect(
      balance.text.startsWith(
        "# Get balance\nSource: https://docs.vobiz.ai/api-reference/balance/get-balance\n",
      ),
    ).toBe(true);
    expect(balance.text).toContain("operationId: get-balance");
    expect(balance.text).not.toContain("# List calls");
  });

  it("splits Fern's pages at every title heading, each named by its Reference line", () => {
    const seed = readFileSync(SYNTHFLOW_SEED, "utf8");
    const second = seed
      .replace("# Delete a phone number", "# Get a phone number")
      .replaceAll("delete-phone-number", "get-phone-number")
      .replace("DELETE https://api.synthflow.ai", "GET https://api.synthflow.ai")
      .replace("    delete:\n", "    get:\n");
    const full = splitLlmsFull(`${seed}\n${second}`, "llms-full.txt")!;
    expect(full.pages.map((p) => [p.title, p.url])).toEqual([
      [
        "Delete a phone number",
        "https://docs.synthflow.ai/api-reference/platform-api/phone-numbers/delete-phone-number",
      ],
      [
        "Get a phone number",
        "https://docs.synthflow.ai/api-reference/platform-api/phone-numbers/get-phone-number",
      ],
    ]);
  });

  it("is not an llms-full.txt without page boundaries (an llms.txt, a single page)", () => {
    expect(splitLlmsFull(fixture("llms.txt"), "llms.txt")).toBeUndefined();
    expect(splitLlmsFull(readFileSync(SEED, "utf8"), "page.md")).toBeUndefined();
  });

  it("keeps a quoted page start inside a closed code block in its page", () => {
    const text = [
      "# Publishing for LLMs",
      "Source: https://docs.acme.ai/llms",
      "",
      "Each page of llms-full.txt starts like this:",
      "",
      "```markdown",
      "# Quickstart",
      "Source: https://docs.acme.ai/quickstart",
      "```",
      "",
      "# Quickstart",
      "Source: https://docs.acme.ai/quickstart",
      "",
      "Install the SDK.",
    ].join("\n");
    const full = splitLlmsFull(text, "llms-full.txt")!;
    expect(full.pages.map((p) => [p.title, p.line])).toEqual([
      ["Publishing for LLMs", 1],
      ["Quickstart", 11],
    ]);
  });

  const page = (title: string, slug: string, body: string[]) => [
    `# ${title}`,
    `Source: https://docs.acme.ai/${slug}`,
    "",
    ...body,
    "",
  ];
  const spec = (path: string) => [
    `\`\`\`\`yaml GET ${path}`,
    "openapi: 3.1.0",
    "info: {title: Acme, version: '1'}",
    `paths: {${path}: {get: {responses: {'200': {description: ok}}}}}`,
    "````",
  ];

  it.each([
    [
      "a code block never closed",
      [
        ...page("Get a call", "calls/get", spec("/calls/{id}")),
        ...page("Guide", "guide", ["```bash", "curl https://api.acme.ai"]),
        ...page("List calls", "calls", ["Later."]),
      ],
      [
        /^llms-full\.txt:16: ambiguous page boundaries in this llms-full\.txt, so nothing was vendored: this looks like the start of a page, but it is inside the code block opened at line 13, which is never closed: where does the page before it end\?/,
      ],
    ],
    [
      "a code block closed only by the next page's spec fence",
      [
        ...page("Guide", "guide", ["```bash", "curl https://api.acme.ai"]),
        ...page("Get a call", "calls/get", spec("/calls/{id}")),
      ],
      [
        /^llms-full\.txt:7: .*inside the code block opened at line 4, which only the `````` at line 14 closes/,
      ],
    ],
    [
      "a code block closed only by the next page's own code",
      [
        ...page("Guide", "guide", ["```bash", "curl https://api.acme.ai"]),
        ...page("Get a call", "calls/get", ["```bash", "curl https://api.acme.ai/calls/1", "```"]),
      ],
      [/^llms-full\.txt:7: .*inside the code block opened at line 4, a `bash` block:/],
    ],
    [
      "a page whose Source line is missing (two OpenAPI blocks in one page)",
      [...page("Get a call", "calls/get", spec("/calls/{id}")), "# List calls", "", ...spec("/calls")],
      [
        /^llms-full\.txt:10: ambiguous page boundaries.*heading `# List calls` inside page "Get a call" \(https:\/\/docs\.acme\.ai\/calls\/get\) has no `Source:` line after it/,
        /\n {2}llms-full\.txt:12: page "Get a call" \(https:\/\/docs\.acme\.ai\/calls\/get\) holds 2 OpenAPI blocks \(lines 4, 12\)/,
      ],
    ],
    [
      "a page whose Source line is missing after a guide",
      [...page("Guide", "guide", ["Read this first."]), "# List calls", "", ...spec("/calls")],
      [
        /^llms-full\.txt:6: ambiguous .*heading `# List calls` inside page "Guide" \(https:\/\/docs\.acme\.ai\/guide\) has no `Source:` line after it, yet the OpenAPI block at line 8 follows it/,
      ],
    ],
    [
      "one URL for two different pages",
      [
        ...page("Get a call", "calls/get", spec("/calls/{id}")),
        ...page("Get a call (v2)", "calls/get", spec("/v2/calls/{id}")),
      ],
      [
        /^llms-full\.txt:10: .*a second, different page with the URL https:\/\/docs\.acme\.ai\/calls\/get \(the first starts at line 1\)/,
      ],
    ],
    [
      "an OpenAPI block before the first page",
      ["# Acme docs", "", ...spec("/calls"), "", ...page("Guide", "guide", ["Hello."])],
      [/^llms-full\.txt:3: .*an OpenAPI block before the first page heading belongs to no page/],
    ],
  ])("refuses %s, naming the lines", (_name, lines, messages) => {
    const error = thrown(() => splitLlmsFull(lines.join("\n"), "llms-full.txt"));
    for (const message of messages) expect(error.message).toMatch(message);
  });
});

describe("a page of an index", () => {
  it("is a spec page when it embeds one OpenAPI block", () => {
    const outcome = classifyPage(fixture("api-reference/balance/get-balance.md"), "get-balance.md");
    expect(outcome.kind).toBe("spec");
    expect(outcome.kind === "spec" && outcome.source.title).toBe("Get balance");
  });

  it("is a guide when it has none, even with a YAML example that does not parse", () => {
    expect(classifyPage(fixture("authentication.md"), "authentication.md")).toEqual({ kind: "no-spec" });
    expect(classifyPage(fixture("changelog.md"), "changelog.md")).toEqual({ kind: "no-spec" });
  });

  it("names the endpoint of an operation page that embeds no spec", () => {
    expect(
      endpointLine(
        "# Create a call\nSource: https://docs.acme.ai/calls/create\n\npost /v1/calls\nPlace a call.\n",
      ),
    ).toBe("POST /v1/calls");
    expect(
      endpointLine("# Create a call\n\n```http theme={null}\nPOST https://api.acme.ai/v1/calls\n```\n"),
    ).toBe("POST https://api.acme.ai/v1/calls");
    expect(endpointLine("# Calls\n\nIntro.\n\nMore.\n\nAnd more.\n\nGET /v1/calls\n")).toBeUndefined();
  });

  it("names the operation of a GitBook page, and the document it shows it from", () => {
    const src = "https://petstore3.swagger.io/api/v3/openapi.json";
    const openapi = `# Find a pet\n\n{% openapi src="${src}" path="/pet/{petId}" method="get" %}\n[${src}](${src})\n{% endopenapi %}\n`;
    expect(classifyPage(openapi, "find-pet.md")).toEqual({
      kind: "endpoint-only",
      endpoint: "GET /pet/{petId}",
      document: src,
    });
    const uploaded =
      '# Add a pet\n\n{% openapi-operation spec="petstore" path="/pet" method="post" %}\n{% endopenapi-operation %}\n';
    expect(classifyPage(uploaded, "add-pet.md")).toEqual({ kind: "endpoint-only", endpoint: "POST /pet" });
    const legacy =
      '# Pets\n\n{% swagger method="get" path="/pets" baseUrl="https://api.acme.ai" summary="List" %}\n' +
      '{% swagger-parameter in="query" name="limit" %}\n{% endswagger-parameter %}\n{% endswagger %}\n';
    expect(classifyPage(legacy, "pets.md")).toEqual({ kind: "endpoint-only", endpoint: "GET /pets" });
    // A guide that shows several operations is no operation's page.
    expect(classifyPage(`${openapi}\n${uploaded}`, "guide.md")).toEqual({ kind: "no-spec" });
  });

  it("names the webhook of a webhook page that embeds no spec, and takes no prose for one", () => {
    const source = "Source: https://docs.acme.ai/webhooks/call-completed\n\n";
    expect(endpointLine(`# Call completed\n${source}webhook call.completed\nSent when a call ends.\n`)).toBe(
      "webhook call.completed",
    );
    expect(endpointLine(`# Call completed\n${source}openapi.json webhook call.completed\n`)).toBe(
      "webhook call.completed",
    );
    expect(endpointLine("# Webhooks\n\nConfigure webhook URLs\n\nIn the portal.\n")).toBeUndefined();
    expect(endpointLine("# Webhooks\n\nA webhook is a request Acme sends you.\n")).toBeUndefined();
  });

  it("names the endpoint of a page in Mintlify's older format, whose block is not OpenAPI", () => {
    const page = [
      "# Send a chat message",
      "",
      "> Create a message in a conversation.",
      "",
      "## OpenAPI",
      "",
      "````yaml openapi_chatflow.json post /chat-messages",
      "paths:",
      "  path: /chat-messages",
      "  method: post",
      "````",
    ].join("\n");
    expect(classifyPage(page, "chat.md")).toEqual({ kind: "endpoint-only", endpoint: "POST /chat-messages" });
  });

  it("is a spec page when its block defines webhooks alone; skips a block of schemas alone", () => {
    const page = [
      "# Call completed",
      "",
      "````yaml openapi.json webhook call.completed",
      "openapi: 3.1.0",
      "info: {title: Acme, version: '1'}",
      "webhooks:",
      "  call.completed:",
      "    post:",
      "      responses: {'200': {description: ok}}",
      "````",
    ].join("\n");
    const webhook = classifyPage(page, "call-completed.md");
    expect(webhook.kind === "spec" && webhook.source.spec.webhooks).toEqual(["call.completed"]);
    const schemas = page.replace(
      /webhooks:[\s\S]*?(?=````)/,
      "components:\n  schemas:\n    Call: {type: object}\n",
    );
    expect(schemas).toContain("Call: {type: object}");
    expect(classifyPage(schemas, "call.md")).toEqual({ kind: "schema-only" });
  });

  it("fails on HTML served where Markdown was expected", () => {
    const outcome = classifyPage("<!doctype html><p>Oops</p>", "https://docs.acme.ai/x.md", "text/plain");
    expect(outcome.kind === "failed" && outcome.error.message).toMatch(
      /^https:\/\/docs\.acme\.ai\/x\.md: is an HTML page, not Markdown/,
    );
    const typed = classifyPage("# Fine\n", "https://docs.acme.ai/x.md", "text/html; charset=utf-8");
    expect(typed.kind === "failed" && typed.error.message).toMatch(
      /is an HTML page \(Content-Type: text\/html\)/,
    );
  });

  it("fails on a spec block that does not parse, with its line", () => {
    const broken = fixture("api-reference/balance/get-balance.md").replace(
      "operationId: get-balance",
      "operationId: [get-balance",
    );
    const outcome = classifyPage(broken, "get-balance.md");
    expect(outcome.kind === "failed" && outcome.error.message).toMatch(/^get-balance\.md:\d+:\d+: /);
  });
});

describe("page URLs", () => {
  it("key a page the same with or without its .md suffix", () => {
    expect(pageKey("https://docs.vobiz.ai/api-reference/ip-acl/delete-ip-acl.md")).toBe(
      pageKey("https://docs.vobiz.ai/api-reference/ip-acl/delete-ip-acl#response"),
    );
    expect(pageKey("https://docs.acme.ai/a.mdx")).toBe(pageKey("https://docs.acme.ai/a/"));
    expect(markdownUrl("https://docs.acme.ai/a")).toBe("https://docs.acme.ai/a.md");
    expect(markdownUrl("https://docs.acme.ai/a.md")).toBeUndefined();
  });
});
