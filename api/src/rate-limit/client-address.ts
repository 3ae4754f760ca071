import { isIPv4, isIPv6 } from "node:net";

/**
 * Turns a client's IP address into a rate-limit key. An IPv6 client gets one
 * key per /64 network, because a single host usually owns a whole /64 and
 * could otherwise take a fresh address, and a fresh limit, per request.
 * IPv4-mapped IPv6 addresses count as their IPv4 address.
 */
export function clientAddressKey(address: string | undefined): string {
  if (address === undefined || address === "") return "unknown";
  if (isIPv4(address)) return address;

  const withoutZone = address.split("%")[0]!;
  if (!isIPv6(withoutZone)) return address;

  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(withoutZone);
  if (mapped !== null) return mapped[1]!;

  return `${expandIPv6(withoutZone).slice(0, 4).join(":")}::/64`;
}

/** Returns the eight 16-bit groups of a valid IPv6 address, in lowercase hex without leading zeros. */
function expandIPv6(address: string): string[] {
  let text = address;
  // A trailing dotted IPv4 part (as in 64:ff9b::192.0.2.1) is the last two groups.
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted !== null) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }

  const [head, tail] = text.split("::") as [string, string | undefined];
  const headGroups = head === "" ? [] : head.split(":");
  const tailGroups = tail === undefined || tail === "" ? [] : tail.split(":");
  const zeros = tail === undefined ? [] : Array.from({ length: 8 - headGroups.length - tailGroups.length }, () => "0");
  return [...headGroups, ...zeros, ...tailGroups].map((group) => Number.parseInt(group, 16).toString(16));
}
