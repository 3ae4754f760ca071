// Installs what the tests need beyond npm packages, from Debian's packages.
// The browser tests need Chromium, because npm cannot download a browser here
// and playwright-core drives the system one at /usr/bin/chromium. The web
// image smoke tests in docker/test/ need nginx.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

const requirements = [
  { path: "/usr/bin/chromium", debianPackage: "chromium", neededBy: "the browser tests" },
  { path: "/usr/sbin/nginx", debianPackage: "nginx", neededBy: "the web image smoke tests" },
];

const missing = requirements.filter((requirement) => !existsSync(requirement.path));
if (missing.length === 0) {
  console.log(`${requirements.map((requirement) => requirement.path).join(" and ")} are installed; nothing to prepare.`);
  process.exit(0);
}

if (process.platform !== "linux" || !existsSync("/usr/bin/apt-get")) {
  for (const requirement of missing) {
    console.error(`${requirement.path} is missing; ${requirement.neededBy} use it. Install ${requirement.debianPackage} with your package manager, then run npm test again.`);
  }
  process.exit(1);
}

const asRoot = process.getuid?.() === 0 ? [] : ["sudo"];
const run = (args) => {
  const [command, ...rest] = [...asRoot, ...args];
  execFileSync(command, rest, { stdio: "inherit" });
};
const packages = missing.map((requirement) => requirement.debianPackage);
console.log(`Installing Debian's ${packages.join(" and ")} for ${missing.map((requirement) => requirement.neededBy).join(" and ")}.`);
run(["apt-get", "update"]);
run(["apt-get", "install", "-y", "--no-install-recommends", ...packages]);
