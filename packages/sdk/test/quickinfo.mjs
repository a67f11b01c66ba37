// What an editor shows on hover: TypeScript's language service over one consumer file, run in a child
// process by hover.test.ts (loading the complete Telnyx API's types blocks an event loop for seconds).
// argv: the consumer file, then JSON of the names to hover (each the text right before the name, the name,
// and optionally the hover's maximum length, an editor setting: TypeScript's default is 500 characters).
// Prints JSON: per needle, the signature, the documentation and the tags as an editor renders them.
import { readFileSync } from "node:fs";
import { dirname } from "node:path";
import ts from "typescript";

const [file, needlesJson] = process.argv.slice(2);
const needles = JSON.parse(needlesJson);
const text = readFileSync(file, "utf8");
const options = {
  strict: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  skipLibCheck: true,
  noEmit: true,
  types: [],
};
const service = ts.createLanguageService({
  getScriptFileNames: () => [file],
  getScriptVersion: () => "1",
  getScriptSnapshot: (name) => {
    const content = ts.sys.readFile(name);
    return content === undefined ? undefined : ts.ScriptSnapshot.fromString(content);
  },
  getCurrentDirectory: () => dirname(file),
  getCompilationSettings: () => options,
  getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
  fileExists: ts.sys.fileExists,
  readFile: ts.sys.readFile,
  readDirectory: ts.sys.readDirectory,
  directoryExists: ts.sys.directoryExists,
  getDirectories: ts.sys.getDirectories,
  realpath: ts.sys.realpath,
});
const hovers = needles.map(({ before, name, maximumLength }) => {
  const at = text.indexOf(before + name);
  if (at < 0) return { name, missing: true };
  const info = service.getQuickInfoAtPosition(file, at + before.length + 1, maximumLength);
  return {
    name,
    signature: ts.displayPartsToString(info?.displayParts),
    documentation: ts.displayPartsToString(info?.documentation),
    tags: (info?.tags ?? []).map((tag) => ({ name: tag.name, text: ts.displayPartsToString(tag.text) })),
  };
});
const diagnostics = service
  .getSemanticDiagnostics(file)
  .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
console.log(JSON.stringify({ hovers, diagnostics }));
