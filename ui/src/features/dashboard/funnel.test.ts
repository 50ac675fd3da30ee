import { describe, expect, it } from "vitest";
import type { FunnelStep } from "../../ipc/bindings";
import { delta, firstSteps, stageRows, standing } from "./funnel";

const step = (stage: FunnelStep["stage"], customers: number, conversion: number | null): FunnelStep => ({
  stage, customers, revenue: customers * 1000, conversion,
});

describe("stageRows", () => {
  it("lists the five stages lowest first with shares and conversions", () => {
    const rows = stageRows([
      step("observer", 100, 0.5), step("landing", 60, 0.4), step("empathy", 30, 0.25),
      step("involvement", 8, 0.2), step("circulation", 2, null),
    ]);
    expect(rows.map((r) => r.stage)).toEqual(["observer", "landing", "empathy", "involvement", "circulation"]);
    expect(rows[0]!.share).toBeCloseTo(0.5);
    expect(rows[4]!.share).toBeCloseTo(0.01);
    expect(rows[0]!.conversion).toBe(0.5);
    expect(rows[4]!.conversion).toBeUndefined();
  });
  it("has no shares for an empty workspace", () => {
    const rows = stageRows([step("observer", 0, null), step("landing", 0, null), step("empathy", 0, null), step("involvement", 0, null), step("circulation", 0, null)]);
    expect(rows.every((r) => r.share === null)).toBe(true);
    expect(rows[0]!.conversion).toBeNull();
  });
});

describe("standing", () => {
  it("compares a KPI with its target and knows when there is no value", () => {
    expect(standing(0.21, 0.2)).toBe("met");
    expect(standing(0.2, 0.2)).toBe("met");
    expect(standing(0.19, 0.2)).toBe("below");
    expect(standing(null, 0.2)).toBe("unknown");
  });
});

describe("はじめにやること", () => {
  const report = (orders: number, referred: number, points: number, responses: number) =>
    ({
      orders,
      referrals: { referred_customers: referred },
      points: { referral_points: points, support_points: 0 },
      nps: { overall: { responses } },
    }) as unknown as Parameters<typeof firstSteps>[0];
  it("ticks each step as its data arrives, in order", () => {
    const steps = firstSteps(report(120, 0, 30, 0));
    expect(steps.map((s) => [s.key, s.done])).toEqual([
      ["orders", true],
      ["members", false],
      ["events", true],
      ["nps", false],
      ["plan", false],
    ]);
  });
  it("is all done once every source is in", () => {
    expect(firstSteps(report(1, 1, 1, 1)).every((s) => s.done)).toBe(true);
  });
});

describe("delta (前月比)", () => {
  it("words counts, yen, shares in points and scores with their sign", () => {
    expect(delta(1250, 1200, "count")).toEqual({ text: "+50", direction: "up" });
    expect(delta(52539348, 50000000, "yen")).toEqual({ text: "+¥2,539,348", direction: "up" });
    expect(delta(0.118, 0.13, "share")).toEqual({ text: "−1.2pt", direction: "down" });
    expect(delta(12.5, 9.5, "score")).toEqual({ text: "+3.0", direction: "up" });
    expect(delta(0.2, 0.2, "share")).toEqual({ text: "±0", direction: "flat" });
  });
  it("says nothing when a side is unknown", () => {
    expect(delta(null, 3, "count")).toBeNull();
    expect(delta(3, undefined, "count")).toBeNull();
    expect(delta(Number.NaN, 1, "share")).toBeNull();
  });
});
