import { randomBytes } from "node:crypto";
import type { Response } from "express";

/** Options for one HTML page. `body` and `script` must already be escaped. */
export interface PageOptions {
  title: string;
  body: string;
  status?: number;
  /** Inline script, allowed by a per-response CSP nonce. */
  script?: string;
  /** Origins allowed to frame the page. The default is none, which prevents clickjacking of the login buttons. */
  frameAncestors?: readonly string[];
  /** Origins a form on the page may submit to or be redirected to, besides the issuer itself. */
  formTargets?: readonly string[];
}

const STYLE = `
  :root { color-scheme: light; font-family: system-ui, -apple-system, "Segoe UI", sans-serif; }
  body { margin: 0; background: #f3f4f6; color: #111827; }
  main { max-width: 26rem; margin: 3rem auto; padding: 2rem; background: #fff; border-radius: 0.75rem;
         box-shadow: 0 1px 3px rgb(0 0 0 / 0.12); }
  h1 { font-size: 1.35rem; margin: 0 0 0.25rem; }
  h2 { font-size: 1rem; margin: 1.5rem 0 0.5rem; }
  p { line-height: 1.45; }
  .notice { font-size: 0.85rem; color: #92400e; background: #fef3c7; padding: 0.5rem 0.75rem; border-radius: 0.5rem; }
  .muted { color: #6b7280; font-size: 0.85rem; }
  ul.users { list-style: none; padding: 0; margin: 0; display: grid; gap: 0.5rem; }
  button { font: inherit; width: 100%; padding: 0.6rem 0.9rem; border-radius: 0.5rem; border: 1px solid #d1d5db;
           background: #fff; cursor: pointer; text-align: left; display: flex; align-items: center; gap: 0.75rem; }
  button:hover, button:focus-visible { border-color: #2563eb; outline: 2px solid #bfdbfe; }
  button.primary { background: #2563eb; border-color: #2563eb; color: #fff; justify-content: center; }
  button.link { border: none; background: none; color: #2563eb; justify-content: center; }
  button.hinted { border-color: #2563eb; background: #eff6ff; }
  button img { width: 2rem; height: 2rem; border-radius: 50%; }
  .detail { display: block; font-size: 0.8rem; color: #6b7280; }
  label { display: block; font-size: 0.9rem; margin: 0.75rem 0 0.25rem; }
  input { font: inherit; width: 100%; box-sizing: border-box; padding: 0.5rem; border: 1px solid #d1d5db; border-radius: 0.5rem; }
  form.custom button { margin-top: 1rem; }
  code { background: #f3f4f6; padding: 0 0.25rem; border-radius: 0.25rem; word-break: break-all; }
`;

/** Escapes text for an HTML element body or a double-quoted attribute. */
export function escapeHtml(value: string): string {
  return value
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/**
 * Serializes a value as a JavaScript literal that is safe inside an inline
 * <script>. Escaping `<` stops a value containing `</script>` from closing the
 * element. U+2028 and U+2029 are escaped because engines before ES2019 treat
 * them as line ends inside string literals.
 */
export function toScriptLiteral(value: unknown): string {
  return JSON.stringify(value)
    .replaceAll("<", "\\u003c")
    .replaceAll(">", "\\u003e")
    .replaceAll("&", "\\u0026")
    .replaceAll("\u2028", "\\u2028")
    .replaceAll("\u2029", "\\u2029");
}

/** Sends a complete HTML page with a strict Content-Security-Policy and no caching. */
export function sendPage(response: Response, options: PageOptions): void {
  const nonce = randomBytes(16).toString("base64");
  const frameAncestors = options.frameAncestors?.length ? options.frameAncestors.join(" ") : "'none'";
  const formTargets = ["'self'", ...(options.formTargets ?? [])].join(" ");
  const policy = [
    "default-src 'none'",
    `style-src 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    "img-src data:",
    `form-action ${formTargets}`,
    `frame-ancestors ${frameAncestors}`,
    "base-uri 'none'",
  ].join("; ");

  response
    .status(options.status ?? 200)
    .set({
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": policy,
      "Cache-Control": "no-store",
    })
    .send(
      `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)}</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
<main>
${options.body}
</main>
${options.script === undefined ? "" : `<script nonce="${nonce}">${options.script}</script>`}
</body>
</html>
`,
    );
}

/** Sends an error page, for errors that must not be redirected because the target URL is unverified. */
export function sendErrorPage(response: Response, status: number, title: string, message: string): void {
  sendPage(response, {
    status,
    title,
    body: `<h1>${escapeHtml(title)}</h1>\n<p role="alert">${escapeHtml(message)}</p>\n<p class="muted">Noticeboard development issuer</p>`,
  });
}
