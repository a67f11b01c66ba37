import { spawn } from "node:child_process";
import { access } from "node:fs/promises";
import { createServer as createHttpServer } from "node:http";
import { createRequire } from "node:module";
import { connect, createServer } from "node:net";
import { basename, dirname, resolve } from "node:path";
import { UNSENDABLE_HEADER } from "./defects.js";
import { FRAMING_HEADERS } from "./kit/answers.js";
import { FETCH_WRITES } from "./kit/params.js";
import { isXmlMediaType, readXml } from "./kit/xml.js";
import { moduleUrl } from "./module-url.js";
import { OUTPUT_TAIL_LINES, OutputLog } from "./output.js";
import { terminate, track } from "./processes.js";
import { MAX_PATTERN_STEPS, STRING_FORMATS } from "./sample.js";

export interface MockServer {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  readonly url: string;
  readonly port: number;
  /** The spec Prism was started from, as an absolute path (or the URL as given). */
  readonly spec: string;
  /**
   * The Prism process id, so callers (and our tests) can check that `stop()` really ended it. A document
   * without operations has no Prism (see `startMock`): its mock runs in this process, whose id this is.
   */
  readonly pid: number;
  /** SIGTERM, then SIGKILL after ~5 s if Prism has not exited. Safe to call more than once. */
  stop(): Promise<void>;
}

export interface StartMockOptions {
  /** Path to an OpenAPI 3.x document (JSON or YAML). */
  spec: string;
  /** A port to bind. Leave it out: a free port is picked at run time, and re-picked if it gets taken. */
  port?: number;
  /** Prism's `--dynamic`: generate bodies from schemas instead of returning documented examples. */
  dynamic?: boolean;
  /**
   * How long Prism may take to print that it is listening. Default 180 s: a hang detector, not a speed
   * limit (Prism starts in about 4 s alone, and a crash is reported at once); on a loaded 2-core machine
   * several Prisms starting together have been seen to need over a minute.
   */
  readyTimeoutMs?: number;
}

/** Prism did not come up; `output` holds the tail of what it printed. */
export class MockStartError extends Error {
  override name = "MockStartError";
  constructor(
    readonly spec: string,
    readonly reason: string,
    /** The last lines Prism printed, its stack traces included. */
    readonly output: string,
  ) {
    // Where Prism says why it stopped (a spec it cannot parse, a `$ref` to nothing: the file and the place),
    // that line is the message, without the stack trace Prism prints after it; else its last lines.
    const fatal = fatalLine(output);
    super(
      `Prism mock for ${spec} did not start: ${reason}` +
        (fatal
          ? `: ${fatal}`
          : output
            ? `\n--- Prism output (last ${OUTPUT_TAIL_LINES} lines) ---\n${output}`
            : ""),
    );
  }
}

/** What Prism's CLI says when it stops on an error (`✖  fatal     <message>`), without its colours. */
function fatalLine(output: string): string | undefined {
  const fatal = /\bfatal\s+(.+)$/m.exec(output)?.[1]?.trim();
  return fatal ? fatal.replace(/:$/, "") : undefined;
}

const HOST = "127.0.0.1";
/**
 * How many objects deep Prism's sampler writes a made-up answer (its own stops at 15; Oxford Dictionaries'
 * entries nest 16 and more). A recursive schema stops where it recurs, and the value's size at the sampler's
 * ticks, so this bounds nothing else.
 */
const PRISM_SAMPLE_DEPTH = 100;
const DEFAULT_READY_TIMEOUT_MS = 180_000;
const PORT_ATTEMPTS = 5;

