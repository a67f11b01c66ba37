/**
 * The per-tag modules of a provider package: splits openapi-typescript's one `paths`/`components`/`operations` module into one self-contained module
 * per subpath (tag), so that a consumer who imports `@switchboard/telnyx/call-commands` makes the compiler
 * read the types of those operations and the components they reach, not 4.7 MB of the whole API.
 *
 * The split works on the syntax tree openapi-typescript already built (one generation run for the whole
 * document, however many modules come out). Each module keeps openapi-typescript's shapes and names:
 * a `paths` interface with its own operations (a path item shared with another module has that module's
 * methods as `?: never`), an `operations` interface with its operationIds, and a `components` interface
 * with every component its operations reach through `$ref`s, found by walking the bundled document.
 * Components used by several modules are repeated in each, which costs type-declaration bytes only, up to
 * a point: where the modules together would repeat the components more than `SHARED_ABOVE` times over (a
 * document whose every operation reaches most of a large schema: Microsoft Graph's 478 modules would each
 * carry about 1.6 MB of it, 770 MB in all), every module takes the whole schema's `components` instead, read
 * once by the compiler whichever modules a consumer imports.
 */
import ts from "typescript";
import {
  collectRefs,
  type HttpMethod,
  type OpenApiDocument,
  type OperationRef,
  unescapePointer,
} from "../spec/openapi-document.js";

type Members = Map<string, ts.TypeElement>;

/** How many times over the modules may repeat the document's components before they share the schema's. */
export const SHARED_ABOVE = 4;

function memberName(member: ts.TypeElement): string | undefined {
  const name = member.name;
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)) return name.text;
  return undefined;
}

function membersOf(node: ts.InterfaceDeclaration | ts.TypeLiteralNode): Members {
  return new Map(node.members.map((m) => [memberName(m) ?? "", m] as const));
}

function typeLiteralOf(member: ts.TypeElement | undefined): ts.TypeLiteralNode | undefined {
  return member && ts.isPropertySignature(member) && member.type && ts.isTypeLiteralNode(member.type)
    ? member.type
    : undefined;
}

/** The top-level declarations openapi-typescript writes for the document's sections. */
const SECTIONS = new Set(["paths", "webhooks", "components", "$defs", "operations"]);

const printer = ts.createPrinter({ newLine: ts.NewLineKind.LineFeed, removeComments: false });
const printFile = ts.createSourceFile("schema.ts", "", ts.ScriptTarget.ESNext, false, ts.ScriptKind.TS);

/**
 * openapi-typescript's output, indexed for taking it apart. Each member (a path, an operation, a
 * component) is printed once and its text reused by the whole schema and by every module that has it:
 * printing is a sizeable part of generating a large API, and the modules together are as large again.
 */
export class SchemaModules {
  /** Top-level declarations in openapi-typescript's order; the five big interfaces are assembled from members. */
  private readonly order: ts.Node[] = [];
  private readonly helpers: ts.Node[] = [];
  /** A component's own alias (recursive-types.ts), by the `section/name` key of the component that names it. */
  private readonly componentAliases: Array<{ key: string; node: ts.TypeAliasDeclaration }> = [];
  private readonly printed = new Map<ts.Node, string>();
  private readonly paths: Members = new Map();
  private readonly operations: Members = new Map();
  private readonly sections = new Map<string, Members>();
  /** Component `$ref`s each component refers to, computed once per component. */
  private readonly refsOfComponent = new Map<string, string[]>();

