import { gql } from "@apollo/client";
import { describe, expect, it, vi } from "vitest";

import { createAuthGate } from "../src/apollo/auth-gate";
import { createApolloClient } from "../src/apollo/create-apollo-client";
import type { SessionProblem } from "../src/apollo/error-link";
import { classifyError } from "../src/errors/classify-error";
import { createFakeApi, graphQLError, type ScriptedResponse } from "./fake-api";

const VIEWER = gql`
  query ViewerQuery {
    viewer {
      permissions
    }
  }
`;

const VIEWER_RESULT = { data: { viewer: { __typename: "Viewer", permissions: [] } } };

function setup(options: { signedIn: boolean; refresh?: () => Promise<boolean> }) {
  const api = createFakeApi();
  const gate = createAuthGate();
  let tokenNumber = 1;
  gate.update({
    isLoading: false,
    isAuthenticated: options.signedIn,
    getAccessToken: () => Promise.resolve(`token-${tokenNumber}`),
  });
  const problems: SessionProblem[] = [];
  const refreshAccessToken = vi.fn(
    options.refresh ??
      (() => {
        tokenNumber += 1;
        return Promise.resolve(true);
      }),
  );
  const client = createApolloClient({
    apiUrl: "http://api.test/graphql",
    authGate: gate,
    terminatingLink: api.link,
    refreshAccessToken,
    reportSessionProblem: (problem) => problems.push(problem),
  });
  return { api, client, problems, refreshAccessToken };
}

const unauthenticatedResponses: Array<[string, ScriptedResponse]> = [
  [
    "application/json",
    { status: 401, body: { errors: [graphQLError("UNAUTHENTICATED", "The access token is invalid.")] } },
  ],
  [
    "application/graphql-response+json",
    {
      status: 401,
      contentType: "application/graphql-response+json",
      body: { errors: [graphQLError("UNAUTHENTICATED", "The access token is invalid.")] },
    },
  ],
];

describe("error link", () => {
  describe.each(unauthenticatedResponses)("UNAUTHENTICATED as %s", (_contentType, unauthenticated) => {
    it("refreshes the token once and retries", async () => {
      const { api, client, problems, refreshAccessToken } = setup({ signedIn: true });
      api.respond(unauthenticated, { status: 200, body: VIEWER_RESULT });

      const result = await client.query({ query: VIEWER });

      expect(result.data).toEqual({ viewer: { __typename: "Viewer", permissions: [] } });
      expect(refreshAccessToken).toHaveBeenCalledTimes(1);
      expect(api.requests.map((request) => request.headers["authorization"])).toEqual([
        "Bearer token-1",
        "Bearer token-2",
      ]);
      expect(problems).toEqual([]);
    });

    it("asks to sign in again when the retry fails too", async () => {
      const { api, client, problems, refreshAccessToken } = setup({ signedIn: true });
      api.respond(unauthenticated, unauthenticated);

      const failure = await client.query({ query: VIEWER }).then(
        () => null,
        (error: unknown) => error,
      );

      expect(classifyError(failure).kind).toBe("unauthenticated");
      expect(refreshAccessToken).toHaveBeenCalledTimes(1);
      expect(api.requests).toHaveLength(2);
      expect(problems).toEqual(["session-expired"]);
    });
  });

  it("asks to sign in again when the refresh fails", async () => {
    const { api, client, problems, refreshAccessToken } = setup({
      signedIn: true,
      refresh: () => Promise.reject(new Error("invalid_grant")),
    });
    api.respond({ status: 401, body: { errors: [graphQLError("UNAUTHENTICATED", "Token expired.")] } });

    await expect(client.query({ query: VIEWER })).rejects.toThrow();

    expect(refreshAccessToken).toHaveBeenCalledTimes(1);
    expect(api.requests).toHaveLength(1);
    expect(problems).toEqual(["session-expired"]);
  });

  it("leaves anonymous UNAUTHENTICATED to the screen", async () => {
    const { api, client, problems, refreshAccessToken } = setup({ signedIn: false });
    api.respond({
      status: 200,
      body: { data: { viewer: null }, errors: [graphQLError("UNAUTHENTICATED", "Sign in first.", ["viewer"])] },
    });

    const failure = await client.query({ query: VIEWER }).then(
      () => null,
      (error: unknown) => error,
    );

    expect(classifyError(failure).kind).toBe("unauthenticated");
    expect(classifyError(failure).message).toBe("You need to sign in to see this.");
    expect(refreshAccessToken).not.toHaveBeenCalled();
    expect(api.requests).toHaveLength(1);
    expect(problems).toEqual([]);
  });

  it("names the missing permission on FORBIDDEN", async () => {
    const { api, client, problems, refreshAccessToken } = setup({ signedIn: true });
    api.respond({
      status: 200,
      body: {
        data: null,
        errors: [graphQLError("FORBIDDEN", 'Missing permission "moderate:posts".', ["reportedPosts"])],
      },
    });

    const failure = await client.query({ query: VIEWER }).then(
      () => null,
      (error: unknown) => error,
    );
    const classified = classifyError(failure);

    expect(classified.kind).toBe("forbidden");
    expect(classified.permission).toBe("moderate:posts");
    expect(classified.message).toBe('You need the "moderate:posts" permission to do this.');
    expect(classified.retryable).toBe(false);
    expect(refreshAccessToken).not.toHaveBeenCalled();
    expect(problems).toEqual([]);
  });

  it("reports an unavailable key set on 503", async () => {
    const { api, client, problems, refreshAccessToken } = setup({ signedIn: true });
    api.respond({
      status: 503,
      body: { errors: [graphQLError("JWKS_UNAVAILABLE", "Cannot fetch the signing keys.")] },
    });

    const failure = await client.query({ query: VIEWER }).then(
      () => null,
      (error: unknown) => error,
    );
    const classified = classifyError(failure);

    expect(classified.kind).toBe("auth-unavailable");
    expect(classified.message).toBe("We cannot verify sign-ins right now. Try again in a moment.");
    expect(classified.retryable).toBe(true);
    expect(problems).toEqual(["auth-unavailable"]);
    expect(refreshAccessToken).not.toHaveBeenCalled();
  });

  it("marks a network failure as retryable", async () => {
    const { api, client, problems } = setup({ signedIn: false });
    api.respond({ networkError: new TypeError("Failed to fetch") });

    const failure = await client.query({ query: VIEWER }).then(
      () => null,
      (error: unknown) => error,
    );
    const classified = classifyError(failure);

    expect(classified.kind).toBe("network");
    expect(classified.retryable).toBe(true);
    expect(classified.message).toBe("Cannot reach the server. Check your connection and try again.");
    expect(problems).toEqual([]);
  });
});
