import { screen, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { chat, message } from "../../../test/fixtures";
import { renderApp } from "../../../test/render";
import { api, server } from "../../../test/server";
import { citation } from "../test/knowledgeServer";

const transcript = chat({
  messages: [
    message({ id: "m1", role: "user", content: "When do you open on Sunday?" }),
    message({ id: "m2", role: "assistant", content: "From 11:00 to 16:00." }),
    message({ id: "m3", role: "user", content: "Thanks!" }),
    message({ id: "m4", role: "assistant", content: "You're welcome." }),
  ],
});

describe("the transcript's citations", () => {
  it("shows under a grounded reply its sources and, on request, the chunks with their scores", async () => {
    let asked = "";
    server.use(
      http.get(api("/chats/:id"), () => HttpResponse.json(transcript)),
      http.get(api("/knowledge/chats/:id/sources"), ({ params }) => {
        asked = String(params.id);
        return HttpResponse.json({
          data: [
            citation({ message_id: "m2", rank: 1 }),
            citation({ message_id: "m2", rank: 2, heading: "Opening hours › Holidays", text: "Closed on the first day of every religious holiday.", score: 0.0161, vector_score: null as unknown as undefined }),
            citation({ message_id: "m2", rank: 3, chunk_id: null as unknown as undefined, source_id: "0193a1b2-0000-7000-8000-00000000b009", title: "Returns", url: null as unknown as undefined, heading: "", text: null as unknown as undefined, score: 0.0159 }),
          ],
        });
      }),
    );
    const { user } = await renderApp(`/chats/${transcript.id}`);
    const list = await screen.findByRole("list", { name: "Messages" });
    const [, grounded, , plain] = within(list).getAllByRole("listitem", { name: /message/ });

    const summary = await within(grounded!).findByText("Sources:");
    const line = summary.parentElement!;
    // one link per source, however many of its chunks were given
    expect(within(line).getAllByRole("link", { name: "Opening hours" })).toHaveLength(1);
    expect(within(line).getByText("Returns")).toBeInTheDocument();
    expect(asked).toBe(transcript.id);

    await user.click(within(grounded!).getByText("Show the 3 chunks it was given, with scores"));
    const chunks = within(grounded!).getAllByRole("listitem");
    expect(chunks).toHaveLength(3);
    expect(chunks[0]).toHaveTextContent("#1 Opening hoursOpening hours › Sunday");
    expect(chunks[0]).toHaveTextContent("On Sunday we open later: from 11:00 to 16:00.");
    expect(chunks[0]).toHaveTextContent("Score0.033");
    expect(chunks[0]).toHaveTextContent("Similarity0.812");
    expect(chunks[1]).toHaveTextContent("Similarity–");
    expect(chunks[2]).toHaveTextContent("This chunk has since been removed");

    expect(within(plain!).queryByText("Sources:")).not.toBeInTheDocument();
  });

  it("shows nothing for a chat whose replies used no knowledge", async () => {
    server.use(
      http.get(api("/chats/:id"), () => HttpResponse.json(transcript)),
      http.get(api("/knowledge/chats/:id/sources"), () => HttpResponse.json({ data: [] })),
    );
    await renderApp(`/chats/${transcript.id}`);
    await screen.findByText("You're welcome.");
    expect(screen.queryByText("Sources:")).not.toBeInTheDocument();
  });
});
