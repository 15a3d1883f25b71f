import { describe, expect, it } from "vitest";
import { safeHref, segments } from "../src/text";

describe("segments", () => {
  it("keeps plain text (with line breaks) as one text segment", () => {
    expect(segments("Hello\nworld <b>x</b>")).toEqual([{ type: "text", text: "Hello\nworld <b>x</b>" }]);
    expect(segments("")).toEqual([]);
  });

  it("turns http(s) URLs into links and leaves sentence punctuation outside", () => {
    expect(segments("See https://example.com/a?b=1. Thanks")).toEqual([
      { type: "text", text: "See " },
      { type: "link", text: "https://example.com/a?b=1", href: "https://example.com/a?b=1" },
      { type: "text", text: ". Thanks" },
    ]);
  });

  it("keeps a balanced closing paren", () => {
    expect(segments("(https://en.wikipedia.org/wiki/Foo_(bar))")).toEqual([
      { type: "text", text: "(" },
      { type: "link", text: "https://en.wikipedia.org/wiki/Foo_(bar)", href: "https://en.wikipedia.org/wiki/Foo_(bar)" },
      { type: "text", text: ")" },
    ]);
  });

  it("never links other schemes", () => {
    expect(segments("javascript:alert(1) data:text/html,x")).toEqual([
      { type: "text", text: "javascript:alert(1) data:text/html,x" },
    ]);
    expect(safeHref("javascript:alert(1)")).toBeNull();
    expect(safeHref("https://x.y/")).toBe("https://x.y/");
  });
});
