/**
 * Tells whether a compact JWS has a header or payload with a repeated JSON
 * member name, such as two `alg` or two `sub` members. RFC 7515 (section 4)
 * lets a parser take the last duplicate, which jose does. We reject such
 * tokens instead, because a proxy or log pipeline that reads the first
 * duplicate would act on other claims than the ones we verified.
 *
 * Only the first two segments are read. Anything that is not three
 * base64url segments of JSON returns false and is left to jose to reject.
 */
export function hasDuplicateMembers(token: string): boolean {
  const segments = token.split(".");
  if (segments.length !== 3) return false;
  return repeatsMemberName(decodeSegment(segments[0]!)) || repeatsMemberName(decodeSegment(segments[1]!));
}

function decodeSegment(segment: string): string {
  return Buffer.from(segment, "base64url").toString("utf8");
}

interface ObjectScope {
  readonly names: Set<string>;
  expectingName: boolean;
}

/**
 * Scans JSON text for an object that repeats a member name. Names are
 * compared after unescaping, so `"alg"` and `"\u0061lg"` are the same name.
 * Text that is not valid JSON may return either result; jose rejects it anyway.
 */
function repeatsMemberName(json: string): boolean {
  // One entry per open object or array; arrays are null, because their
  // strings are values, never names.
  const scopes: Array<ObjectScope | null> = [];

  for (let index = 0; index < json.length; index += 1) {
    const character = json[index];
    if (character === "{") {
      scopes.push({ names: new Set(), expectingName: true });
    } else if (character === "[") {
      scopes.push(null);
    } else if (character === "}" || character === "]") {
      scopes.pop();
    } else if (character === ",") {
      const scope = scopes.at(-1);
      if (scope) scope.expectingName = true;
    } else if (character === '"') {
      const end = endOfString(json, index);
      const scope = scopes.at(-1);
      if (scope?.expectingName) {
        const name = unescape(json.slice(index, end + 1));
        if (name === undefined || scope.names.has(name)) return true;
        scope.names.add(name);
        scope.expectingName = false;
      }
      index = end;
    }
  }
  return false;
}

/** Returns the index of the quote that closes the string opening at `start`. */
function endOfString(json: string, start: number): number {
  for (let index = start + 1; index < json.length; index += 1) {
    if (json[index] === "\\") index += 1;
    else if (json[index] === '"') return index;
  }
  return json.length - 1;
}

function unescape(quoted: string): string | undefined {
  try {
    return JSON.parse(quoted) as string;
  } catch {
    // A name with a broken escape is treated like a repeated one: refused.
    return undefined;
  }
}
