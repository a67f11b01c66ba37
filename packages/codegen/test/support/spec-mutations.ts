/**
 * The mutations the full-size spec-diff test applies to the complete Telnyx API: what a real provider
 * update does to how schemas are written (no change for users), plus real removals (breaking).
 */
import { operationTable } from "../../src/generate/operation-table.js";
import {
  HTTP_METHODS,
  type OpenApiDocument,
  refsOf,
  resolvePointer,
} from "../../src/spec/openapi-document.js";

type Schema = Record<string, any>;
const isObject = (v: unknown): v is Schema => v !== null && typeof v === "object" && !Array.isArray(v);

/** Every JSON schema of the operations' 2xx responses (or request bodies), inline ones unless `refs`. */
function* operationSchemas(doc: OpenApiDocument, part: "responses" | "requestBody", refs = false) {
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const op = item?.[method];
      if (!op) continue;
      const holders =
        part === "responses"
          ? Object.entries(op.responses ?? {}).filter(([s]) => s.startsWith("2"))
          : [["body", op.requestBody]];
      for (const [status, holder] of holders as Array<[string, any]>) {
        const media = holder?.content?.["application/json"];
        if (isObject(media?.schema) && (refs || !media.schema.$ref))
          yield { path, method, status, schema: media.schema as Schema };
      }
    }
  }
}

export function mutate(before: OpenApiDocument) {
  const after = structuredClone(before);
  const names = new Map(operationTable(before, "telnyx").map((o) => [`${o.method} ${o.path}`, o.name]));
  const subject = (method: string, path: string) =>
    `\`${names.get(`${method.toUpperCase()} ${path}`)}\` (${method.toUpperCase()} ${path})`;
  const expectedBreaking: string[] = [];
  const counts = { described: 0, moved: 0, oneOf: 0, removed: 0, retyped: 0 };

  // 1. A `$ref` gains a sibling description (30 response properties).
  for (const { schema } of operationSchemas(after, "responses")) {
    for (const property of Object.values<Schema>(schema.properties ?? {})) {
      if (counts.described < 30 && typeof property.$ref === "string" && Object.keys(property).length === 1) {
        property.description = "Now documented right here.";
        counts.described++;
      }
    }
  }
  // 4. Real removals: a response field (5), and a field inside a schema whose type changed (5). In schemas
  // one operation's response alone uses (inline, or a component referred to once), so the line is known.
  const refCount = new Map<string, number>();
  for (const [ref] of refsOf(after)) refCount.set(ref, (refCount.get(ref) ?? 0) + 1);
  const used = new Set<Schema>();
  const targets = [...operationSchemas(after, "responses", true)].flatMap(
    ({ path, method, status, schema }) => {
      const own = (node: Schema, prefix: string[]) => {
        const ref = typeof node.$ref === "string" ? node.$ref : undefined;
        if (ref && refCount.get(ref) !== 1) return [];
        const target = ref ? (resolvePointer(after, ref) as Schema) : node;
        return isObject(target) ? [{ path, method, status, schema: target, prefix }] : [];
      };
      const data = isObject(schema.properties?.data) ? own(schema.properties.data, ["data"]) : [];
      return [...own(schema, []), ...data];
    },
  );
  for (const { path, method, status, schema, prefix } of targets) {
    for (const [name, property] of Object.entries<Schema>(schema.properties ?? {})) {
      if (used.has(schema) || property.$ref || property.type !== "object" || !isObject(property.properties))
        continue;
      const inner = Object.keys(property.properties);
      if (inner.length < 2) continue;
      const gone = inner.at(-1)!;
      if (counts.removed < 5) {
        delete property.properties[gone];
        counts.removed++;
      } else if (counts.retyped < 5) {
        delete property.type;
        delete property.properties[gone];
        counts.retyped++;
      } else continue;
      used.add(schema);
      const field = [...prefix, name, gone].join(".");
      expectedBreaking.push(`${subject(method, path)}: response ${status} field \`${field}\` removed`);
    }
  }
  // 2. Inline object schemas become `$ref`s to new components with the same content (20).
  const nested = function* (schema: Schema, depth = 0): Generator<[Schema, string]> {
    for (const [name, property] of Object.entries<Schema>(schema.properties ?? {})) {
      if (!isObject(property) || property.$ref) continue;
      yield [schema, name];
      if (depth < 3) yield* nested(property, depth + 1);
      if (depth < 3 && isObject(property.items) && !property.items.$ref)
        yield* nested(property.items, depth + 1);
    }
  };
  const schemas = [
    ...[...operationSchemas(after, "responses")].map((o) => o.schema),
    ...Object.values<Schema>(after.components!.schemas!),
  ];
  for (const schema of schemas) {
    if (used.has(schema)) continue;
    for (const [holder, name] of [...nested(schema)]) {
      const property = holder.properties[name];
      if (counts.moved < 20 && property.type === "object" && isObject(property.properties)) {
        const component = `Moved${counts.moved++}${name}`;
        after.components!.schemas![component] = property;
        holder.properties[name] = { $ref: `#/components/schemas/${component}` };
      }
    }
  }
  // 3. A `oneOf` in request bodies: one of two fields must be sent (5).
  for (const { schema } of operationSchemas(after, "requestBody")) {
    const fields = Object.keys(schema.properties ?? {});
    if (
      counts.oneOf < 5 &&
      schema.type === "object" &&
      fields.length >= 2 &&
      !schema.oneOf &&
      !schema.anyOf
    ) {
      schema.oneOf = [{ required: [fields[0]] }, { required: [fields[1]] }];
      counts.oneOf++;
    }
  }
  // 5. New components no operation uses yet (40): one grouped line.
  for (let i = 0; i < 40; i++)
    after.components!.schemas![`Unused${i}`] = { type: "object", properties: { id: { type: "string" } } };

  return { after, expectedBreaking, counts };
}