/**
 * Loaded into the Prism process with `--import` before Prism's own code, to stop it with us and mend
 * twenty-eight of its flaws:
 *
 * 1. Orphan watchdog. Prism never reads stdin, so we give it a pipe: when our end closes (we exited, or were
 *    SIGKILLed and could run no handler at all) Prism exits too. The exit/signal handlers below cover the
 *    normal paths; this covers the one no handler can.
 * 2. Prism 5.14's CLI, while printing example URLs at startup, renames every form-style query parameter of
 *    the loaded operations in place to `encodeURI(name)`. A parameter named `filter[since]` then becomes
 *    `filter%5Bsince%5D`, no real request can supply it, and a required one fails every call with 422.
 *    We hand the printer copies of the parameters, so the operations Prism validates against stay intact.
 *    If a Prism upgrade moves the function, the patch silently does nothing.
 * 3. Prism's server writes a `text/*` body only when it is a string: any other value, even a number or a
 *    boolean, fails the call with a 500 "Cannot serialise complex objects as text". A `text/plain` response
 *    whose schema is `type: number` (sms77's balance, `12.34`) is a number to Prism's generator and validator,
 *    and its text on the wire, so numbers and booleans are written as their text, as the API itself sends
 *    them. JSON and XML under a text/ type (`text/json`, which ASP.NET's Swashbuckle lists for every
 *    response, and `text/xml`) are written as under application/. Other objects and arrays still get
 *    Prism's 500: their text form is the provider's to say. A null, the sampler's value of a schema that says
 *    nothing (`{}`: AWS's query-protocol errors under `text/xml`), is written as no text.
 * 4. Prism's sampler (@stoplight/json-schema-sampler 0.3), which makes up a response value when the spec
 *    gives no example, ignores `pattern` and knows no `byte`, `duration` or `url` format: it writes
 *    `"string"` for all of them, and every such answer breaks the spec's own schema. Twilio types every SID
 *    by pattern (`^AC[0-9a-fA-F]{32}$`), so 139 of the 195 operations of its main API answered that way;
 *    Google's `imageData` is a `byte` (186 of APIs.guru's 2,639 documents use it). A string with a pattern
 *    gets the shortest value the pattern allows that is as long as its `minLength` asks (lgtm's 40-digit ids,
 *    AWS's ARNs of at least 20, padded where the pattern allows more after its match: GameSparks's
 *    `^arn:aws:gamesparks:`), else our sampler's plain string where Prism's own value breaks the pattern
 *    (AWS's tag keys: `format: password`, "pa$$word"), as our own sampler gives it (sample.ts's `fromPattern`,
 *    with randexp, the library json-schema-faker uses for patterns), those formats get our sampler's value,
 *    a string of `maxLength: 0` is empty (Prism's ignores a 0), and every other string is Prism's as before.
 * 5. Prism answers a response documented under `*\/*` as `text/plain`, so an object there (SpringDoc's
 *    default for every response, and swagger2openapi's for Swagger 2.0 without `produces`: 89 of Mandrill's 90)
 *    fails with a 500 "Cannot serialise complex objects as text". An object or array (or an `allOf`, `anyOf`
 *    or `oneOf` with one among its parts) is served as JSON, its one form, unless the response also documents
 *    `text/plain`; a string stays text. And a request that accepts only `application/json` (as SDKs send it)
 *    is served, where Prism found no match and said 406.
 * 6. OpenAPI encodes a form field (`application/x-www-form-urlencoded`, `multipart/form-data`) that has no
 *    `encoding` as style `form`, explode true: an array is its field repeated, so one item is the field once.
 *    Prism applies a style only to fields the spec lists under `encoding`, and reads any other field sent
 *    once as a string, so a request with a one-item array (Circuit's `participants`, the least a sample has)
 *    was refused: "must be array". Array fields without an encoding get that default encoding. And an object
 *    field is read as the runtime writes it: a multipart part as its JSON text (OpenAPI's default content
 *    type for an object part), a urlencoded field with brackets (`filter[status]=open`); Prism read both as
 *    strings ("must be object": Telegram's `media`, 27 of Zoom's fields). Prism's reserved-character check,
 *    which OpenAPI applies to urlencoded fields alone, no longer refuses a multipart part for its commas.
 * 7. Prism's sampler gives up on a value of over 2,500 parts, and Prism answers 500 "Schema too complex"
 *    instead: 1,738 responses of 22 of APIs.guru's documents (Microsoft Graph, DocuSign, the BBC's every
 *    list, Google Sheets, Telegram, bunq), where the schema allows a huge value. Such a response gets its
 *    required properties alone (the sampler's own `skipNonRequired`), which every one of those fits within
 *    the same limit: still a value of the schema, and the error stays where even that is too large.
 * 8. Node's HTTP server closes a keep-alive connection idle for 5 s from a timer. While Prism is busy making
 *    up a large answer, that timer can fire after a request has arrived on the connection, and the call
 *    fails with ECONNRESET (3 of the BBC's 41 cases, different ones each run). Prism's server never closes an
 *    idle connection: the client does, as it does with any server.
 * 9. Prism sends every response header the spec documents, with a made-up value, also those that say how
 *    the response is framed: a `Content-Length` of 0 before a body, a `Transfer-Encoding` beside Node's
 *    own, a `Content-Encoding: gzip` on plain text. The client could not read the response at all
 *    (HPE_UNEXPECTED_CONTENT_LENGTH; 447 responses of 38 of APIs.guru's documents document one: Notion,
 *    VTEX, NOWPayments). Those headers are Node's to write; the API's own headers are sent as before.
 *    And a value no header can carry (an example with line breaks: Velo Payments' `Location`) made Node throw,
 *    and Prism answered 500: it is left out, and listed in `sl-violations` (code `unsendable-header`).
 * 10. Prism's sampler stops at 15 objects deep and writes an empty object there, so a deeper required
 *    property was missing from the answer, which then broke the spec (Oxford Dictionaries' entries nest
 *    deeper). It now writes any depth: recursion and size are bounded without a depth.
 * 11. Prism answers 500 "Cannot find serializer" for a value that is no string under a media type it has no
 *    writer for: 3,144 responses of 65 of APIs.guru's documents, among them Swagger's Java `InputStream`
 *    object or an error object documented under the operation's only type (CallFire's recordings and their
 *    errors, `audio/mpeg`; Apptigent's errors, `image/*`). Such a value is sent as its JSON text, under the
 *    type the spec documents, as the mock kit sends it; and no value at all (a type documented with neither
 *    a schema nor an example: XTRF's `multipart/form-data: {}` downloads) as no text.
 * 12. Of an `allOf` whose value is no object, Prism's sampler keeps the last part's sample alone. A part that
 *    only annotates (`{description}`) samples as a bare "string", 0 or [], so the parts that say what the value
 *    is were lost: 134,470 schemas of 373 of APIs.guru's documents, every property of AWS's (`allOf: [{$ref:
 *    Timestamp}, {description}]` answered "string" where a date-time belongs, `[]` where one item is the
 *    least). Such parts are dropped before the sampler sees the schema; validation is the same without them.
 *    And of an `allOf` of objects, the sampler merges the parts' values over the schema's own, so a base's
 *    "string" overwrote the one value a schema that extends it lists for the same property (Apple SiriKit's
 *    intents narrow the base's `method` to their own); the schema's own properties become its last part.
 * 13. Prism's static answers (the default; its dynamic ones do not) had the spec's `writeOnly` properties,
 *    which its validator then refused wherever `additionalProperties` is false, as it strips them from a
 *    response's schema: ShipEngine's labels carry their `writeOnly` request fields. They are left out.
 * 14. Prism's sampler marks each schema it enters, to stop at recursion, and unmarks it by popping a stack:
 *    sampling an `allOf` (or an `if`/`then`) pushed without a pop, every later pop took the wrong entry, and
 *    a schema the answer holds twice was taken the second time for a recursion, an empty `[]` or `{}`: a
 *    map's second made-up entry (AWS AppConfig's action lists, at least one item each: 20 of its 156 cases),
 *    or a second property of the same `$ref`. The sampler's two calls are mended in its source as it loads.
 * 15. Prism reads every header and path parameter the spec lists, sent or not, and its reader splits an
 *    array's or object's value: one not there threw, and the mock process exited, so every later call failed
 *    with ECONNRESET. An optional array header a request leaves out did it, and so did an array header of a
 *    response (BeezUP's `Cache-Control`: 327 of its first 400 cases failed). A value not there is absent.
 *    A path parameter with a comma (`;id=a,b` of the matrix style, an unencoded `a,b`) reached its reader split
 *    at its commas, which threw on it, as the label and matrix readers do on any value not written in their
 *    style, and the delimited ones on any schema but an array (a `pipeDelimited` object): the process exited
 *    too. A path value is read whole, and a reader that throws gives the value as sent, which the schema checks.
 * 16. An answer to HEAD has no body, but Prism checked it against the content the spec documents for the
 *    status (BeezUP's HEADs document a JSON error for 404) and reported a media type of "" and a body that
 *    is no object. A HEAD answer's check leaves the content out; its headers are checked as before.
 * 17. A content key that is no media type (OpenDataSoft's `xls`) is the Content-Type Prism answers with, and
 *    its check of the answer parsed it and threw: the process exited, and every later call failed with
 *    ECONNRESET (15 of OpenDataSoft's 36 cases). Such a type matches the key it is written as.
 * 18. Where a schema recurs, Prism's sampler cuts it off with an empty `{}`, which lacks the properties the
 *    schema requires: Telnyx's clusters hold their subclusters, and each answer's `subclusters: [{}]` broke
 *    the spec. Its source is mended as in 14: an array's item cut off there is left out where the array may
 *    be shorter, and so is an optional property, and a map's made-up entry (Codat's push options, a map of
 *    options that each hold one); a required property stays, as no finite value fits, and its object counts
 *    as cut off too: an optional property holding it (an employee's employer, which requires its CEO, an
 *    employee) is left out, where the answer had an employer whose CEO was `{}`.
 * 19. A spec may keep operations on one path apart by a `#fragment` of its key alone: AWS's JSON-RPC services
 *    (`/#X-Amz-Target=TransferService.CreateAccess`, 311 of APIs.guru's documents), Box's
 *    `/files/{file_id}#add_shared_link`, Azure's `#overload=stream`. No request carries a fragment, so Prism
 *    matched none of them (404). They are routed by the path without it, each request to the operation whose
 *    required query and header parameters it has (AWS's `X-Amz-Target`) and whose body types include its
 *    Content-Type (Azure's stream overloads), the one that requires most where several fit, then the one
 *    on the plain path (Azure's `/{id}#disambiguation_dummy` differs by its body alone), as the kit routes them.
 *    So are operations on one template apart by a parameter's name alone (VTEX's `PUT /accounts/{accountId}`
 *    and `PUT /accounts/{creditAccountId}`, the second's body required): Prism took the last of them for
 *    every request, and answered a request without a body 422.
 * 20. A status asked for (`Prefer: code=429`) whose response has no body of a type the request accepts was
 *    answered with another status, the operation's lowest success: a test of an audio endpoint's JSON error
 *    got the audio (VTEX's data entities: `Accept: application/vnd.vtex.ds.v10+json`, a JSON 429). It is
 *    answered with the body it has, as servers answer errors whatever the request accepts.
 * 21. A path key may write a query of its own, which the client sends as written (Flickr's
 *    `/rest?method=flickr.photos.getInfo`, ClickSend's `/sms/history?date_from={date_from}`). Prism matched
 *    the whole key against the request's path, so no request reached such an operation (404). It is routed
 *    by the path before the query (and among operations on that path as in 19), each value the key writes a
 *    query parameter it requires, and a path parameter the key writes in its query read from there.
 * 22. An object in the query that says no `explode` is exploded by OpenAPI's form style, its properties names
 *    of their own (AWS SES's `ConfigurationSet`, sent as `Name=…`: the query objects of 29 of APIs.guru's
 *    documents, its Telnyx and Twilio Lookups among them). Prism read it as not exploded, matched its property
 *    names against the query's in lower case, and read one not sent as `{}`: a required one was refused as
 *    missing, and so was an optional one that requires a property when not sent. It is read as OpenAPI writes
 *    it, and told apart by its names where operations share a path (19). An object where a value goes (an
 *    exploded array's item, such an object's property), which OpenAPI leaves undefined, is read as the JSON
 *    text the runtime writes there (AWS's query-protocol `TrafficSources`, refused "must be object" before),
 *    and such an object's array property as its items repeated (SES's `MatchingEventTypes`). A `nullable`
 *    array in the query, which Prism reads as `type: [array, null]`, is read as an array (Sinao's `contacts`:
 *    "must be array,null" before).
 * 23. Prism reads a document by dereferencing it, a $ref with siblings (`description`, `x-…`) merged into a
 *    new object, and then writes each object met again inside itself as a $ref to where it was first met. A
 *    schema that recurs through such a $ref (Stream Chat's `message` → `quoted_message` → `Message`) is first
 *    met as the merged copy, so what is met again is its `properties` map or its `allOf` list, written
 *    `properties: {$ref: …}`: the sampler read it as one property named `$ref` (`quoted_message: {"$ref":
 *    null}`, without its `id`; 25 of Stream Chat's 346 cases), an `allOf` there was a 500, and the validator
 *    did not check such a schema. It becomes a $ref to a whole schema in the operation's bundle. And an
 *    operation that documents no response (OpenAPI 3.1 makes `responses` optional) was answered 500 "No
 *    response defined": it is answered 200 with no body.
 * 24. Prism's validator requires no `writeOnly` property in an answer (no `readOnly` one in a request), but
 *    it dropped them from a schema's own properties and its items' alone: under a map's values (Stream
 *    Chat's call types), a `oneOf`'s options or an array's arrays, an answer without them broke the spec
 *    and a request without them was refused. They are dropped at every depth but under a $ref, `not` and
 *    `if`.
 * 25. Prism bundles each operation's recurring schemas under names taken from where each was first met
 *    (`subnet`, `subnet_2`, …) and its bundler gave up past `_20`: the rest stayed $refs into the document,
 *    and every answer that reached one was a 500 "Invalid reference token: paths" (Azure's load balancers,
 *    whose subnets recur in 40 places). The names go on counting.
 * 26. The headers fetch writes itself where the caller set none (Node's `Accept-Language: *`, `Accept-Encoding:
 *    gzip, deflate`, …) were checked against the spec's header parameter of that name: every call that left
 *    Zalando's optional `Accept-Language` (an enum of its shops) out was refused. Where the parameter is
 *    optional, fetch's own value is read as not sent, as the kit reads it (`FETCH_WRITES`).
 * 27. An empty security requirement (`security: [{}]`) asks for nothing, but Prism met it only by a request
 *    without an Authorization header: a client that sends its credentials to every operation was refused
 *    401 on each of Sinao's open operations. Whatever a request carries meets it.
 * 28. Prism reads a request body it cannot parse as JSON or a form as text, so it checked an XML body, a
 *    string, against its schema of elements and refused every one ("must be object": CloudFront's 331
 *    cases). The XML is read into the value the schema describes, by its XML Objects (kit/xml.ts `readXml`,
 *    whose own text the preload holds), and that is checked; text that is no well-formed XML, or whose root
 *    is not the element the schema names, is refused saying so. A body whose schema is a string is the text.
 * 29. A request body of Swagger 2's `type: file`, as Azure's documents carry it into OpenAPI 3 (`{type: object,
 *    format: file}`: a runbook's text, Face's images), is a file, but Prism checked it as an object and
 *    refused every one ("must be object"). Any body is one.
 * 30. Prism's sampler gave an `allOf` part that says no `type` (Azure's `Resource`: `required` and
 *    `properties` alone) the type of the `allOf`'s own schema, and where that says none, `null`: the part's
 *    properties, required ones too, were missing from the answer (Azure Mobile Engagement's app collections
 *    without their `location`). Such a part is sampled as the type its keywords say. Mended in its source.
 */
