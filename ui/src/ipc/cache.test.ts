import { describe, expect, it } from "vitest";
import { cached, keep, kept, setGeneration } from "./cache";

describe("the page's one cache", () => {
  it("keeps answers for one workspace generation only", async () => {
    setGeneration(1);
    keep("a", 1);
    expect(kept<number>("a")).toBe(1);
    let reads = 0;
    const load = async () => ++reads;
    expect(await cached("b", load)).toBe(1);
    expect(await cached("b", load)).toBe(1);
    setGeneration(1);
    expect(kept<number>("a")).toBe(1);
    // A write elsewhere: the next dashboard says generation 2, and nothing of 1 is shown.
    setGeneration(2);
    expect(kept<number>("a")).toBeUndefined();
    expect(await cached("b", load)).toBe(2);
  });

  it("does not keep an answer read across a new generation", async () => {
    setGeneration(10);
    let release: (v: string) => void = () => {};
    const pending = cached("slow", () => new Promise<string>((r) => (release = r)));
    setGeneration(11);
    release("old");
    expect(await pending).toBe("old");
    expect(kept<string>("slow")).toBeUndefined();
  });
});
