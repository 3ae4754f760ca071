import type { Socket } from "node:net";
import { badRequestError, type BadRequestStatus } from "../errors.js";

const reasonPhrases: Record<BadRequestStatus, string> = {
  400: "Bad Request",
  408: "Request Timeout",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  431: "Request Header Fields Too Large",
};

/**
 * Responds to requests that Node's HTTP parser rejects before Express runs,
 * with the same JSON error shape as the rest of the API. Without this
 * listener Node sends only a status line and `Connection: close`. A header
 * block over the server's `maxHeaderSize`, such as a 100 KB bearer token,
 * gets 431.
 */
export function respondToClientError(error: Error & { code?: string }, socket: Socket): void {
  // The peer is gone, or a response is already on its way, so there is nothing to send.
  if (error.code === "ECONNRESET" || !socket.writable) {
    socket.destroy();
    return;
  }

  const [status, message] = classify(error.code);
  const rejection = badRequestError(status, message);
  const body = JSON.stringify({ errors: [{ message: rejection.message, extensions: { code: rejection.extensions["code"] } }] });
  socket.end(
    `HTTP/1.1 ${status} ${reasonPhrases[status]}\r\n` +
      "Content-Type: application/json; charset=utf-8\r\n" +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      "Connection: close\r\n\r\n" +
      body,
  );
}

function classify(code: string | undefined): [BadRequestStatus, string] {
  switch (code) {
    case "HPE_HEADER_OVERFLOW":
      return [431, "The request headers are larger than the server accepts. Send a shorter Authorization header (a normal access token is a few kilobytes) and fewer cookies."];
    case "ERR_HTTP_REQUEST_TIMEOUT":
      return [408, "The request was not received in time. Send it again."];
    default:
      return [400, "The request is not valid HTTP/1.1."];
  }
}