function preloadSource(prismBinFile: string): string {
  const randexp = createRequire(moduleUrl()).resolve("randexp");
  const fastXmlParser = createRequire(moduleUrl()).resolve("fast-xml-parser");
  return `
import http from "node:http";
import { createRequire } from "node:module";
const createServer = http.createServer;
// How a response is framed is the server's to say, never the spec's: Node writes Content-Length itself.
const FRAMING = new Set(${JSON.stringify(FRAMING_HEADERS)});
http.createServer = (...args) => {
  const server = createServer(...args);
  server.keepAliveTimeout = 0;
  server.prependListener("request", (request, response) => {
    const setHeader = response.setHeader;
    response.setHeader = function (name, value) {
      if (FRAMING.has(String(name).toLowerCase())) return this;
      // A value no header can carry (a documented example with line breaks: Velo Payments' Location) made Node
      // throw, and Prism answered 500. The header is left out, and the answer says why in its violations.
      try {
        http.validateHeaderValue(name, value);
      } catch {
        try {
          const listed = JSON.parse(String(this.getHeader("sl-violations") || "[]"));
          listed.push({ location: ["response", "headers", String(name).toLowerCase()], severity: "Error", code: "${UNSENDABLE_HEADER}", message: "Response header " + String(name).toLowerCase() + " holds a character no header can carry (a line break, say), so the mock leaves it out" });
          setHeader.call(this, "sl-violations", JSON.stringify(listed));
        } catch {}
        return this;
      }
      return setHeader.call(this, name, value);
    };
  });
  return server;
};
const quit = () => process.exit(0);
process.stdin.on("end", quit);
process.stdin.on("error", quit);
process.stdin.resume();
try {
  // Prism's validator requires no \`writeOnly\` property of an answer (and no \`readOnly\` one of a request), but
  // it drops them only from the schema's own properties and its items' (and its allOf's, merged first): a
  // map's values (Stream Chat's call types), a oneOf's options and an array's arrays still required them, so
  // an answer without them, as servers write it and as our sampler does, broke the spec. They are dropped at
  // every depth but under a $ref (Prism shares what those point at between requests and answers) and \`not\`
  // or \`if\`, where dropping would turn the meaning over. The validator reads these functions when it loads,
  // so this comes before anything loads it.
  const filters = createRequire(${JSON.stringify(prismBinFile)})("@stoplight/prism-http/dist/utils/filterRequiredProperties.js");
  const option = createRequire(${JSON.stringify(prismBinFile)})("fp-ts/Option");
  const ONE = ["additionalProperties", "additionalItems", "items", "unevaluatedProperties", "unevaluatedItems", "then", "else"];
  const MANY = ["allOf", "anyOf", "oneOf", "prefixItems", "items"];
  const NAMED = ["patternProperties", "dependentSchemas"];
  const withoutFlagged = (flag) => {
    const done = new WeakMap();
    const strip = (schema) => {
      if (!schema || typeof schema !== "object" || Array.isArray(schema)) return schema;
      let result = done.get(schema);
      if (result) return result;
      // Marked before its parts are stripped: a schema met again inside itself stays as it is.
      done.set(schema, schema);
      result = { ...schema };
      let changed = false;
      const set = (key, value) => {
        if (value === result[key]) return;
        result[key] = value;
        changed = true;
      };
      if (schema.properties && typeof schema.properties === "object") {
        const flagged = Object.keys(schema.properties).filter((name) => schema.properties[name] && schema.properties[name][flag] === true);
        const kept = {};
        for (const [name, value] of Object.entries(schema.properties)) if (!flagged.includes(name)) kept[name] = strip(value);
        if (flagged.length > 0 || Object.keys(kept).some((name) => kept[name] !== schema.properties[name])) set("properties", kept);
        if (flagged.length > 0 && Array.isArray(schema.required)) set("required", schema.required.filter((name) => !flagged.includes(name)));
      }
      for (const key of ONE) if (schema[key] && typeof schema[key] === "object" && !Array.isArray(schema[key])) set(key, strip(schema[key]));
      for (const key of MANY)
        if (Array.isArray(schema[key])) {
          const parts = schema[key].map(strip);
          if (parts.some((part, i) => part !== schema[key][i])) set(key, parts);
        }
      for (const key of NAMED)
        if (schema[key] && typeof schema[key] === "object") {
          const entries = Object.entries(schema[key]).map(([name, value]) => [name, strip(value)]);
          if (entries.some(([name, value]) => value !== schema[key][name])) set(key, Object.fromEntries(entries));
        }
      result = changed ? result : schema;
      done.set(schema, result);
      return result;
    };
    // As Prism's: none where the whole schema is flagged (nothing of it is checked).
    return (schema) => (schema && schema[flag] === true ? option.none : option.some(strip(schema)));
  };
  filters.stripWriteOnlyProperties = withoutFlagged("writeOnly");
  filters.stripReadOnlyProperties = withoutFlagged("readOnly");
} catch {}
try {
  // The sampler marks each schema it enters as seen, to stop at recursion, and unmarks it on the way out by
  // popping its stack. Sampling an allOf pushes the allOf's own schema with no pop (it passes no context),
  // and so does a schema's if/then: every later pop takes the wrong entry, and a schema the answer holds
  // twice (a map's two made-up entries, two properties of one $ref) is sampled as a recursion the second
  // time, an empty [] or {}. Its two calls are mended in its own source before Prism (or any patch
  // below) loads it.
  const samplerFile = createRequire(${JSON.stringify(prismBinFile)}).resolve("@stoplight/json-schema-sampler");
  const requireSampler = createRequire(samplerFile);
  const source = requireSampler("node:fs").readFileSync(samplerFile, "utf8");
  // Each group of lines is mended only where every one of its flawed lines is found once, as written: an
  // upgrade that moves one leaves that part of the sampler as it is.
  const MENDS = [
    [
      ["(0, _traverse2.traverse)(into, options, doc);", "(0, _traverse2.traverse)(into, options, doc, context);"],
      [
        "return traverse((0, _utils.mergeDeep)(schema.if, schema.then), options, doc, context);",
        "(0, _utils.popSchemaStack)(seenSchemasStack, context); return traverse((0, _utils.mergeDeep)(schema.if, schema.then), options, doc, context);",
      ],
    ],
    // Where a schema recurs, the sampler cuts it off with an empty {} or [], which lacks what the schema
    // requires (Telnyx's clusters hold their subclusters). The cut is marked, and an array's item or an
    // optional property that is one is left out; so is an optional array that must hold a cut item
    // (Oxford's subsenses, at least one sense), and an optional object that requires one (an employee's
    // employer, which requires its CEO, an employee). A required one stays, and marks its object as cut.
    [
      [
        "value: type === 'object' ? {} : type === 'array' ? [] : undefined",
        "circular: true, value: type === 'object' ? {} : type === 'array' ? [] : undefined",
      ],
      [
        "        sample = _traverse.value;\\n\\n    res.push(sample);",
        "        sample = _traverse.value;\\n\\n    if (_traverse.circular || (sample && sample[Symbol.for('switchboard.cut-at-recursion')])) { if (i >= (schema.minItems || 0)) break; res[Symbol.for('switchboard.cut-at-recursion')] = true; }\\n    res.push(sample);",
      ],
      [
        "      res[propertyName] = sample.value;",
        "      var cut = sample.circular || (sample.value && sample.value[Symbol.for('switchboard.cut-at-recursion')]);\\n      if (cut && !requiredKeyDict.hasOwnProperty(propertyName)) return;\\n      if (cut) res[Symbol.for('switchboard.cut-at-recursion')] = true;\\n      res[propertyName] = sample.value;",
      ],
      // And a map's made-up entry that is one (Codat's push options, a map of options that hold a map of
      // options): a map may have none.
      [
        "    res.property1 = (0, _traverse.traverse)(schema.additionalProperties, options, doc, {\\n      depth: depth + 1\\n    }).value;\\n    res.property2 = (0, _traverse.traverse)(schema.additionalProperties, options, doc, {\\n      depth: depth + 1\\n    }).value;",
        "    ['property1', 'property2'].forEach(function (name) { var entry = (0, _traverse.traverse)(schema.additionalProperties, options, doc, { depth: depth + 1 }); if (entry.circular || (entry.value && entry.value[Symbol.for('switchboard.cut-at-recursion')])) return; res[name] = entry.value; });",
      ],
    ],
    // An allOf part without a \`type\` (Azure's \`Resource\`: \`required\` and \`properties\` alone) was sampled as
    // the type of the allOf's own schema, and where that schema says none (no \`type\`, no \`properties\`), as
    // \`null\`: the part's properties, required ones too, were not in the answer (Azure Mobile Engagement's
    // app collections had no \`location\`). A part takes that type only where there is one; else its own.
    [
      [
        "(0, _traverse2.traverse)(_objectSpread({\\n        type: res.type\\n      }, subSchema), options, doc, context)",
        "(0, _traverse2.traverse)(_objectSpread(res.type ? {\\n        type: res.type\\n      } : {}, subSchema), options, doc, context)",
      ],
    ],
  ].filter((group) => group.every(([flawed]) => source.split(flawed).length === 2));
  if (!(samplerFile in requireSampler.cache) && MENDS.length > 0) {
    const Module = requireSampler("node:module");
    const mended = new Module(samplerFile);
    mended.filename = samplerFile;
    mended.paths = Module._nodeModulePaths(requireSampler("node:path").dirname(samplerFile));
    mended._compile(MENDS.flat().reduce((text, [flawed, fixed]) => text.replace(flawed, fixed), source), samplerFile);
    mended.loaded = true;
    requireSampler.cache[samplerFile] = mended;
  }
} catch {}
try {
  const paths = createRequire(${JSON.stringify(prismBinFile)})("./util/paths.js");
  const original = paths.createExamplePath;
  if (typeof original === "function") {
    paths.createExamplePath = (operation, ...rest) =>
      original(
        {
          ...operation,
          request: operation.request && {
            ...operation.request,
            query: operation.request.query && operation.request.query.map((parameter) => ({ ...parameter })),
          },
        },
        ...rest,
      );
  }
} catch {}
try {
  // Prism bundles each operation's recurring schemas under names taken from where each was first met
  // (\`subnet\`, \`subnet_2\`, …), and its bundler gives up past \`_20\`: the recurrences it cannot name stay $refs
  // into the document Prism no longer holds, and every answer that reaches one is a 500 "Invalid reference
  // token: paths" (Azure's load balancers, where subnets recur in 40 places). The names go on counting.
  const loader = createRequire(${JSON.stringify(prismBinFile)}).resolve("@stoplight/prism-http/dist/utils/operations.js");
  const json = createRequire(loader)("@stoplight/json");
  const bundleTarget = json.bundleTarget;
  if (typeof bundleTarget === "function")
    json.bundleTarget = (options, ...rest) => {
      if (!options || options.keyProvider) return bundleTarget(options, ...rest);
      const counts = new Map();
      // The bundler's own name (the pointer's last token, or the list's key and the index), then \`_2\`, \`_3\`, …
      const keyProvider = ({ document, path }) => {
        if (path.length === 0) return "root";
        let parent = document;
        for (const token of path.slice(0, -1)) parent = parent == null ? undefined : parent[token];
        const last = String(path[path.length - 1]);
        const base = Array.isArray(parent) ? path[path.length - 2] + "_" + last : last;
        const count = (counts.get(base) || 0) + 1;
        counts.set(base, count);
        return count === 1 ? base : base + "_" + count;
      };
      return bundleTarget({ ...options, keyProvider }, ...rest);
    };
} catch {}
try {
  // Prism reads a document by dereferencing it, merging a $ref's siblings (\`description\`, \`x-…\`) into a
  // new object, and then replacing each object met again inside itself by a $ref to where it was first met.
  // A schema that recurs through a $ref with siblings (Stream Chat's \`message\` → \`quoted_message\` →
  // \`Message\`) is first met as the merged copy, so the object met again is its \`properties\` map (or its
  // \`allOf\` list): \`properties: {$ref: "#/__bundled__/properties"}\`, which its sampler read as a property
  // named \`$ref\` (\`quoted_message: {"$ref": null}\`, without the \`id\` it requires) and its validator could
  // not compile (so did not check). Each such schema becomes a $ref to a whole schema of its own in the
  // operation's bundle, whose keyword holds the map or list it pointed at.
  const operations = createRequire(${JSON.stringify(prismBinFile)})("@stoplight/prism-http/dist/utils/operations.js");
  const load = operations.getHttpOperationsFromSpec;
  // Keywords whose value is a map of names to schemas, or a list of schemas (\`items\` may be a schema too).
  const MAPS = new Set(["properties", "patternProperties", "definitions", "$defs", "dependentSchemas", "dependencies"]);
  const LISTS = new Set(["allOf", "anyOf", "oneOf", "prefixItems", "items"]);
  // Keys whose values are data (examples, defaults, extensions), not schemas.
  const DATA = new Set(["example", "examples", "default", "enum", "const", "extensions", "__bundled__"]);
  const ROOT = "#/__bundled__/";
  const rejoin = (operation) => {
    const bundle = operation.__bundled__;
    if (!bundle || typeof bundle !== "object") return operation;
    // What a lone $ref into the bundle points at (Prism writes its names plain).
    const pointed = (value) => {
      if (!value || typeof value !== "object" || Array.isArray(value) || Object.keys(value).length !== 1) return undefined;
      const ref = value.$ref;
      if (typeof ref !== "string" || !ref.startsWith(ROOT)) return undefined;
      const name = ref.slice(ROOT.length);
      return /[/~%]/.test(name) || !Object.hasOwn(bundle, name) ? undefined : bundle[name];
    };
    // The schemas with a map's or list's keyword that holds a lone $ref to a map or list, and those keywords:
    // such a keyword can hold no schema (a property named \`$ref\` would be a string), and a list is none.
    const found = [];
    const seen = new WeakSet();
    // From the operation down through its schemas and the bundle's entries they point at, a map's values
    // read as schemas, never its names as keywords (Codat's options have a property named \`properties\`).
    const walk = (node, names) => {
      if (!node || typeof node !== "object" || seen.has(node)) return;
      seen.add(node);
      if (Array.isArray(node) || names) {
        for (const value of Object.values(node)) walk(value, false);
        return;
      }
      const misplaced = [];
      for (const [key, value] of Object.entries(node)) {
        if (DATA.has(key)) continue;
        const target = pointed(value);
        if (target === undefined) walk(value, MAPS.has(key));
        else if (MAPS.has(key) ? !Array.isArray(target) && typeof target === "object" : LISTS.has(key) && Array.isArray(target)) {
          misplaced.push(key);
          walk(target, MAPS.has(key));
        } else walk(target, false);
      }
      if (misplaced.length > 0) found.push([node, misplaced]);
    };
    walk(operation, false);
    let count = 0;
    for (const [node, keys] of found) {
      let name;
      do name = "switchboard-rejoined-" + ++count;
      while (Object.hasOwn(bundle, name));
      const whole = { ...node };
      for (const key of keys) whole[key] = pointed(node[key]);
      for (const key of Object.keys(node)) delete node[key];
      node.$ref = ROOT + name;
      bundle[name] = whole;
    }
    return operation;
  };
  // An operation that documents no response (OpenAPI 3.1 makes \`responses\` optional: readme's examples) was
  // answered 500 "No response defined". It is answered 200 with no body: a success the document says nothing of.
  const answered = (operation) => {
    if (Array.isArray(operation.responses) && operation.responses.length === 0)
      operation.responses = [{ id: "switchboard-undocumented", code: "200", headers: [], contents: [] }];
    return operation;
  };
  if (typeof load === "function")
    operations.getHttpOperationsFromSpec = async (...args) => (await load(...args)).map(rejoin).map(answered);
} catch {}
try {
  const serialization = createRequire(${JSON.stringify(prismBinFile)})("@stoplight/prism-http-server/dist/serialize.js");
  const serialize = serialization.serialize;
  if (typeof serialize === "function") {
    serialization.serialize = (payload, contentType, ...rest) => {
      const type = String(contentType ?? "");
      if (/^\\s*text\\//i.test(type) && (typeof payload === "number" || typeof payload === "boolean")) return String(payload);
      // The sampler's value of a schema that says nothing (\`{}\`: AWS's query-protocol errors under \`text/xml\`)
      // is null, whose text is none.
      if (/^\\s*text\\//i.test(type) && payload === null) return "";
      // JSON and XML under text/ are what they are under application/: Prism writes those as JSON and XML.
      if (payload !== null && typeof payload === "object") {
        if (/^\\s*text\\/([\\w.-]+\\+)?json\\s*(;|$)/i.test(type)) return JSON.stringify(payload);
        if (/^\\s*text\\/([\\w.-]+\\+)?xml\\s*(;|$)/i.test(type)) return serialize(payload, "application/xml", ...rest);
      }
      try {
        return serialize(payload, contentType, ...rest);
      } catch (error) {
        // No serializer for the type (audio/mpeg, image/*, application/octet-stream) and a value that is no
        // string: its JSON text, as the kit sends it; and no value (neither a schema nor an example: XTRF's
        // \`multipart/form-data: {}\` downloads) is no text, as under a type it has a writer for.
        if (!/^Cannot find serializer/.test(String(error && error.message))) throw error;
        return payload === undefined ? undefined : JSON.stringify(payload);
      }
    };
  }
} catch {}
try {
  const sampler = createRequire(${JSON.stringify(prismBinFile)})("@stoplight/json-schema-sampler");
  const sampleString = sampler._samplers && sampler._samplers.string;
  const RandExp = createRequire(${JSON.stringify(randexp)})(${JSON.stringify(randexp)});
  const formats = ${JSON.stringify(PRISM_UNKNOWN_FORMATS)};
  // As ajv checks a pattern; false for one it cannot compile.
  const matches = (pattern, value) => {
    try {
      return new RegExp(pattern, "u").test(value);
    } catch {
      return false;
    }
  };
  // sample.ts's fromPattern: every choice at its minimum, then one step further at a time until the value is
  // as long as \`minLength\` asks, then padded where the pattern allows more after its match, and only a
  // value that really matches and fits.
  const fromPattern = (schema) => {
    const minLength = typeof schema.minLength === "number" ? schema.minLength : 0;
    const fits = (value) => matches(schema.pattern, value) && !([...value].length > schema.maxLength);
    try {
      const generator = new RandExp(schema.pattern);
      let longest = "";
      for (let step = 0; step <= Math.min(minLength, ${MAX_PATTERN_STEPS}); step++) {
        generator.randInt = (from, to) => from + Math.min(to - from, step);
        const value = generator.gen();
        const length = [...value].length;
        if (length >= minLength) return fits(value) ? value : undefined;
        if (length > [...longest].length) longest = value;
      }
      const padded = longest + "x".repeat(minLength - [...longest].length);
      if (fits(padded)) return padded;
    } catch {}
  };
  // A date-time or time of a set length (Telstra's 24 characters, milliseconds and "Z"; UniCourt's 25, an
  // offset) came back as the sampler's "2019-08-24T14:15:22Z" whatever the length, and broke its schema. The
  // same instant is written with as many digits of its second, and its zone as "Z" or "+00:00", as the
  // length asks; a length no such form has keeps the sampler's value.
  const STAMP = /^(\\d{4}-\\d\\d-\\d\\dT)?(\\d\\d:\\d\\d:\\d\\d)(\\.\\d+)?(Z|[+-]\\d\\d:\\d\\d)$/i;
  const ofLength = (schema, value) => {
    if (!schema || (schema.format !== "date-time" && schema.format !== "time") || typeof value !== "string") return value;
    const min = typeof schema.minLength === "number" ? schema.minLength : 0;
    const max = typeof schema.maxLength === "number" ? schema.maxLength : Number.POSITIVE_INFINITY;
    const fits = (text) => text.length >= min && text.length <= max;
    const parts = STAMP.exec(value);
    if (fits(value) || !parts) return value;
    for (const zone of ["Z", "+00:00"])
      for (let digits = 0; digits <= 9; digits++) {
        const stamp = \`\${parts[1] || ""}\${parts[2]}\${digits > 0 ? \`.\${"123456789".slice(0, digits)}\` : ""}\${zone}\`;
        if (fits(stamp)) return stamp;
      }
    return value;
  };
  if (typeof sampleString === "function" && typeof sampler._registerSampler === "function") {
    sampler._registerSampler("string", (schema, ...rest) => {
      // Its default string honours \`maxLength\` only when it is not 0 (\`if (max && …)\`): the schema of an
      // empty body (ShipEngine's \`empty_response_body\`, \`maxLength: 0\`) got "string".
      if (schema && schema.maxLength === 0) return "";
      const patterned = schema && typeof schema.pattern === "string";
      // Prism gives every byte string a pattern of its own (any run of letters, digits, +, / and =), which
      // the empty string would meet: the format's value comes first where it meets the pattern.
      const known = schema && Object.hasOwn(formats, schema.format) ? formats[schema.format] : undefined;
      if (known !== undefined && (!patterned || matches(schema.pattern, known))) return known;
      const value = patterned ? fromPattern(schema) : undefined;
      if (value !== undefined) return value;
      const own = ofLength(schema, sampleString(schema, ...rest));
      if (!patterned || matches(schema.pattern, own)) return own;
      // A pattern randexp cannot write (AWS's tag keys, of Unicode property classes) beside a format Prism
      // writes a value of its own for (\`password\`: "pa$$word", which breaks it): our sampler's plain string,
      // where it fits.
      const plain = "string".padEnd(schema.minLength || 0, "x").slice(0, schema.maxLength);
      return matches(schema.pattern, plain) ? plain : own;
    });
  }
} catch {}
try {
  const negotiator = createRequire(${JSON.stringify(prismBinFile)})("@stoplight/prism-http/dist/mocker/negotiator/NegotiatorHelpers.js").default;
  const negotiate = negotiator && negotiator.negotiateOptionsBySpecificResponse;
  // A body whose JSON form is the only one it has: an object or array example, or a schema of either.
  // Prism's schemas are dereferenced here: an \`allOf\` of object parts (GoDaddy's ErrorLimit) is an object too.
  const structuredSchema = (schema, depth) => {
    if (!schema || typeof schema !== "object" || depth > 8) return false;
    const types = [].concat(schema.type || []);
    if (types.includes("object") || types.includes("array") || schema.properties || schema.items) return true;
    return ["allOf", "anyOf", "oneOf"].some(
      (key) => Array.isArray(schema[key]) && schema[key].some((part) => structuredSchema(part, depth + 1)),
    );
  };
  const structured = (result) => {
    const value = result.bodyExample && result.bodyExample.value;
    if (value !== undefined) return typeof value === "object" && value !== null;
    return structuredSchema(result.schema, 0);
  };
  // And \`*/*\` is any type: a request that accepts only \`application/json\` (as SDKs send) gets it, not a 406.
  const internal = createRequire(${JSON.stringify(prismBinFile)})("@stoplight/prism-http/dist/mocker/negotiator/InternalHelpers.js");
  const option = createRequire(${JSON.stringify(prismBinFile)})("fp-ts/Option");
  const findBest = internal.findBestHttpContentByMediaType;
  if (typeof findBest === "function" && typeof option.some === "function") {
    internal.findBestHttpContentByMediaType = (contents, ...rest) => {
      const found = findBest(contents, ...rest);
      const any = option.isNone(found) && contents.find((content) => content.mediaType === "*/*");
      return any ? option.some(any) : found;
    };
  }
  // A status asked for (\`Prefer: code=429\`) whose response has no body of a type the request accepts is
  // answered with the body it has, as servers answer errors whatever the Accept (an audio endpoint's JSON
  // error; VTEX's \`Accept: application/vnd.vtex.ds.v10+json\` and its JSON 429): Prism answered another
  // status instead, its lowest success, so a test of the error got a success.
  const bySpecificCode = negotiator && negotiator.negotiateOptionsBySpecificCode;
  if (typeof bySpecificCode === "function")
    negotiator.negotiateOptionsBySpecificCode = (operation, desired, code, ...rest) => {
      const negotiated = bySpecificCode(operation, desired, code, ...rest);
      return (logger) => {
        const either = negotiated(logger);
        if (!desired || !desired.mediaTypes || (either && either._tag === "Right" && String(either.right.code) === String(code)))
          return either;
        const anyType = bySpecificCode(operation, { ...desired, mediaTypes: undefined }, code, ...rest)(logger);
        return anyType && anyType._tag === "Right" && String(anyType.right.code) === String(code) ? anyType : either;
      };
    };
  if (typeof negotiate === "function") {
    negotiator.negotiateOptionsBySpecificResponse = (method, desired, response, ...rest) => {
      const negotiated = negotiate(method, desired, response, ...rest);
      return (logger) => {
        const either = negotiated(logger);
        const contents = (response && response.contents) || [];
        const wildcard = contents.some((content) => content.mediaType === "*/*");
        const text = contents.some((content) => String(content.mediaType).toLowerCase().startsWith("text/plain"));
        if (either && either._tag === "Right" && either.right.mediaType === "text/plain" && wildcard && !text && structured(either.right))
          return { ...either, right: { ...either.right, mediaType: "application/json" } };
        return either;
      };
    };
  }
} catch {}
try {
  // The module Prism's mocker calls \`generateStatic\` through, at call time, and the sampler it calls.
  const generatorFile = createRequire(${JSON.stringify(prismBinFile)}).resolve("@stoplight/prism-http/dist/mocker/generator/JSONSchema.js");
  const generator = createRequire(generatorFile)(generatorFile);
  const sampler = createRequire(generatorFile)("@stoplight/json-schema-sampler");
  const either = createRequire(generatorFile)("fp-ts/Either");
  // Past its maxSampleDepth the sampler writes an empty object, required properties and all left out. A
  // recursive schema stops where it recurs, and the size where ticks run out, whatever the depth. Prism
  // samples only answers this way (a callback's request is json-schema-faker's), so writeOnly goes.
  const sample = sampler.sample;
  // Of an allOf that is no object, the sampler keeps the value of the last part alone, and a part that only
  // annotates (AWS writes every property as \`allOf: [{$ref}, {description}]\`) is sampled as a bare
  // "string", 0 or []: the parts that say what the value is are lost. Such parts go, before the first sample
  // of a schema; any readOnly or writeOnly among them is kept on the schema, where it means the same.
  const ANNOTATIONS = new Set(["title", "description", "deprecated", "readOnly", "writeOnly", "$comment", "externalDocs", "xml"]);
  const annotatesOnly = (part) =>
    part !== null && typeof part === "object" && !Array.isArray(part) &&
    Object.keys(part).every((key) => ANNOTATIONS.has(key) || key.startsWith("x-"));
  // Keys whose values are data (examples, defaults), not schemas; under these, keys are names.
  const VALUES = new Set(["example", "examples", "default", "enum", "const"]);
  const NAMES = new Set(["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"]);
  const isRecord = (value) => value !== null && typeof value === "object" && !Array.isArray(value);
  // As ajv reads a patternProperties key; false for one it cannot compile.
  const matchesName = (source, name) => {
    try {
      return new RegExp(source, "u").test(name);
    } catch {
      return false;
    }
  };
  const mended = new WeakSet();
  const mendAllOfs = (root, doc) => {
    const stack = [[root, false]];
    while (stack.length > 0) {
      const [node, names] = stack.pop();
      if (node === null || typeof node !== "object" || mended.has(node)) continue;
      mended.add(node);
      if (!names && typeof node.$ref === "string" && node.$ref.startsWith("#") && doc) {
        let target = doc;
        for (const token of decodeURIComponent(node.$ref.slice(1)).split("/").slice(1))
          target = target == null ? undefined : target[token.replace(/~1/g, "/").replace(/~0/g, "~")];
        stack.push([target, false]);
      }
      if (!names && Array.isArray(node.allOf) && node.allOf.some(annotatesOnly)) {
        for (const part of node.allOf.filter(annotatesOnly))
          for (const flag of ["readOnly", "writeOnly"]) if (part[flag] === true) node[flag] = true;
        node.allOf = node.allOf.filter((part) => !annotatesOnly(part));
        if (node.allOf.length === 0) delete node.allOf;
      }
      // An object's own properties beside a oneOf or anyOf of its variants (Wealth Reader's entity, which
      // requires \`success\` and is one of four kinds) were lost: the sampler writes the variant alone. They
      // become a part of an allOf beside the variants, which means the same, and whose values it merges.
      const combinator = ["oneOf", "anyOf"].find((key) => Array.isArray(node[key]));
      if (!names && combinator && (isRecord(node.properties) || Array.isArray(node.required))) {
        const own = {};
        for (const key of ["properties", "required", "additionalProperties", "patternProperties", "minProperties", "maxProperties"])
          if (key in node) {
            own[key] = node[key];
            delete node[key];
          }
        const variants = { [combinator]: node[combinator] };
        delete node[combinator];
        node.allOf = [...(Array.isArray(node.allOf) ? node.allOf : []), own, variants];
      }
      // Of an allOf of objects, the sampler merges the parts' values over the schema's own: a base's "string"
      // overwrote the one value a schema that extends it lists for the same property (Apple SiriKit's
      // \`method\`). The schema's own properties become its last part, which merges last: the same schema.
      if (!names && Array.isArray(node.allOf) && node.properties !== null && typeof node.properties === "object") {
        const own = { type: "object" };
        for (const key of ["properties", "required", "additionalProperties", "patternProperties", "minProperties", "maxProperties"])
          if (key in node) {
            own[key] = node[key];
            delete node[key];
          }
        node.allOf = [...node.allOf, own];
      }
      // A property an object requires and does not declare where it says any property may be there
      // (\`additionalProperties\` true or a schema, or a pattern the name matches: Britbox's Account requires
      // \`email\` beside \`additionalProperties: true\`) was left out: the sampler writes declared ones alone. It
      // is declared as the object lets it be: by the pattern it matches, else the additional properties'
      // schema, else any value. (Left where nothing says so: there it is the spec's typo, which defects.ts
      // reports.) Not beside an allOf or such, whose parts may declare it, and whose values would merge over.
      const open = node.additionalProperties === true || isRecord(node.additionalProperties) || isRecord(node.patternProperties);
      if (!names && Array.isArray(node.required) && open && !["allOf", "anyOf", "oneOf"].some((key) => key in node)) {
        const properties = isRecord(node.properties) ? node.properties : {};
        for (const name of node.required) {
          if (typeof name !== "string" || Object.hasOwn(properties, name)) continue;
          const pattern = Object.entries(isRecord(node.patternProperties) ? node.patternProperties : {}).find(([source]) => matchesName(source, name));
          if (pattern) properties[name] = pattern[1];
          else if (node.additionalProperties !== false) properties[name] = isRecord(node.additionalProperties) ? node.additionalProperties : {};
        }
        if (Object.keys(properties).length > 0) node.properties = properties;
      }
      // An object that must hold more properties than the sampler writes (each declared one, and two of a
      // map's entries) came back short: APIs.guru's \`externalDocs\`, \`{type: object, minProperties: 1}\`, as {}.
      // The missing ones are declared, optional, as the map's own entries (any value where it says none), named
      // as the sampler names them; a value may hold them whatever it is, so the schema accepts the same values.
      if (!names && typeof node.minProperties === "number" && node.additionalProperties !== false) {
        const properties = node.properties !== null && typeof node.properties === "object" ? node.properties : {};
        const entries = node.additionalProperties !== null && typeof node.additionalProperties === "object";
        let count = Object.keys(properties).length + (entries ? 2 : 0);
        for (let n = entries ? 3 : 1; count < node.minProperties; n++)
          if (!(\`property\${n}\` in properties)) {
            properties[\`property\${n}\`] = entries ? node.additionalProperties : {};
            count++;
          }
        if (Object.keys(properties).length > 0) node.properties = properties;
      }
      for (const [key, value] of Object.entries(node))
        if (names || !VALUES.has(key)) stack.push([value, !names && NAMES.has(key)]);
    }
  };
  if (typeof sample === "function")
    sampler.sample = (schema, options, doc, ...rest) => {
      mendAllOfs(schema, doc);
      return sample(schema, { maxSampleDepth: ${PRISM_SAMPLE_DEPTH}, skipWriteOnly: true, ...options }, doc, ...rest);
    };
  const generateStatic = generator.generateStatic;
  if (typeof generateStatic === "function" && typeof generator.SchemaTooComplexGeneratorError === "function")
    generator.generateStatic = (operation, source, ...rest) => {
      const generated = generateStatic(operation, source, ...rest);
      if (!either.isLeft(generated) || !(generated.left instanceof generator.SchemaTooComplexGeneratorError)) return generated;
      try {
        // Prism's own call, but for the properties a value cannot go without.
        return either.right(sampler.sample(source, { ticks: 2500, skipNonRequired: true }, operation));
      } catch {
        return generated;
      }
    };
} catch {}
try {
  // A content key that is no media type (OpenDataSoft's \`xls\`) is the Content-Type Prism answers with, and its
  // check of the answer then parsed it and threw: the Prism process exited, and every later call failed with
  // ECONNRESET. Such a type matches the key it was written as, and nothing else. (Prism calls this check
  // through the module's exports, at call time.)
  const validator = createRequire(${JSON.stringify(prismBinFile)})("@stoplight/prism-http/dist/validator/index.js");
  const either = createRequire(${JSON.stringify(prismBinFile)})("fp-ts/Either");
  const validateMediaType = validator.validateMediaType;
  const bare = (type) => String(type || "").split(";")[0].trim().toLowerCase();
  if (typeof validateMediaType === "function")
    validator.validateMediaType = (contents, mediaType, ...rest) => {
      try {
        return validateMediaType(contents, mediaType, ...rest);
      } catch {
        if ((contents || []).some((content) => bare(content.mediaType) === bare(mediaType))) return either.right(contents);
        const listed = (contents || []).map((content) => content.mediaType).join(", ");
        return either.left([{ message: \`The received media type "\${mediaType || ""}" does not match the one(s) specified in the current response: \${listed}\`, severity: 0 }]);
      }
    };
} catch {}
try {
  // A body is checked against the first content whose type matches its own, in the spec's order: where a
  // wildcard comes first (Apicurio's \`*/*\` bytes before its JSON form), a JSON body was checked as bytes and
  // refused, and a JSON answer flagged. The contents are put in order of how closely each names the body's
  // type (its own, then \`type/*\`, then \`*/*\`), the spec's order kept among equals. (Prism calls the check
  // through this module's exports, at call time.)
  const validators = createRequire(${JSON.stringify(prismBinFile)})("@stoplight/prism-http/dist/validator/validators/index.js");
  const validateBody = validators.validateBody;
  const bare = (type) => String(type || "").split(";")[0].trim().toLowerCase();
  const closeness = (mediaType, content) => {
    const declared = bare(content && content.mediaType);
    if (declared === bare(mediaType)) return 0;
    if (declared === "*/*") return 2;
    return declared.endsWith("/*") ? 1 : 0;
  };
  if (typeof validateBody === "function")
    validators.validateBody = (body, contents, context, mediaType, ...rest) =>
      validateBody(
        body,
        Array.isArray(contents) && mediaType
          ? contents.map((content, index) => ({ content, index })).sort((a, b) => closeness(mediaType, a.content) - closeness(mediaType, b.content) || a.index - b.index).map(({ content }) => content)
          : contents,
        context,
        mediaType,
        ...rest,
      );
} catch {}
try {
  // A response to HEAD has no body, whatever the spec documents for the status (BeezUP documents its HEAD's
  // 404 as a JSON error): Prism checked the empty answer against the documented content and reported a
  // media type of "" and a body that is no object. Its check of a HEAD answer leaves the content out. (Prism
  // reads this check from the module's exports when it starts its server.)
  const validator = createRequire(${JSON.stringify(prismBinFile)})("@stoplight/prism-http/dist/validator/index.js");
  const validateOutput = validator.validateOutput;
  const bodiless = (resource) => ({ ...resource, responses: (resource.responses || []).map((response) => ({ ...response, contents: [] })) });
  if (typeof validateOutput === "function")
    validator.validateOutput = ({ resource, ...rest }) =>
      validateOutput({ ...rest, resource: resource && String(resource.method).toLowerCase() === "head" ? bodiless(resource) : resource });
} catch {}
try {
  // A spec may keep operations on one path apart by a #fragment of its key alone (AWS's
  // \`/#X-Amz-Target=…\`, told apart by that header; Box's \`/files/{file_id}#add_shared_link\`). No request
  // carries a fragment, so Prism matched none of them. They are routed by the path without it, and of those
  // sharing a method and path, to the one whose required query and header parameters the request has (each
  // of its listed values, where it lists them) and which reads its body's type, the one that requires most
  // where several fit, then the one without a fragment. (Prism reads the router from the module's exports
  // when it makes its instance.)
  const router = createRequire(${JSON.stringify(prismBinFile)})("@stoplight/prism-http/dist/router/index.js");
  const route = router.default;
  const wire = (path) => String(path).replace(/[?#].*$/, "");
  // A path key may write a query of its own, which the client sends as written (Flickr's
  // \`/rest?method=flickr.photos.getInfo\`, ClickSend's \`/sms/history?date_from={date_from}\`); Prism matched it
  // against the request's path alone, and no request matched. Such an operation is routed by the path before
  // the query, each value the key writes becomes a query parameter it requires (the one value listed), and a
  // path parameter the key writes in its query is read from there.
  const decoded = (text) => {
    try {
      return decodeURIComponent(String(text).replace(/[+]/g, " "));
    } catch {
      return String(text);
    }
  };
  const adapt = (resource) => {
    const path = String(resource.path);
    const at = path.indexOf("?");
    if (at < 0) return resource;
    const request = resource.request || {};
    let pathParams = request.path || [];
    const query = [...(request.query || [])];
    const hash = path.indexOf("#", at);
    for (const item of path.slice(at + 1, hash < 0 ? undefined : hash).split("&").filter(Boolean)) {
      const equals = item.indexOf("=");
      const name = equals < 0 ? item : item.slice(0, equals);
      const value = equals < 0 ? "" : item.slice(equals + 1);
      const inName = /^[{]([^}]+)[}]$/.exec(name);
      // A name a parameter makes (ClickSend's \`{search}=1\`) holds the request to nothing.
      if (inName) {
        pathParams = pathParams.filter((parameter) => parameter.name !== inName[1]);
        continue;
      }
      if (query.some((parameter) => parameter.name === decoded(name))) continue;
      const param = /^[{]([^}]+)[}]$/.exec(value);
      const declared = param && pathParams.find((parameter) => parameter.name === param[1]);
      if (declared) {
        pathParams = pathParams.filter((parameter) => parameter !== declared);
        query.push({ ...declared, name: decoded(name), style: "form" });
      } else if (!param && !value.includes("{")) {
        query.push({ id: resource.id + ":" + name, name: decoded(name), style: "form", required: true, schema: { type: "string", enum: [decoded(value)] } });
      }
    }
    return { ...resource, path: path.slice(0, at) + (hash < 0 ? "" : path.slice(hash)), request: { ...request, path: pathParams, query } };
  };
  const fits = (resource, input) => {
    const lower = Object.fromEntries(Object.entries(input.headers || {}).map(([name, value]) => [name.toLowerCase(), value]));
    const query = (input.url && input.url.query) || {};
    const given = (list, values, key) =>
      (list || []).every((parameter) => {
        if (!parameter.required) return true;
        const schema = parameter.schema || {};
        // An object in the query has no name of its own when exploded in form style (OpenAPI's default:
        // SES's \`ConfigurationSet\` is sent as \`Name=…\`), and a deepObject's names are bracketed: it is
        // there when the names it requires are.
        if (values === query && (schema.type === "object" || (!schema.type && schema.properties))) {
          const style = parameter.style || "form";
          if (style === "deepObject")
            return Object.keys(values).some((name) => name.startsWith(parameter.name + "["));
          if (style === "form" && parameter.explode !== false)
            return (Array.isArray(schema.required) ? schema.required : []).every((name) => values[name] !== undefined);
        }
        const value = values[key(parameter.name)];
        if (value === undefined) return false;
        const listed = parameter.schema && Array.isArray(parameter.schema.enum) ? parameter.schema.enum : undefined;
        return !listed || [].concat(value).every((one) => listed.map(String).includes(String(one)));
      });
    const request = resource.request || {};
    // And the request's body is of a type the operation reads (Azure's \`/analyze\` takes JSON, its
    // \`/analyze#overload=stream\` the image's bytes).
    const type = String(lower["content-type"] || "").split(";")[0].trim().toLowerCase();
    const reads = (mediaType) => {
      const listed = String(mediaType).split(";")[0].trim().toLowerCase();
      return listed === type || listed === "*/*" || (listed.endsWith("/*") && type.startsWith(listed.slice(0, -1)));
    };
    const contents = (request.body && request.body.contents) || [];
    return (
      given(request.headers, lower, (name) => String(name).toLowerCase()) &&
      given(request.query, query, (name) => name) &&
      (!type || contents.length === 0 || contents.some((content) => reads(content.mediaType)))
    );
  };
  const matchPath = createRequire(${JSON.stringify(prismBinFile)})("@stoplight/prism-http/dist/router/matchPath.js");
  const validator = createRequire(${JSON.stringify(prismBinFile)})("@stoplight/prism-http/dist/validator/index.js");
  const validFor = (resource, input) => {
    try {
      const result = validator.validateInput({ resource: { ...resource, path: wire(resource.path) }, element: input });
      return result._tag === "Right" || !result.left.some((diagnostic) => diagnostic.severity === 0);
    } catch {
      return false;
    }
  };
  // The groups of a document's operations by method and the template's shape, made once per document.
  const groupsOf = new WeakMap();
  const grouped = (resources) => {
    let groups = groupsOf.get(resources);
    if (groups) return groups;
    groups = new Map();
    for (const resource of resources) {
      // By the template's shape: Azure's \`/{applicationId}\` and \`/{applicationDefinitionId}#disambiguation_dummy\`
      // are one path, and so are VTEX's \`/accounts/{accountId}\` and \`/accounts/{creditAccountId}\`.
      const key = String(resource.method).toLowerCase() + " " + wire(resource.path).replace(/[{][^}]*[}]/g, "{}");
      const group = groups.get(key);
      if (group) group.push(resource);
      else groups.set(key, [resource]);
    }
    groupsOf.set(resources, groups);
    return groups;
  };
  // OpenAPI's form style explodes unless a parameter says otherwise, but Prism reads one that says nothing as
  // not exploded: an object in the query (SES's \`ConfigurationSet\`, sent as \`Name=…\`) was refused as missing.
  const exploding = (resource) => {
    const query = (resource.request && resource.request.query) || [];
    const unsaid = (parameter) => parameter.style === "form" && parameter.explode === undefined;
    if (!query.some(unsaid)) return resource;
    const said = query.map((parameter) => (unsaid(parameter) ? { ...parameter, explode: true } : parameter));
    return { ...resource, request: { ...resource.request, query: said } };
  };
  // Two templates may match a request within one segment (NREL's \`/v1/category-list.{output_format}\` and
  // \`/v1/{id}.{output_format}\`); Prism scores each templated segment alike, and of equal scores took the one
  // listed last: the categories were routed to the law by id, and refused as no integer. Of the operations
  // of the request's method whose templates match its path, only those that write most of it literally are
  // left to Prism.
  const literalLength = (resource) => wire(resource.path).replace(/[{][^}]*[}]/g, "").length;
  const mostLiteral = (resources, input) => {
    const path = String(input.url && input.url.path);
    const method = String(input.method).toLowerCase();
    const segments = path.split("/").length;
    const matching = resources.filter((resource) => {
      if (String(resource.method).toLowerCase() !== method) return false;
      const template = wire(resource.path);
      if (template.split("/").length !== segments || !template.includes("{")) return false;
      const match = matchPath.matchPath(path, template);
      return match._tag === "Right" && match.right !== "no-match";
    });
    if (matching.length < 2) return resources;
    const most = Math.max(...matching.map(literalLength));
    const fewer = new Set(matching.filter((resource) => literalLength(resource) < most));
    return fewer.size === 0 ? resources : resources.filter((resource) => !fewer.has(resource));
  };
  // A document's operations with their keys' queries read and explode said, made once per document.
  const adaptedOf = new WeakMap();
  if (typeof route === "function")
    router.default = ({ resources: given, input, ...rest }) => {
      let resources = adaptedOf.get(given);
      if (!resources) {
        const keyQueries = given.some((resource) => String(resource.path).includes("?"));
        resources = given.map((resource) => exploding(keyQueries ? adapt(resource) : resource));
        adaptedOf.set(given, resources);
      }
      const groups = grouped(resources);
      if (groups.size === resources.length && !resources.some((resource) => String(resource.path).includes("#")))
        return route({ resources: mostLiteral(resources, input), input, ...rest });
      const required = ({ request = {} }) => [...(request.headers || []), ...(request.query || [])].filter((p) => p.required).length;
      // Where as many fit, the one on the plain path.
      const rank = (resource) => required(resource) * 2 + (String(resource.path).includes("#") ? 0 : 1);
      const matches = (resource) => {
        const match = matchPath.matchPath(String(input.url && input.url.path), wire(resource.path));
        return match._tag === "Right" && match.right !== "no-match";
      };
      const chosen = [...groups.values()].map((group) => {
        // Only where the request's path is the group's is there a choice to make.
        if (group.length === 1 || !matches(group[0])) return group[0];
        const fitting = group.filter((resource) => fits(resource, input));
        // Where several fit so far, those the whole request is valid for, by Prism's own check: Azure's
        // \`/{id}#disambiguation_dummy\` differs from the plain path's operation by its body alone.
        const valid = fitting.length > 1 ? fitting.filter((resource) => validFor(resource, input)) : [];
        return (valid.length > 0 ? valid : fitting).sort((a, b) => rank(b) - rank(a))[0] || group[0];
      });
      const wired = chosen.map((resource) => ({ ...resource, path: wire(resource.path) }));
      return route({ resources: mostLiteral(wired, input), input, ...rest });
    };
} catch {}
try {
  // The table Prism's validator calls \`validateBody\` through, at call time.
  const validators = createRequire(${JSON.stringify(prismBinFile)})("@stoplight/prism-http/dist/validator/validators/index.js");
  const validate = validators.validateBody;
  // Prism looks a field's style up in this table (the query parameters' too: no spec names this style).
  const deserializers = createRequire(${JSON.stringify(prismBinFile)})("@stoplight/prism-http/dist/validator/deserializers/index.js");
  // Prism hands every header and path parameter the spec lists to its simple-style reader, sent or not, and
  // the reader splits an array's or object's value: one not sent threw, and the mock process exited. An
  // optional array header a request leaves out, or an array header of a response (BeezUP's Cache-Control),
  // ended every later call with ECONNRESET. A value that is not there is read as absent.
  for (const table of [deserializers.header, deserializers.path]) {
    const simple = table && table.simple;
    if (typeof simple === "function")
      table.simple = (name, values, ...rest) => (values && values[name] != null ? simple(name, values, ...rest) : undefined);
  }
  // A path parameter with a comma in it (\`;id=a,b\` of the matrix style, \`a,b\` of the simple one as a caller
  // that does not percent-encode it sends it) reached its reader split at its commas (Prism's URI template
  // matcher makes \`;id=a\`, \`b\` of it), and the reader threw on anything but text, as the label and matrix
  // readers do on text not written in their style: the mock process exited, and every later call failed with
  // ECONNRESET (readme's parameter-style examples). The value is read whole, as sent, and one not written in
  // the style is that text, which its schema then refuses (a 422 naming it), as any value that breaks it.
  for (const style of ["simple", "label", "matrix"]) {
    const read = deserializers.path && deserializers.path[style];
    if (typeof read === "function")
      deserializers.path[style] = (name, values, ...rest) => {
        const sent = values ? values[name] : undefined;
        if (sent == null) return undefined;
        const text = Array.isArray(sent) ? sent.join(",") : String(sent);
        try {
          return read(name, { ...values, [name]: text }, ...rest);
        } catch {
          return text;
        }
      };
  }
  // Prism matches an exploded object's property names against the query's names in lower case, so a property
  // with a capital (SES's \`Name\`) was never read; names are matched as Prism matches parameters, any case.
  // And an object where a value goes (an array's item, such an object's property; OpenAPI leaves both
  // undefined) is read as the JSON text the runtime writes there: AWS's query-protocol \`TrafficSources\` (an
  // array of objects) was refused as "must be object" item by item.
  const withAllOf = (schema, depth = 0) =>
    !schema || typeof schema !== "object" || depth > 8
      ? []
      : [schema, ...(Array.isArray(schema.allOf) ? schema.allOf : []).flatMap((part) => withAllOf(part, depth + 1))];
  const objectText = (value, schema) => {
    if (typeof value !== "string" || !isObject(schema)) return value;
    try {
      const parsed = JSON.parse(value);
      return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? parsed : value;
    } catch {
      return value;
    }
  };
  const form = deserializers.query && deserializers.query.form;
  if (typeof form === "function")
    deserializers.query.form = (name, parameters, schema, explode, ...rest) => {
      const object = schema && (schema.type === "object" || (!schema.type && schema.properties));
      // Prism writes a 3.0 \`nullable\` array as \`type: [array, null]\`, which its reader did not take for an
      // array: the value stayed text, refused as "must be array,null" (Sinao's \`contacts\`). Read as an array.
      const nullableArray = schema && Array.isArray(schema.type) && schema.type.includes("array");
      if (schema && (schema.type === "array" || nullableArray)) {
        const read = form(name, parameters, nullableArray ? { ...schema, type: "array" } : schema, explode, ...rest);
        return Array.isArray(read) ? read.map((item) => objectText(item, schema.items)) : read;
      }
      if (!object || !explode || !schema.properties) return form(name, parameters, schema, explode, ...rest);
      let read;
      for (const [property, propertySchema] of Object.entries(schema.properties)) {
        const value = parameters[property.toLowerCase()];
        if (value === undefined) continue;
        // An array property is its items repeated, as the form style explodes them; AWS wraps every property
        // as \`allOf: [{$ref}, {description}]\`, so what it is is read through its allOf.
        const parts = withAllOf(propertySchema);
        (read ??= {})[property] = parts.some((part) => part.type === "array")
          ? [].concat(value).map((item) => objectText(item, (parts.find((part) => part.items) || {}).items))
          : objectText(value, propertySchema);
      }
      // An object none of whose names the query has is not there where it requires a property (Prism read it as
      // \`{}\`, which an optional one refused), and is the empty object, which is written as nothing, where not.
      const requires = Array.isArray(schema.required) && schema.required.length > 0;
      return read || (requires ? undefined : {});
    };
  // Prism's deepObject reader builds the whole object its schema describes whatever the query holds, each array
  // in it from \`name[key][0]=…\` only: a parameter left out, or an array sent as the runtime sends it
  // (\`filter[id]=1,2\`, OpenAPI leaves the form undefined), was an object of empty lists, which a \`minItems\`
  // refused (PandaScore's optional \`range\`: 240 of its calls). It is read as what the query holds: nothing
  // where no name starts with it, each property only where sent, an array from its comma-joined or repeated
  // value (or Prism's indexed one).
  const deepObject = deserializers.query && deserializers.query.deepObject;
  if (typeof deepObject === "function")
    deserializers.query.deepObject = (name, parameters, schema) => {
      const keys = Object.keys(parameters);
      const at = (path) => (name + path.map((key) => "[" + key + "]").join("")).toLowerCase();
      const sent = (path) => keys.some((key) => key === at(path) || key.startsWith(at(path) + "["));
      if (!sent([])) return undefined;
      const read = (path, definition) => {
        const parts = withAllOf(definition);
        if (parts.some((part) => part.type === "array")) {
          const value = parameters[at(path)];
          if (value !== undefined)
            return Array.isArray(value) ? value : String(value).split(",");
          const indexes = [...new Set(keys.flatMap((key) => {
            const index = key.startsWith(at(path) + "[") ? /^\\[(\\d+)\\]/.exec(key.slice(at(path).length)) : null;
            return index ? [Number(index[1])] : [];
          }))].sort((a, b) => a - b);
          const items = (parts.find((part) => part.items) || {}).items || {};
          return indexes.map((index) => read([...path, String(index)], items));
        }
        if (parts.some((part) => part.type === "object" || part.properties)) {
          const out = {};
          for (const part of parts)
            for (const [property, inner] of Object.entries(part.properties || {}))
              if (sent([...path, property])) out[property] = read([...path, property], inner);
          return out;
        }
        return parameters[at(path)];
      };
      return read([], schema || {});
    };
  // Prism keeps the last of repeated fields: an array of objects is read as its last item, in an array.
  deserializers.body["x-switchboard-json"] = (name, fields, schema) => {
    let value;
    try {
      value = JSON.parse(fields[name]);
    } catch {
      return fields[name];
    }
    return schema && schema.type === "array" && !Array.isArray(value) ? [value] : value;
  };
  // Prism reads every parameter an operation lists, sent or not, and a reader that throws ends the mock
  // process: every later call failed with ECONNRESET. Its delimited readers throw for any schema but an array
  // (readme's \`pipeDelimited\` object, which OpenAPI allows; a 3.0 \`nullable\` array). A reader that throws
  // gives the value as sent (none where none was), which the schema then checks: a 422 naming it, not a crash.
  const guarded = new Set();
  for (const table of [deserializers.header, deserializers.query, deserializers.path, deserializers.body]) {
    if (!table || guarded.has(table)) continue;
    guarded.add(table);
    for (const [style, read] of Object.entries(table))
      if (typeof read === "function")
        table[style] = (name, values, ...rest) => {
          try {
            return read(name, values, ...rest);
          } catch {
            return values ? values[name] : undefined;
          }
        };
  }
  const FORMS = /^\\s*(application\\/x-www-form-urlencoded|multipart\\/form-data)\\b/i;
  // An object, or a composition of objects (Telegram's InputMedia: an anyOf of five, with no type of its own).
  const isObject = (schema, depth = 0) => {
    if (!schema || typeof schema !== "object" || depth > 8) return false;
    if (schema.type) return schema.type === "object";
    if (schema.properties) return true;
    const parts = (key) => (Array.isArray(schema[key]) ? schema[key] : []);
    return (
      parts("allOf").some((part) => isObject(part, depth + 1)) ||
      ["anyOf", "oneOf"].some((key) => parts(key).length > 0 && parts(key).every((part) => isObject(part, depth + 1)))
    );
  };
  const withDefaultEncodings = (content) => {
    const properties = content && content.schema && content.schema.properties;
    if (!properties || !FORMS.test(String(content.mediaType))) return content;
    const multipart = /multipart/i.test(String(content.mediaType));
    const encodings = content.encodings || [];
    const defaults = [];
    for (const [property, schema] of Object.entries(properties)) {
      if (!schema || encodings.some((e) => e.property === property)) continue;
      // The reserved-character check is for urlencoded fields alone (OpenAPI ignores \`allowReserved\` for
      // any other media type); Prism ran it on multipart parts too, and JSON text is full of commas.
      if (schema.type === "array" && isObject(schema.items))
        defaults.push({ property, style: "x-switchboard-json", allowReserved: multipart });
      else if (schema.type === "array") defaults.push({ property, style: "form", explode: true, allowReserved: multipart });
      else if (isObject(schema))
        defaults.push(multipart ? { property, style: "x-switchboard-json", allowReserved: true } : { property, style: "deepObject", explode: true });
    }
    if (defaults.length === 0) return content;
    return { ...content, encodings: [...encodings, ...defaults] };
  };
  // Prism reads a request body it cannot parse as JSON or a form as text, so it checked an XML body, as a
  // string, against a schema of elements: every one was refused ("must be object": CloudFront's 331 cases).
  // The text is read into the value its schema describes, by the schema's XML Objects (kit/xml.ts readXml,
  // whose own text this holds), and that is checked; text that is no XML, or has another root than the
  // schema names, is refused saying so. A body whose schema is a string is the text, as before.
  const readXml = ${String(readXml)};
  const isXml = ${String(isXmlMediaType)};
  const fastXml = createRequire(${JSON.stringify(fastXmlParser)})(${JSON.stringify(fastXmlParser)});
  const bodyEither = createRequire(${JSON.stringify(prismBinFile)})("fp-ts/Either");
  const inBundle = (bundle) => (schema) => {
    const ref = schema && schema.$ref;
    if (typeof ref !== "string" || !ref.startsWith("#/")) return schema;
    let node = { __bundled__: bundle };
    for (const raw of ref.slice(2).split("/")) {
      if (!node || typeof node !== "object") return undefined;
      node = node[decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~")];
    }
    return node;
  };
  const bareType = (type) => String(type || "").split(";")[0].trim().toLowerCase();
  // Prism's ValidationContext.Input: what a request is checked in.
  const INPUT = 0;
  const withBodyRead = (target, specs, context, mediaType, multipartBoundary, bundle, ...rest) => {
    const check = (value) => validate(value, Array.isArray(specs) ? specs.map(withDefaultEncodings) : specs, context, mediaType, multipartBoundary, bundle, ...rest);
    if (typeof target !== "string" || !Array.isArray(specs)) return check(target);
    const content = specs.find((spec) => bareType(spec.mediaType) === bareType(mediaType));
    // Swagger 2's \`type: file\`, as Azure's documents carry it into OpenAPI 3 (\`{type: object, format: file}\`:
    // a runbook's text, Face's images), is a file: any body is one, where Prism refused all ("must be object").
    if (context === INPUT && content && content.schema && content.schema.format === "file") return bodyEither.right(target);
    if (!isXml(String(mediaType || ""))) return check(target);
    const read = content ? readXml(target, content.schema, inBundle(bundle), fastXml) : undefined;
    if (read === undefined) return check(target);
    if (!read.ok) return bodyEither.left([{ path: ["body"], code: "xml", message: \`Request body \${read.reason}\`, severity: 0 }]);
    const result = check(read.value);
    return bodyEither.isRight(result) ? bodyEither.right(target) : result;
  };
  if (typeof validate === "function") validators.validateBody = withBodyRead;
  // A request's headers fetch writes itself where the caller set none (Node's: \`Accept-Language: *\`,
  // \`Accept-Encoding: gzip, deflate\`, …) were checked against the spec's header parameter of that name: every
  // call that left Zalando's optional \`Accept-Language\` (an enum of shops) out was refused 400. Where the
  // parameter is optional, fetch's own value is read as not sent, as the kit reads it; a value the caller
  // set is checked as sent.
  const FETCH_WRITES = ${JSON.stringify(FETCH_WRITES)};
  // An empty security requirement (\`security: [{}]\`) asks for nothing, but Prism met it only by a request
  // with no Authorization header: a client that sends its credentials to every operation (as ours does) was
  // refused 401 on each of Sinao's open operations. Whatever a request carries meets it.
  const none = createRequire(${JSON.stringify(prismBinFile)})("@stoplight/prism-http/dist/validator/validators/security/handlers/none.js");
  const noneHandler = none.none;
  if (typeof noneHandler === "function") none.none = (input, ...rest) => noneHandler({ ...input, headers: {} }, ...rest);
  const validateHeaders = validators.validateHeaders;
  if (typeof validateHeaders === "function")
    validators.validateHeaders = (target, specs, context, ...rest) => {
      if (context !== 0 || !target || !Array.isArray(specs)) return validateHeaders(target, specs, context, ...rest);
      const optional = new Set(specs.filter((spec) => !spec.required).map((spec) => String(spec.name).toLowerCase()));
      const sent = Object.fromEntries(
        Object.entries(target).filter(([name, value]) => {
          const lower = name.toLowerCase();
          return !(optional.has(lower) && Object.hasOwn(FETCH_WRITES, lower) && FETCH_WRITES[lower].includes(String(value)));
        }),
      );
      return validateHeaders(sent, specs, context, ...rest);
    };
} catch {}
`;
}

