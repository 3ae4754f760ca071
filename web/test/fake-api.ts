// A scripted GraphQL endpoint for component tests: each call to fetch returns
// the next scripted response and records its request.
import { HttpLink } from "@apollo/client";

export interface RecordedRequest {
  headers: Record<string, string>;
  body: { operationName?: string; query: string; variables?: Record<string, unknown> };
}

export type ScriptedResponse =
  | { status: number; body: unknown; contentType?: string }
  | { networkError: Error };

export interface FakeApi {
  link: HttpLink;
  requests: RecordedRequest[];
  /** Adds responses to the end of the script. */
  respond(...responses: ScriptedResponse[]): void;
}

export function createFakeApi(): FakeApi {
  const script: ScriptedResponse[] = [];
  const requests: RecordedRequest[] = [];

  const fetchImpl = async (_input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    requests.push({ headers, body: JSON.parse(String(init?.body)) as RecordedRequest["body"] });

    const next = script.shift();
    if (!next) {
      throw new Error(`The fake API has no scripted response for request ${requests.length}.`);
    }
    if ("networkError" in next) {
      throw next.networkError;
    }
    return new Response(JSON.stringify(next.body), {
      status: next.status,
      headers: { "content-type": next.contentType ?? "application/json" },
    });
  };

  return {
    link: new HttpLink({ uri: "http://api.test/graphql", fetch: fetchImpl }),
    requests,
    respond: (...responses) => script.push(...responses),
  };
}

export function graphQLError(code: string, message: string, path?: string[]) {
  return { message, extensions: { code }, ...(path ? { path } : {}) };
}
