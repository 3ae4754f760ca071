import { StrictMode } from "react";
import { createRoot } from "react-dom/client";

import { App } from "./App";
import { preloadAuth } from "./auth/AuthProvider";
import { ConfigErrorPage } from "./config/ConfigErrorPage";
import { loadRuntimeConfig } from "./config/runtime-config";
import { StatusScreen } from "./ui/StatusScreen";
import "./styles.css";

const container = document.getElementById("root");
if (!container) {
  throw new Error('index.html has no element with id "root".');
}
const root = createRoot(container);
root.render(<StatusScreen title="Loading Noticeboard…" />);
preloadAuth();

void loadRuntimeConfig().then((result) => {
  root.render(
    <StrictMode>
      {result.ok ? <App config={result.config} /> : <ConfigErrorPage source={result.source} problems={result.problems} />}
    </StrictMode>,
  );
});
