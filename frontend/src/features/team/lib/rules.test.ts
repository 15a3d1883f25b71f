import { describe, expect, it } from "vitest";
import { assignableRoles, canChange } from "./rules";

describe("team rules", () => {
  it("lets agents change nobody and admins never touch owners", () => {
    expect(canChange("agent", "agent")).toBe(false);
    expect(canChange("admin", "owner")).toBe(false);
    expect(canChange("admin", "agent")).toBe(true);
    expect(canChange("owner", "owner")).toBe(true);
  });

  it("offers no role above one's own", () => {
    expect(assignableRoles("admin", "agent")).toEqual(["admin", "agent"]);
    expect(assignableRoles("owner", "agent")).toEqual(["owner", "admin", "agent"]);
  });
});
