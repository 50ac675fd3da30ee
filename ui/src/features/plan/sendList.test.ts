import { describe, expect, it } from "vitest";
import { isPaper, listFile, listSummary } from "./SendList";
import type { ListReport } from "../../ipc/bindings";
import { translate, type Key } from "../../i18n";

const makeT = (lang: "ja" | "en") => (k: Key) => translate(lang, k);

const report = (over: Partial<ListReport>): ListReport => ({
  format: "mail",
  selected: 100,
  included: 80,
  excluded: { declined: 12, no_email: 8, no_address: 0, marketplace: 0 },
  held_out: 0,
  recorded: 0,
  campaign: null,
  warning: null,
  ...over,
});

describe("the sending list's summary", () => {
  it("says who is in and who was left out, and why", () => {
    const t = makeT("ja");
    expect(listSummary(report({}), t)).toBe("リストに80人 · 除外: 配信停止 12人, メールなし 8人");
  });
  it("names the held-out control and leaves out empty reasons", () => {
    const t = makeT("ja");
    const r = report({ included: 90, excluded: { declined: 0, no_email: 0, no_address: 0, marketplace: 0 }, held_out: 10 });
    expect(listSummary(r, t)).toBe("リストに90人 · 対照(送らない) 10人");
  });
});

describe("Amazon buyers on a mail list", () => {
  it("are counted apart: Amazon forbids marketing to its relay addresses", () => {
    const t = makeT("ja");
    const r = report({ included: 3, excluded: { declined: 1, no_email: 0, no_address: 0, marketplace: 4 } });
    expect(listSummary(r, t)).toBe("リストに3人 · 除外: 配信停止 1人, Amazonの中継アドレス 4人");
  });
});

describe("paper from the sending list", () => {
  it("saves labels and postcards as PDF and the lists as CSV", () => {
    const t = makeT("ja");
    expect(listFile("labels", t)).toEqual({ name: "宛名ラベル.pdf", filter: "PDF", ext: "pdf" });
    expect(listFile("postcards", t)).toEqual({ name: "お礼状.pdf", filter: "PDF", ext: "pdf" });
    expect(listFile("address", t).ext).toBe("csv");
    expect(isPaper("labels") && isPaper("postcards") && !isPaper("mail") && !isPaper("shopify")).toBe(true);
  });
});
