// Installs what the tests need beyond npm packages: Debian's Chromium for the
// browser tests. npm cannot download a browser here, and playwright-core
// drives the system one at /usr/bin/chromium.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

const chromium = "/usr/bin/chromium";

if (existsSync(chromium)) {
  console.log(`${chromium} is installed; nothing to prepare.`);
  process.exit(0);
}

if (process.platform !== "linux" || !existsSync("/usr/bin/apt-get")) {
  console.error(`The browser tests need Chromium at ${chromium}. Install it with your package manager, then run npm test again.`);
  process.exit(1);
}

const asRoot = process.getuid?.() === 0 ? [] : ["sudo"];
const run = (args) => {
  const [command, ...rest] = [...asRoot, ...args];
  execFileSync(command, rest, { stdio: "inherit" });
};
console.log("Installing Debian's chromium package for the browser tests.");
run(["apt-get", "update"]);
run(["apt-get", "install", "-y", "--no-install-recommends", "chromium"]);