/** The string formats Prism's sampler does not know, with the values our sampler gives them (patch 4). */
const PRISM_UNKNOWN_FORMATS = Object.fromEntries(
  ["byte", "duration", "url"].map((format) => [format, STRING_FORMATS[format]]),
);

let prismBinPath: string | undefined;
function prismBin(): string {
  if (prismBinPath) return prismBinPath;
  const require = createRequire(moduleUrl());
  let pkgJson: string;
  try {
    pkgJson = require.resolve("@stoplight/prism-cli/package.json");
  } catch {
    // An optional peer dependency: the mock kit (createMock) does not need it, Prism mocks do.
    throw new Error(
      "startMock needs @stoplight/prism-cli, an optional peer dependency of @switchboard/mock: npm install --save-dev @stoplight/prism-cli@5.14.2 (or use createMock, which runs in process without it)",
    );
  }
  const pkg = require(pkgJson) as { bin?: string | Record<string, string> };
  const rel = typeof pkg.bin === "string" ? pkg.bin : pkg.bin?.prism;
  if (!rel) throw new Error(`@stoplight/prism-cli at ${pkgJson} declares no "prism" bin`);
  prismBinPath = resolve(dirname(pkgJson), rel);
  return prismBinPath;
}

/** A port the OS says is free right now; Prism binds it a moment later, hence the retry in startMock. */
function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => (port ? resolvePort(port) : reject(new Error("could not read a free port"))));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ host: HOST, port });
    socket.once("connect", () => {
      socket.destroy();
      done(true);
    });
    socket.once("error", () => {
      socket.destroy();
      done(false);
    });
  });
}

