import { describe, expect, it } from "vitest";
import { message } from "../../../test/fixtures";
import { timeline } from "./timeline";

describe("transcript timeline", () => {
  it("puts state changes between the messages in time order", () => {
    const items = timeline({
      messages: [
        message({ id: "m1", role: "user", created_at: "2026-01-03T10:00:00Z" }),
        message({ id: "m2", role: "agent", created_at: "2026-01-03T10:02:00Z" }),
      ],
      history: [{ id: "e1", kind: "taken_over", from_state: "open", to_state: "assigned", created_at: "2026-01-03T10:01:00Z" }],
    });
    expect(items.map((i) => (i.kind === "message" ? i.message.id : i.event.id))).toEqual(["m1", "e1", "m2"]);
  });
});
