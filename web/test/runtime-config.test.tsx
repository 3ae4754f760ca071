import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { ConfigErrorPage } from "../src/config/ConfigErrorPage";
import { validateRuntimeConfig } from "../src/config/runtime-config";

const VALID = {
  auth0: { domain: "tenant.eu.auth0.com", clientId: "abc", audience: "https://noticeboard.example/api" },
  apiUrl: "https://api.example.com/graphql",
  problems: [],
};

describe("runtime config", () => {
  it("accepts a tenant domain", () => {
    const result = validateRuntimeConfig(VALID);

    expect(result).toEqual({ ok: true, config: { auth0: VALID.auth0, apiUrl: VALID.apiUrl } });
  });

  it("accepts the local issuer URL", () => {
    const result = validateRuntimeConfig({ ...VALID, auth0: { ...VALID.auth0, domain: "http://localhost:4001" } });

    expect(result.ok).toBe(true);
  });

  it("names every missing setting", () => {
    const result = validateRuntimeConfig({ auth0: { domain: "tenant.eu.auth0.com" } });

    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.problems.map((problem) => problem.setting)).toEqual([
      "AUTH0_CLIENT_ID",
      "AUTH0_AUDIENCE",
      "API_URL",
    ]);
  });

  it("rejects http for a remote issuer", () => {
    const result = validateRuntimeConfig({ ...VALID, auth0: { ...VALID.auth0, domain: "http://login.example.com" } });

    expect(result.ok ? null : result.problems[0]?.setting).toBe("AUTH0_DOMAIN or AUTH0_ISSUER");
  });

  it("passes on the server's own problems", () => {
    const result = validateRuntimeConfig({
      ...VALID,
      auth0: { ...VALID.auth0, domain: null },
      problems: [{ setting: "AUTH0_DOMAIN and AUTH0_ISSUER", message: "are both set: keep only one" }],
    });

    expect(result.ok ? [] : result.problems).toEqual([
      { setting: "AUTH0_DOMAIN and AUTH0_ISSUER", message: "are both set: keep only one" },
    ]);
  });

  it("shows a page naming the settings", () => {
    const result = validateRuntimeConfig({ apiUrl: "not a url" });
    if (result.ok) {
      throw new Error("expected the config to be rejected");
    }

    render(<ConfigErrorPage source={result.source} problems={result.problems} />);

    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("The app is not configured");
    const items = screen.getAllByRole("listitem").map((item) => item.textContent);
    expect(items).toEqual([
      "AUTH0_DOMAIN or AUTH0_ISSUER is missing",
      "AUTH0_CLIENT_ID is missing",
      "AUTH0_AUDIENCE is missing",
      'API_URL "not a url" is not an absolute http or https URL',
    ]);
  });
});