type Attempt = { ok: true; server: MockServer } | { ok: false; portInUse: boolean; error: MockStartError };

async function launch(spec: string, port: number, options: StartMockOptions): Promise<Attempt> {
  const timeoutMs = options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS;
  const echo = process.env.SWITCHBOARD_MOCK_LOG === "1";
  const log = new OutputLog(echo ? `[prism ${basename(spec)}:${port}] ` : undefined);

  const args = [
    "--import",
    `data:text/javascript,${encodeURIComponent(preloadSource(prismBin()))}`,
    prismBin(),
    "mock",
    spec,
    "-h",
    HOST,
    "-p",
    String(port),
    // Prism forks a cluster worker when NODE_ENV=production; one process is what we can track and kill.
    "--no-multiprocess",
  ];
  if (options.dynamic) args.push("--dynamic");

  const child = spawn(process.execPath, args, {
    stdio: ["pipe", "pipe", "pipe"],
    windowsHide: true,
  });
  // An EPIPE on the watchdog pipe just means Prism already exited; the exit handler reports that.
  child.stdin?.on("error", () => {});
  child.stdout?.on("data", (chunk: Buffer) => log.feed("stdout", chunk));
  child.stderr?.on("data", (chunk: Buffer) => log.feed("stderr", chunk));
  if (child.pid !== undefined) track(child);

  const fail = async (reason: string): Promise<Attempt> => {
    await terminate(child).catch(() => {});
    // The fatal message can still be in the pipes when "exit" fires; "close" means they are drained.
    if (child.pid !== undefined && (child.stdout?.readable || child.stderr?.readable)) {
      await new Promise((r) => {
        const timer = setTimeout(r, 1_000);
        child.once("close", () => {
          clearTimeout(timer);
          r(undefined);
        });
      });
    }
    log.flush();
    const output = log.tail();
    return {
      ok: false,
      portInUse: /EADDRINUSE/.test(log.text()),
      error: new MockStartError(spec, reason, output),
    };
  };

  const outcome = await new Promise<{ ready: true } | { ready: false; reason: string }>((settle) => {
    let settled = false;
    const finish = (value: { ready: true } | { ready: false; reason: string }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      stopListening();
      child.off("exit", onExit);
      child.off("error", onError);
      settle(value);
    };
    const timer = setTimeout(
      () => finish({ ready: false, reason: `not listening after ${timeoutMs} ms` }),
      timeoutMs,
    );
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      finish({ ready: false, reason: `Prism exited (${signal ? `signal ${signal}` : `code ${code}`})` });
    };
    const onError = (error: Error) =>
      finish({ ready: false, reason: `could not spawn Prism: ${error.message}` });
    child.once("exit", onExit);
    child.once("error", onError);
    const listening = new RegExp(`Prism is listening on http://${HOST.replaceAll(".", "\\.")}:${port}\\b`);
    const stopListening = log.onLine((line) => {
      if (!listening.test(line)) return;
      // The log line is Prism's word; a connection that succeeds is the proof the socket accepts.
      void (async () => {
        for (let i = 0; i < 50 && !settled; i++) {
          if (await canConnect(port)) return finish({ ready: true });
          await new Promise((r) => setTimeout(r, 100));
        }
        finish({
          ready: false,
          reason: `Prism said it was listening on port ${port} but refuses connections`,
        });
      })();
    });
  });

  if (!outcome.ready) return fail(outcome.reason);

  let stopping: Promise<void> | undefined;
  const server: MockServer = {
    url: `http://${HOST}:${port}`,
    port,
    spec,
    pid: child.pid!,
    stop() {
      stopping ??= terminate(child);
      return stopping;
    },
  };
  return { ok: true, server };
}

