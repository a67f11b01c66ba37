/**
 * "Did you mean": the names a mistyped one is nearest to (`message.recieved` → `message.received`), by edit
 * distance (fastest-levenshtein), letter case aside. A name farther than a quarter of its length (at least
 * two edits) is no likely typo and is not offered.
 */
import { distance } from "fastest-levenshtein";

export function nearestNames(name: string, known: readonly string[], count = 3): string[] {
  const lower = name.toLowerCase();
  const limit = Math.max(2, Math.floor(name.length / 4));
  return known
    .map((candidate) => ({ candidate, edits: distance(lower, candidate.toLowerCase()) }))
    .filter(({ edits }) => edits <= limit)
    .sort((a, b) => a.edits - b.edits || (a.candidate < b.candidate ? -1 : 1))
    .slice(0, count)
    .map(({ candidate }) => candidate);
}
