import { describe, expect, it } from "vitest";
import { formatYenCompact } from "./index";

// Each expected value worked out by hand: 52,539,348 ÷ 10,000 = 5,253.93… →
// 5,254万; ÷ 1,000,000 = 52.54… → 52.5M; and so on.
describe("formatYenCompact", () => {
  it("keeps the full figure below ¥10,000,000", () => {
    expect(formatYenCompact(9_999_999, "ja")).toBe("¥9,999,999");
    expect(formatYenCompact(9_999_999, "en")).toBe("¥9,999,999");
    expect(formatYenCompact(1_234_567.4, "ja")).toBe("¥1,234,567");
    expect(formatYenCompact(0, "en")).toBe("¥0");
    expect(formatYenCompact(-3_300, "ja")).toBe("-¥3,300");
  });
  it("counts in 万 from 1,000万 and in 億 from 1億, in Japanese", () => {
    expect(formatYenCompact(10_000_000, "ja")).toBe("¥1,000万");
    expect(formatYenCompact(52_539_348, "ja")).toBe("¥5,254万");
    expect(formatYenCompact(30_236_476, "ja")).toBe("¥3,024万");
    expect(formatYenCompact(47_295_208, "ja")).toBe("¥4,730万");
    expect(formatYenCompact(-52_539_348, "ja")).toBe("-¥5,254万");
    expect(formatYenCompact(99_994_999, "ja")).toBe("¥9,999万");
    // 9,999.5万 rounds to 10,000万: that is 1億.
    expect(formatYenCompact(99_995_000, "ja")).toBe("¥1.0億");
    expect(formatYenCompact(100_000_000, "ja")).toBe("¥1.0億");
    expect(formatYenCompact(123_456_789, "ja")).toBe("¥1.2億");
    expect(formatYenCompact(1_234_567_890, "ja")).toBe("¥12.3億");
    expect(formatYenCompact(12_345_678_901, "ja")).toBe("¥123億");
  });
  it("counts in millions and billions, in English", () => {
    expect(formatYenCompact(10_000_000, "en")).toBe("¥10.0M");
    expect(formatYenCompact(52_539_348, "en")).toBe("¥52.5M");
    expect(formatYenCompact(-52_539_348, "en")).toBe("-¥52.5M");
    expect(formatYenCompact(999_940_000, "en")).toBe("¥999.9M");
    // 999.96M rounds to 1,000.0M: that is 1.0B.
    expect(formatYenCompact(999_960_000, "en")).toBe("¥1.0B");
    expect(formatYenCompact(1_234_567_890, "en")).toBe("¥1.2B");
  });
});