function resolveSpec(spec: string): string {
  return /^https?:\/\//i.test(spec) ? spec : resolve(spec);
}

/** Start one Prism mock on 127.0.0.1 and resolve once it accepts connections. */
export async function startMock(options: StartMockOptions): Promise<MockServer> {
  const spec = resolveSpec(options.spec);
  if (!/^https?:\/\//i.test(spec)) {
    await access(spec).catch((error: NodeJS.ErrnoException) => {
      throw new MockStartError(spec, `cannot read the spec file (${error.code ?? error.message})`, "");
    });
  }
  const attempts = options.port === undefined ? PORT_ATTEMPTS : 1;
  let last: MockStartError | undefined;
  for (let i = 0; i < attempts; i++) {
    const port = options.port ?? (await freePort());
    const attempt = await launch(spec, port, options);
    if (attempt.ok) return attempt.server;
    last = attempt.error;
    if (NO_OPERATIONS.test(last.output)) return startRouteless(spec, options.port);
    // Someone took the port between our probe and Prism's bind; any other failure will not go away.
    if (!attempt.portInUse) break;
  }
  throw last ?? new MockStartError(spec, "no attempt was made", "");
}

/** What Prism says of a document it has nothing to serve for: no paths (a provider of webhooks alone). */
const NO_OPERATIONS = /No operations found/;

