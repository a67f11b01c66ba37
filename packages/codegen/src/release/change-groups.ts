/**
 * Component-level changes grouped into one line per kind, the detail below it. A large spec update adds and
 * removes hundreds of components (a real Telnyx update: 321 lines of "`components["schemas"]["X"]`
 * removed"), which buried the operation changes users need to read; each such component is still a member
 * of the exported `components` type, so the change stays in the changeset and keeps its bump.
 */
import type { SpecChange } from "./bump.js";

const COMPONENT = /^`components\["([^"]+)"\]\["([^"]+)"\]` (added|removed)$/;

/** Groups of at least this many component additions or removals of one kind become one line. */
const GROUP_FROM = 2;

export function groupComponentChanges(changes: SpecChange[]): SpecChange[] {
  const groups = new Map<
    string,
    { first: number; kind: string; verb: string; bump: SpecChange["bump"]; names: string[] }
  >();
  changes.forEach((change, index) => {
    const match = change.subject === undefined ? COMPONENT.exec(change.text) : null;
    if (!match) return;
    const [, kind, name, verb] = match;
    const key = `${kind}|${verb}|${change.bump}`;
    const group = groups.get(key) ?? { first: index, kind: kind!, verb: verb!, bump: change.bump, names: [] };
    group.names.push(name!);
    groups.set(key, group);
  });
  const grouped = new Map(
    [...groups.values()].filter((g) => g.names.length >= GROUP_FROM).map((g) => [g.first, g]),
  );
  const member = new Set(
    [...grouped.values()].flatMap((g) => g.names.map((n) => `${g.kind}|${g.verb}|${g.bump}|${n}`)),
  );
  const out: SpecChange[] = [];
  changes.forEach((change, index) => {
    const group = grouped.get(index);
    if (group) {
      const names = [...group.names].sort();
      out.push({
        bump: group.bump,
        text:
          `${names.length} \`components["${group.kind}"]\` types ${group.verb}` +
          (group.verb === "removed" ? " (code that names them directly no longer compiles)" : ""),
        details: names.map((n) => `\`components["${group.kind}"]["${n}"]\``),
      });
      return;
    }
    const match = change.subject === undefined ? COMPONENT.exec(change.text) : null;
    if (match && member.has(`${match[1]}|${match[3]}|${change.bump}|${match[2]}`)) return;
    out.push(change);
  });
  return out;
}
