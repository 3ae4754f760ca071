import { useEffect } from "react";

import type { ConfigProblem } from "./runtime-config";

interface ConfigErrorPageProps {
  source: string;
  problems: ConfigProblem[];
}

/** Shown instead of the app when /config.json is missing a setting or has an invalid one. */
export function ConfigErrorPage({ source, problems }: ConfigErrorPageProps) {
  useEffect(() => {
    document.title = "Configuration error · Noticeboard";
  }, []);

  return (
    <main className="status-screen status-screen--error">
      <h1>The app is not configured</h1>
      <p>
        The server that hands out <code>{source}</code> is missing settings, so sign-in and the API cannot be
        reached. Set these environment variables on that server and reload:
      </p>
      <ul className="config-problems">
        {problems.map((problem) => (
          <li key={problem.setting}>
            <code>{problem.setting}</code> {problem.message}
          </li>
        ))}
      </ul>
    </main>
  );
}