/**
 * The mock of a document without operations, which Prism refuses to start for: every request is a route
 * the document does not have, answered as Prism answers one (404, its problem document), so a provider that
 * only sends webhooks can stand beside the others in `startMocks`, and a client's call gets what it would
 * get from Prism. A server in this process: there is no Prism to run, so `pid` is this process's.
 */
async function startRouteless(spec: string, port = 0): Promise<MockServer> {
  const server = createHttpServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://mock").pathname;
    response.writeHead(404, { "content-type": "application/problem+json" });
    response.end(
      JSON.stringify({
        type: "https://stoplight.io/prism/errors#NO_PATH_MATCHED_ERROR",
        title: "Route not resolved, no path matched",
        status: 404,
        detail: `The route ${path} hasn't been found in the specification file`,
      }),
    );
  });
  await new Promise<void>((ready, reject) => {
    server.once("error", reject);
    server.listen(port, HOST, () => ready());
  });
  const address = server.address();
  const bound = typeof address === "object" && address ? address.port : port;
  let stopping: Promise<void> | undefined;
  return {
    url: `http://${HOST}:${bound}`,
    port: bound,
    spec,
    pid: process.pid,
    stop() {
      stopping ??= new Promise((done) => {
        server.close(() => done());
        server.closeAllConnections();
      });
      return stopping;
    },
  };
}

