import { afterEach, vi } from "vitest";

// A console.error or console.warn during a test (an Ajv strict-mode warning,
// say) means something went wrong quietly, so it fails the test that caused it.
const spies = [vi.spyOn(console, "error"), vi.spyOn(console, "warn")];

afterEach(() => {
  for (const spy of spies) {
    const calls = spy.mock.calls;
    spy.mockClear();
    if (calls.length > 0) {
      throw new Error(`Unexpected console output during the test: ${calls.map((call) => call.map(String).join(" ")).join(" | ")}`);
    }
  }
});
