// Fails when the committed generated code differs from what `npm run codegen`
// writes now, so a schema or operation change cannot land without its types.
import { execFileSync } from "node:child_process";

const generated = ["api/src/generated", "web/src/gql"];

execFileSync("npm", ["run", "codegen", "--silent"], { stdio: "inherit" });
const changed = execFileSync("git", ["status", "--porcelain", "--", ...generated], { encoding: "utf8" });
if (changed.trim() !== "") {
  console.error(`Generated code is stale. Run npm run codegen and commit the result:\n${changed}`);
  process.exit(1);
}
console.log("Generated code matches schema.graphql and the operations.");
