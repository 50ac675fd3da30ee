import { describe, expect, it } from "vitest";
import { actionReasonText, fill, labelOf, stageReasonText } from "./words";
import { errorText } from "../ipc";

// The same sentences the Rust side's tests expect (src-tauri/core/src/labels.rs):
// one table, filled by the same rules on both sides.
describe("domain words", () => {
  it("label ids from the one table", () => {
    expect(labelOf("ja", "stage", "circulation")).toBe("循環");
    expect(labelOf("en", "segment", "cant_lose_them")).toBe("Can't lose them");
    expect(labelOf("ja", "action", "thank_you_note")).toBe("お礼状");
    expect(labelOf("ja", "channel", "letter")).toBe("手書きの手紙");
  });

  it("words a stage reason as the CLI and the workbook do", () => {
    const r = { rule: "above_trial", purchases_above_trial: 2, threshold: 2000 } as const;
    expect(stageReasonText(r, "ja")).toBe("お試し価格(¥2,000)を超える購入が2回あります");
    expect(stageReasonText(r, "en")).toBe("2 purchase(s) above the trial price (¥2,000)");
    expect(stageReasonText({ rule: "registered_only" }, "en")).toBe("Registered, no purchase yet");
  });

  it("words a plan reason with the shop's own texts and a nested stage reason", () => {
    expect(
      actionReasonText({ reason: "onboarding", age_days: 12, milestone: { ja: "居場所", en: "Place" }, action: { ja: "ようこそ", en: "Welcome" } }, "ja"),
    ).toBe("初回購入から12日目、次は居場所。ようこそ");
    expect(actionReasonText({ reason: "thanks", purchases: 2, amount: 5400 }, "ja")).toBe("2回のご購入(累計¥5,400)へのお礼");
    expect(actionReasonText({ reason: "involvement", stage_reason: { rule: "repeat_purchases", purchases: 3 } }, "en")).toBe("3 purchases: trust them with a role");
    expect(fill("ja", "{missing}と", {})).toBe("と");
  });

  it("words an error of the Rust side by its code, in the UI's language", () => {
    const e = { code: "import_unknown_type", file: "orders.pdf", message: "nothing imported from orders.pdf: files of type .pdf cannot be imported" };
    expect(errorText(e, "ja")).toBe("「orders.pdf」は取り込めない種類のファイルです。Excel(.xlsx .xls)・.ods・CSV・TSV で保存し直してください。");
    expect(errorText(e, "en")).toContain("orders.pdf is not a kind of file Horetsu can import");
    expect(errorText(new Error("plain"), "ja")).toBe("plain");
  });
});