/** Mocks started together by `startMocks`; `stop` stops every one that started. */
export interface StartedMocks<K extends string> {
  servers: Record<K, MockServer>;
  stop(): Promise<void>;
}

/** With `{ partial: true }`: the mocks that started, and why each other one did not. */
export interface PartlyStartedMocks<K extends string> {
  servers: Partial<Record<K, MockServer>>;
  failures: Partial<Record<K, MockStartError>>;
  stop(): Promise<void>;
}

/**
 * Start one mock per spec, in parallel. If any fails to start, the others are stopped and the first
 * failure is thrown, so callers never hold half a set. With `{ partial: true }` each stands on its own: the
 * ones that started are returned beside each other one's failure, for a run over several providers where one
 * spec Prism cannot serve (it spun for good on Stripe's) should cost that provider's calls alone (`npm start`,
 * the contract suite's setup).
 */
export async function startMocks<K extends string>(specs: Record<K, string>): Promise<StartedMocks<K>>;
export async function startMocks<K extends string>(
  specs: Record<K, string>,
  options: { partial: true },
): Promise<PartlyStartedMocks<K>>;
export async function startMocks<K extends string>(
  specs: Record<K, string>,
  options?: { partial?: boolean },
): Promise<StartedMocks<K> | PartlyStartedMocks<K>> {
  const keys = Object.keys(specs) as K[];
  const results = await Promise.allSettled(keys.map((key) => startMock({ spec: specs[key] })));
  const started = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
  const failure = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  const stopAll = async () => {
    const outcomes = await Promise.allSettled(started.map((s) => s.stop()));
    const error = outcomes.find((o): o is PromiseRejectedResult => o.status === "rejected");
    if (error) throw error.reason;
  };
  if (failure && !options?.partial) {
    await stopAll().catch(() => {});
    throw failure.reason;
  }
  const servers: Partial<Record<K, MockServer>> = {};
  const failures: Partial<Record<K, MockStartError>> = {};
  keys.forEach((key, i) => {
    const result = results[i]!;
    if (result.status === "fulfilled") servers[key] = result.value;
    else
      failures[key] =
        result.reason instanceof MockStartError
          ? result.reason
          : new MockStartError(specs[key], String((result.reason as Error)?.message ?? result.reason), "");
  });
  // Without `partial`, every key started (a failure was thrown above), so `servers` is whole.
  return options?.partial
    ? { servers, failures, stop: stopAll }
    : { servers: servers as Record<K, MockServer>, stop: stopAll };
}