  constructor(
    nodes: readonly ts.Node[],
    private readonly doc: OpenApiDocument,
  ) {
    for (const node of nodes) {
      this.order.push(node);
      if (ts.isInterfaceDeclaration(node) && node.name.text === "paths") {
        for (const [k, v] of membersOf(node)) this.paths.set(k, v);
      } else if (ts.isInterfaceDeclaration(node) && node.name.text === "operations") {
        for (const [k, v] of membersOf(node)) this.operations.set(k, v);
      } else if (ts.isInterfaceDeclaration(node) && node.name.text === "components") {
        for (const [section, member] of membersOf(node)) {
          const literal = typeLiteralOf(member);
          this.sections.set(section, literal ? membersOf(literal) : new Map());
        }
      } else if (
        // openapi-typescript writes an empty section as `type operations = Record<string, never>` (a
        // document without operationIds has no `operations` interface); each module writes its own.
        !(ts.isTypeAliasDeclaration(node) && SECTIONS.has(node.name.text)) &&
        !ts.isInterfaceDeclaration(node)
      ) {
        // $Read/$Write/Readable/Writable: tiny, and structural, so every module can carry its own copy.
        this.helpers.push(node);
      }
    }
    // A component that is an alias declared beside it (`Json: $schemas_Json`) goes where the component goes:
    // the alias names the components it contains, which a module without that component does not have.
    const owner = new Map<string, string>();
    for (const [section, members] of this.sections)
      for (const [name, member] of members)
        if (
          ts.isPropertySignature(member) &&
          member.type &&
          ts.isTypeReferenceNode(member.type) &&
          ts.isIdentifier(member.type.typeName) &&
          !member.type.typeArguments
        )
          owner.set(member.type.typeName.text, `${section}/${name}`);
    for (const [i, node] of [...this.helpers.entries()].reverse()) {
      const key = ts.isTypeAliasDeclaration(node) ? owner.get(node.name.text) : undefined;
      if (key === undefined) continue;
      this.helpers.splice(i, 1);
      this.componentAliases.unshift({ key, node: node as ts.TypeAliasDeclaration });
    }
  }

  private print(node: ts.Node, depth: number): string {
    let text = this.printed.get(node);
    if (text === undefined) {
      const pad = "    ".repeat(depth);
      text = printer
        .printNode(ts.EmitHint.Unspecified, node, printFile)
        .split("\n")
        .map((line) => (line ? pad + line : line))
        .join("\n");
      this.printed.set(node, text);
    }
    return text;
  }

  private interfaceText(name: string, members: Iterable<string>): string {
    const body = [...members].join("\n");
    return body ? `export interface ${name} {\n${body}\n}` : `export interface ${name} {\n}`;
  }

  private componentsText(include: (section: string, name: string) => boolean): string {
    const sections = [...this.sections].map(([section, members]) => {
      const inner = [...members].filter(([name]) => include(section, name)).map(([, m]) => this.print(m, 2));
      return inner.length ? `    ${section}: {\n${inner.join("\n")}\n    };` : `    ${section}: never;`;
    });
    return this.interfaceText("components", sections);
  }

  /** The whole schema, as openapi-typescript's `astToString` would print it. */
  full(): string {
    const parts = this.order.map((node) => {
      if (ts.isInterfaceDeclaration(node) && node.name.text === "paths")
        return this.interfaceText(
          "paths",
          [...this.paths.values()].map((m) => this.print(m, 1)),
        );
      if (ts.isInterfaceDeclaration(node) && node.name.text === "operations")
        return this.interfaceText(
          "operations",
          [...this.operations.values()].map((m) => this.print(m, 1)),
        );
      if (ts.isInterfaceDeclaration(node) && node.name.text === "components")
        return this.componentsText(() => true);
      return this.print(node, 0);
    });
    return `${parts.join("\n")}\n`;
  }

