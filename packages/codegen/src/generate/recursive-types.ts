/**
 * Components that contain themselves only through arrays, unions and the like, as openapi-typescript writes
 * them, do not compile: `Json: string | components["schemas"]["Json"][]` is error TS2502 ("referenced
 * directly or indirectly in its own type annotation"; its issue #1603). TypeScript resolves an interface
 * member's type at once, and an array or union does not put that off; only an object type's members wait
 * until they are read (so a tree of objects, `children: components["schemas"]["Node"][]` inside `{ … }`, is
 * fine). A type alias can hold itself through an array (`type Json = string | Json[]`), so each component in
 * such a cycle becomes a file-local alias that the `components` member names, with the cycle's references
 * to each other written as those aliases: the same type under the same `components["schemas"]["Json"]`.
 * JSON-value schemas are the usual case (Vercel's `EdgeConfigItemValue`: a string, number, boolean, object,
 * or a list of itself).
 */
import ts from "typescript";

const f = ts.factory;

type Member = { section: string; name: string; node: ts.PropertySignature & { type: ts.TypeNode } };

const literalText = (node: ts.TypeNode): string | undefined =>
  ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal) ? node.literal.text : undefined;

/** The `section/name` key of `components["<section>"]["<name>"]`, or undefined for any other type. */
function componentKey(node: ts.TypeNode): string | undefined {
  if (!ts.isIndexedAccessTypeNode(node) || !ts.isIndexedAccessTypeNode(node.objectType)) return undefined;
  const root = node.objectType.objectType;
  if (!ts.isTypeReferenceNode(root) || !ts.isIdentifier(root.typeName) || root.typeName.text !== "components")
    return undefined;
  const section = literalText(node.objectType.indexType);
  const name = literalText(node.indexType);
  return section === undefined || name === undefined ? undefined : `${section}/${name}`;
}

/**
 * The components `type` needs resolved to be resolved itself: every one it names outside an object type
 * (or a function or mapped type), whose members TypeScript resolves only when they are read. Type arguments
 * count (`Omit<components["schemas"]["X"], "id">` resolves X at once).
 */
function eagerReferences(type: ts.TypeNode, found: Set<string>): Set<string> {
  const key = componentKey(type);
  if (key !== undefined) found.add(key);
  else if (
    !ts.isTypeLiteralNode(type) &&
    !ts.isMappedTypeNode(type) &&
    !ts.isFunctionOrConstructorTypeNode(type)
  )
    ts.forEachChild(type, (child) => {
      if (ts.isTypeNode(child)) eagerReferences(child, found);
    });
  return found;
}

/** The keys on a cycle of `edges` (a strongly connected component of two or more, or a key naming itself). */
function onCycles(edges: ReadonlyMap<string, ReadonlySet<string>>): Set<string> {
  // Tarjan's algorithm, iterative so that a long chain of components cannot overflow the stack.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cyclic = new Set<string>();
  let next = 0;
  for (const start of edges.keys()) {
    if (index.has(start)) continue;
    const work: Array<{ key: string; targets: Iterator<string> }> = [];
    const enter = (key: string) => {
      index.set(key, next);
      low.set(key, next++);
      stack.push(key);
      onStack.add(key);
      work.push({ key, targets: (edges.get(key) ?? new Set<string>()).values() });
    };
    enter(start);
    while (work.length) {
      const frame = work.at(-1)!;
      const step = frame.targets.next();
      if (!step.done) {
        const target = step.value;
        if (!edges.has(target)) continue;
        if (!index.has(target)) enter(target);
        else if (onStack.has(target)) low.set(frame.key, Math.min(low.get(frame.key)!, index.get(target)!));
        continue;
      }
      work.pop();
      const parent = work.at(-1);
      if (parent) low.set(parent.key, Math.min(low.get(parent.key)!, low.get(frame.key)!));
      if (low.get(frame.key) !== index.get(frame.key)) continue;
      const component: string[] = [];
      let key: string;
      do {
        key = stack.pop()!;
        onStack.delete(key);
        component.push(key);
      } while (key !== frame.key);
      if (component.length > 1 || edges.get(frame.key)!.has(frame.key))
        for (const k of component) cyclic.add(k);
    }
  }
  return cyclic;
}

