import { readFileSync } from "node:fs";
import { load } from "js-yaml";
import { moduleNameOfTag } from "../src/naming.ts";
const d: any = load(readFileSync("/work/wt/shared/corpus/telnyx/spec3.yml", "utf8"));
const tags = new Set<string>();
for (const it of Object.values<any>(d.paths)) for (const m of ["get","put","post","delete","patch"]) if (it[m]?.tags?.[0]) tags.add(it[m].tags[0]);
const old = (t: string) => t.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
for (const t of tags) if (old(t) !== moduleNameOfTag(t)) console.log(t, old(t), "→", moduleNameOfTag(t));
console.log(tags.size);
