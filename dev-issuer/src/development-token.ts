import express, { Router } from "express";
import type { MintAccessTokenOptions, TokenMinter } from "./test-tokens.js";
import { USER_ID_PATTERN } from "./users.js";

/** The user Sandbox signs in as by default: the moderator, so every operation of the API works at once. */
export const SANDBOX_DEFAULT_SUBJECT = "dev|maya";

const permissionPattern = /^[\w:.-]{1,64}$/;

/**
 * `POST /dev/token`: mints an access token without a login, for Apollo
 * Sandbox (the API's landing page requests one on every load) and scripts.
 * Optional JSON or form fields: `sub` (default dev|maya) and `permissions`
 * (an array or a comma-separated string; default the seeded user's).
 *
 * It serves only requests from the loopback interface. Anyone on this
 * machine could read the signing key from the data folder anyway, so the
 * endpoint adds no access that a local user lacks.
 */
export function createDevelopmentTokenRouter(minter: TokenMinter, tokenTtlSeconds: number): Router {
  const router = Router();

  router.post(
    "/dev/token",
    express.json({ limit: "4kb" }),
    express.urlencoded({ extended: false, limit: "4kb" }),
    async (request, response) => {
      if (!isLoopback(request.socket.remoteAddress)) {
        response.status(403).json({ error: "access_denied", error_description: "Development tokens are issued to loopback clients only." });
        return;
      }

      const body = (request.body ?? {}) as Record<string, unknown>;
      const sub = typeof body["sub"] === "string" && body["sub"] !== "" ? body["sub"] : SANDBOX_DEFAULT_SUBJECT;
      if (!USER_ID_PATTERN.test(sub)) {
        response.status(400).json({
          error: "invalid_request",
          error_description: `sub "${sub}" is invalid: use 1 to 64 letters, digits or the characters | . _ @ -, for example dev|carol`,
        });
        return;
      }

      const options: MintAccessTokenOptions = { sub };
      const permissions = parsePermissions(body["permissions"]);
      if (permissions === "invalid") {
        response.status(400).json({
          error: "invalid_request",
          error_description: "permissions must be a list of names such as moderate:posts, as an array or separated by commas",
        });
        return;
      }
      if (permissions !== undefined) options.permissions = permissions;

      const accessToken = await minter.mintAccessToken(options);
      response.set("Cache-Control", "no-store");
      response.json({ access_token: accessToken, token_type: "Bearer", expires_in: tokenTtlSeconds, sub });
    },
  );

  return router;
}

/** Parses `permissions` from an array or a comma-separated string; undefined keeps the user's own. */
export function parsePermissions(value: unknown): string[] | undefined | "invalid" {
  if (value === undefined || value === null) return undefined;
  let list: unknown[];
  if (Array.isArray(value)) {
    list = value;
  } else if (typeof value === "string") {
    list = value.split(",");
  } else {
    return "invalid";
  }
  if (!list.every((entry) => typeof entry === "string")) return "invalid";

  const names = (list as string[]).map((entry) => entry.trim()).filter((entry) => entry !== "");
  return names.every((name) => permissionPattern.test(name)) ? names : "invalid";
}

function isLoopback(address: string | undefined): boolean {
  return address === "127.0.0.1" || address === "::1" || address === "::ffff:127.0.0.1";
}