function componentMembers(components: ts.InterfaceDeclaration): Member[] {
  const members: Member[] = [];
  for (const section of components.members) {
    if (!ts.isPropertySignature(section) || !section.type || !ts.isTypeLiteralNode(section.type)) continue;
    const sectionName = (section.name as ts.Identifier | ts.StringLiteral).text;
    for (const member of section.type.members)
      if (
        ts.isPropertySignature(member) &&
        member.type &&
        member.name &&
        !ts.isComputedPropertyName(member.name)
      )
        members.push({
          section: sectionName,
          name: (member.name as ts.Identifier | ts.StringLiteral).text,
          node: member as Member["node"],
        });
  }
  return members;
}

/**
 * openapi-typescript's declarations with every component on a cycle of eager references written as an alias
 * (see the top of this file); the declarations are returned unchanged when there is none.
 */
export function aliasRecursiveComponents(nodes: readonly ts.Node[]): ts.Node[] {
  const at = nodes.findIndex((n) => ts.isInterfaceDeclaration(n) && n.name.text === "components");
  if (at < 0) return [...nodes];
  const components = nodes[at] as ts.InterfaceDeclaration;
  const members = componentMembers(components);
  const edges = new Map(
    members.map((m) => [`${m.section}/${m.name}`, eagerReferences(m.node.type, new Set())]),
  );
  const cyclic = onCycles(edges);
  if (cyclic.size === 0) return [...nodes];

  const taken = new Set(
    nodes.flatMap((n) => (ts.isTypeAliasDeclaration(n) || ts.isInterfaceDeclaration(n) ? [n.name.text] : [])),
  );
  const aliasName = new Map<string, string>();
  for (const key of [...cyclic].sort()) {
    const base = `$${key.replace(/[^\w$]/g, "_")}`;
    let name = base;
    for (let i = 2; taken.has(name); i++) name = `${base}_${i}`;
    taken.add(name);
    aliasName.set(key, name);
  }
  // The type with each reference to a component on a cycle written as that component's alias.
  const toAliases = (type: ts.TypeNode): ts.TypeNode =>
    ts.transform(type, [
      (context) => (root) => {
        const visit = (node: ts.Node): ts.Node => {
          const key = ts.isTypeNode(node) ? componentKey(node) : undefined;
          const alias = key === undefined ? undefined : aliasName.get(key);
          return alias ? f.createTypeReferenceNode(alias) : ts.visitEachChild(node, visit, context);
        };
        return ts.visitNode(root, visit) as ts.TypeNode;
      },
    ]).transformed[0]!;

  const aliases: ts.TypeAliasDeclaration[] = [];
  const replaced = new Map<ts.Node, ts.TypeElement>();
  for (const member of members) {
    const key = `${member.section}/${member.name}`;
    const alias = aliasName.get(key);
    if (!alias) continue;
    const declaration = f.createTypeAliasDeclaration(
      undefined,
      alias,
      undefined,
      toAliases(member.node.type),
    );
    ts.addSyntheticLeadingComment(
      declaration,
      ts.SyntaxKind.SingleLineCommentTrivia,
      ` components[${JSON.stringify(member.section)}][${JSON.stringify(member.name)}] contains itself outside any object type, which TypeScript allows only in an alias`,
      true,
    );
    aliases.push(declaration);
    replaced.set(
      member.node,
      f.updatePropertySignature(
        member.node,
        member.node.modifiers,
        member.node.name,
        member.node.questionToken,
        f.createTypeReferenceNode(alias),
      ),
    );
  }
  const rewritten = f.updateInterfaceDeclaration(
    components,
    components.modifiers,
    components.name,
    components.typeParameters,
    components.heritageClauses,
    components.members.map((section) =>
      ts.isPropertySignature(section) && section.type && ts.isTypeLiteralNode(section.type)
        ? f.updatePropertySignature(
            section,
            section.modifiers,
            section.name,
            section.questionToken,
            f.updateTypeLiteralNode(
              section.type,
              f.createNodeArray(section.type.members.map((m) => replaced.get(m) ?? m)),
            ),
          )
        : section,
    ),
  );
  return [...nodes.slice(0, at), rewritten, ...aliases, ...nodes.slice(at + 1)];
}
