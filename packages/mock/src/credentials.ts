/**
 * Test values for the credentials a client writes into paths (a provider's `pathCredentials`: path
 * parameter → credential), chosen so that a wrong fill fails the contract tests instead of hiding.
 *
 * The old way, the value the cases derive for the parameter (its example), made every fill pass: a
 * basic-auth username filled into a numeric `accountId` was sent as `accountId`'s own example. Now:
 * - a credential named as the parameter it fills (`accountSid` for `AccountSid`, `authId` for `auth_id`)
 *   is declared to be that value, so it gets a value of the parameter's own schema, other than its
 *   examples (Prism validates paths: a Twilio-like `AccountSid` must match `^AC[0-9a-f]{32}$`);
 * - any other credential gets a made-up value (`test-username`), so a parameter whose schema it does not
 *   fit (a numeric id, a pattern) answers 422 and the contract case fails: the fill was a guess.
 */
import { deref, HTTP_METHODS, isObj, type Obj } from "./openapi.js";
import { sampleFromSchema } from "./sample.js";

/** The words of a name, without case or separators: `AccountSid`, `account_sid`, `accountSid` → `accountsid`. */
const squash = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, "");

/** Example keys, which the sampler would prefer: taken out so the value is not the document's own. */
const EXAMPLE_KEYS = ["example", "examples", "default", "x-example"];

function pathParameter(spec: object, name: string): { schema: Obj; examples: unknown[] } | undefined {
  for (const item of Object.values(isObj((spec as Obj).paths) ? ((spec as Obj).paths as Obj) : {})) {
    const pathItem = deref(item, spec);
    if (!isObj(pathItem)) continue;
    const lists = [
      pathItem.parameters,
      ...HTTP_METHODS.map((m) => (isObj(pathItem[m]) ? (pathItem[m] as Obj).parameters : undefined)),
    ];
    for (const list of lists) {
      for (const raw of Array.isArray(list) ? list : []) {
        const param = deref(raw, spec);
        if (!isObj(param) || param.in !== "path" || param.name !== name) continue;
        const schema = (deref(param.schema, spec) as Obj | undefined) ?? {};
        const examples = [
          param.example,
          schema.example,
          ...(Array.isArray(schema.examples) ? schema.examples : []),
        ];
        if (isObj(param.examples))
          for (const example of Object.values(param.examples)) {
            const resolved = deref(example, spec);
            if (isObj(resolved)) examples.push(resolved.value);
          }
        return { schema, examples: examples.filter((e) => e !== undefined) };
      }
    }
  }
  return undefined;
}

/**
 * An OpenAPI document, as far as these read it. A weak type, so that what is not one (the contract cases
 * derived from it, which `npm start` once passed) is a type error rather than a silent `test-<credential>`.
 */
export interface OpenApiLike {
  readonly openapi?: string;
  readonly paths?: unknown;
}

/** Placeholder credentials for the ones a client writes into paths, keyed by credential name (see above). */
export function pathCredentialValues(
  spec: OpenApiLike,
  pathCredentials: Readonly<Record<string, string>>,
): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [param, credential] of Object.entries(pathCredentials)) {
    if (credential in values) continue;
    const found = squash(param) === squash(credential) ? pathParameter(spec, param) : undefined;
    if (!found) {
      values[credential] = `test-${credential}`;
      continue;
    }
    const schema = Object.fromEntries(
      Object.entries(found.schema).filter(([key]) => !EXAMPLE_KEYS.includes(key)),
    );
    const value = String(sampleFromSchema(schema, spec));
    values[credential] = value;
  }
  return values;
}

/**
 * Made-up credentials for a provider, as the environment variables users set (`TELNYX_API_KEY`): `<prefix>-<credential>`,
 * and for a credential the client writes into paths, a value of the path parameter's schema (above).
 */
export function placeholderCredentialEnv(
  definition: {
    readonly credentials: Readonly<Record<string, { readonly env: string }>>;
    readonly pathCredentials?: Readonly<Record<string, string>>;
  },
  spec: OpenApiLike,
  prefix = "test",
): Record<string, string> {
  const inPaths = pathCredentialValues(spec, definition.pathCredentials ?? {});
  return Object.fromEntries(
    Object.entries(definition.credentials).map(([credential, { env }]) => [
      env,
      inPaths[credential] ?? `${prefix}-${credential}`,
    ]),
  );
}