  /**
   * Every `#/components/<section>/<name>` reachable from `roots`, by `$ref` or through a discriminator's
   * mapping (a subtype written as `allOf: [Parent]` is reached from the parent by nothing else), as
   * `section/name` keys.
   */
  private componentClosure(roots: Iterable<string>): Set<string> {
    const seen = new Set<string>();
    const stack = [...roots];
    while (stack.length) {
      const ref = stack.pop()!;
      const match = /^#\/components\/([^/]+)\/([^/]+)/.exec(ref);
      if (!match) continue;
      const key = `${match[1]}/${unescapePointer(match[2]!)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      let next = this.refsOfComponent.get(key);
      if (!next) {
        const [section, name] = [match[1]!, unescapePointer(match[2]!)];
        next = collectRefs(this.doc.components?.[section]?.[name], [], true);
        this.refsOfComponent.set(key, next);
      }
      stack.push(...next);
    }
    return seen;
  }

  /** The components each module's operations reach, computed once per module. */
  private readonly closures = new WeakMap<readonly OperationRef[], Set<string>>();

  private closureOf(ops: readonly OperationRef[]): Set<string> {
    let closure = this.closures.get(ops);
    if (!closure) {
      const roots: string[] = [];
      for (const op of ops) {
        collectRefs(op.operation, roots, true);
        collectRefs(op.pathItem.parameters ?? [], roots, true);
      }
      closure = this.componentClosure(roots);
      this.closures.set(ops, closure);
    }
    return closure;
  }

  /**
   * Whether modules holding `modules` (each a list of operations) should take the whole schema's `components`
   * rather than each repeat those it reaches: where the repeated declarations would come to more than
   * `SHARED_ABOVE` times the components' own size.
   */
  sharesComponents(modules: ReadonlyArray<readonly OperationRef[]>): boolean {
    const size = new Map<string, number>();
    let whole = 0;
    for (const [section, members] of this.sections)
      for (const [name, member] of members) {
        const bytes = this.print(member, 2).length;
        size.set(`${section}/${name}`, bytes);
        whole += bytes;
      }
    let repeated = 0;
    for (const ops of modules) for (const key of this.closureOf(ops)) repeated += size.get(key) ?? 0;
    return whole > 0 && repeated > SHARED_ABOVE * whole;
  }

  /**
   * The type declarations of a module holding `ops` (operations of one document); with `shared`, its
   * `components` are the whole schema's (`../schema.js`), not its own copy of those its operations reach.
   */
  module(ops: readonly OperationRef[], shared = false): string {
    const f = ts.factory;
    const mine = new Map<string, Set<HttpMethod>>();
    for (const op of ops) mine.set(op.path, (mine.get(op.path) ?? new Set()).add(op.method));

    const operationIds = new Set<string>();
    for (const op of ops) {
      // Named as openapi-typescript names it: its path-item transform writes a `#` as `/` (Box's
      // `post_oauth2_token#refresh` is `operations["post_oauth2_token/refresh"]`).
      if (typeof op.operation.operationId === "string")
        operationIds.add(op.operation.operationId.replace(/#/g, "/"));
    }
    const closure = shared ? new Set<string>() : this.closureOf(ops);

    const pathTexts: string[] = [];
    for (const [path, member] of this.paths) {
      const methods = mine.get(path);
      const literal = typeLiteralOf(member);
      if (!methods || !literal || !ts.isPropertySignature(member)) continue;
      const foreign = (m: ts.TypeElement) => {
        const name = memberName(m);
        return (
          name !== undefined &&
          name !== "parameters" &&
          !methods.has(name as HttpMethod) &&
          ts.isPropertySignature(m) &&
          m.type?.kind !== ts.SyntaxKind.NeverKeyword
        );
      };
      if (!literal.members.some(foreign)) {
        pathTexts.push(this.print(member, 1));
        continue;
      }
      // Another module's operation on the same path: absent here, as openapi-typescript writes absence.
      const members = literal.members.map((m) =>
        foreign(m)
          ? f.createPropertySignature(
              undefined,
              m.name!,
              f.createToken(ts.SyntaxKind.QuestionToken),
              f.createKeywordTypeNode(ts.SyntaxKind.NeverKeyword),
            )
          : m,
      );
      const rewritten = f.updatePropertySignature(
        member,
        member.modifiers,
        member.name,
        member.questionToken,
        f.createTypeLiteralNode(members),
      );
      pathTexts.push(this.print(rewritten, 1));
    }

    return [
      ...this.helpers.map((node) => this.print(node, 0)),
      this.interfaceText("paths", pathTexts),
      "export type webhooks = Record<string, never>;",
      ...(shared
        ? ['import type { components } from "../schema.js";', "export type { components };"]
        : [
            this.componentsText((section, name) => closure.has(`${section}/${name}`)),
            ...this.componentAliases
              .filter(({ key }) => closure.has(key))
              .map(({ node }) => this.print(node, 0)),
          ]),
      "export type $defs = Record<string, never>;",
      this.interfaceText(
        "operations",
        [...this.operations].filter(([id]) => operationIds.has(id)).map(([, m]) => this.print(m, 1)),
      ),
      "",
    ].join("\n");
  }
}
