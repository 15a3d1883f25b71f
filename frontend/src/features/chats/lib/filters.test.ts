import { describe, expect, it } from "vitest";
import { apiQuery, filtersToParams, listUrlFor, NO_FILTERS, parseFilters } from "./filters";

const ASSISTANT = "0193a1b2-0000-7000-8000-00000000a001";
const MEMBER = "0193a1b2-0000-7000-8000-0000000000bb";

describe("chat list filters in the URL", () => {
  it("reads every filter and writes the same URL back", () => {
    const url = `assistant=${ASSISTANT}&state=needs_human&assignee=${MEMBER}&from=2026-03-01&to=2026-03-07&q=kargo+nerede&identity=verified`;
    const filters = parseFilters(new URLSearchParams(url));
    expect(filters).toEqual({
      assistantId: ASSISTANT,
      state: "needs_human",
      assignee: MEMBER,
      from: "2026-03-01",
      to: "2026-03-07",
      q: "kargo nerede",
      identity: "verified",
    });
    expect(filtersToParams(filters).toString()).toBe(url);
    expect(listUrlFor(filters)).toBe(`/chats?${url}`);
    expect(listUrlFor(NO_FILTERS)).toBe("/chats");
  });

  it("leaves out what is malformed instead of sending it to the API", () => {
    expect(parseFilters(new URLSearchParams("state=closed&assignee=bob&assistant=x&from=yesterday&q=%20%20&identity=yes"))).toEqual(NO_FILTERS);
    expect(parseFilters(new URLSearchParams("assignee=me")).assignee).toBe("me");
  });

  it("asks the API for whole local days and for my own id", () => {
    const query = apiQuery({ ...NO_FILTERS, assignee: "me", from: "2026-03-01", to: "2026-03-07", q: "parcel" }, MEMBER);
    expect(query).toEqual({
      assignee_id: MEMBER,
      active_from: new Date(2026, 2, 1).toISOString(),
      active_to: new Date(2026, 2, 8).toISOString(),
      q: "parcel",
    });
    expect(apiQuery(NO_FILTERS, MEMBER)).toEqual({});
    expect(apiQuery({ ...NO_FILTERS, identity: "verified" }, MEMBER)).toEqual({ verified: true });
    expect(apiQuery({ ...NO_FILTERS, identity: "unverified" }, MEMBER)).toEqual({ verified: false });
  });
});
