import { afterEach, vi } from "vitest";

// An unexpected console.error or console.warn means something failed quietly;
// fail the test that caused it instead of letting it scroll by.
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
