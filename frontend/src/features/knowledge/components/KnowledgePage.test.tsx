import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { apiError } from "../../../test/fixtures";
import { renderApp } from "../../../test/render";
import { api, server } from "../../../test/server";
import { knowledgeServer, SALES, SHIPPING, source, tryAnswer } from "../test/knowledgeServer";

const table = () => screen.findByRole("table", { name: "Knowledge sources" });
const row = async (title: string) => {
  const cell = await within(await table()).findByText(title);
  return cell.closest("tr") as HTMLElement;
};

describe("Knowledge: the sources list", () => {
  it("shows each source's kind, language, state with the failure reason, chunks, refresh and assistants", async () => {
    knowledgeServer({
      sources: [
        source({ title: "Opening hours", chunk_count: 3, assistant_ids: [SHIPPING.id, SALES.id] }),
        source({
          title: "Old FAQ",
          kind: "url",
          url: "https://shop.example.com/faq",
          language: "tr",
          auto_language: false,
          state: "failed",
          failure: { code: "http_status", status: 404, message: "The page answered HTTP 404." },
          chunk_count: 0,
          refreshed_at: null as unknown as undefined,
          assistant_ids: [],
        }),
      ],
    });
    await renderApp("/knowledge");

    const hours = await row("Opening hours");
    expect(within(hours).getByText("File")).toBeInTheDocument();
    expect(within(hours).getByText("English")).toBeInTheDocument();
    expect(within(hours).getByText("(detected)")).toBeInTheDocument();
    expect(within(hours).getByText("Ready")).toBeInTheDocument();
    expect(within(hours).getByText("3")).toBeInTheDocument();
    expect(within(hours).getByText("10 minutes ago")).toBeInTheDocument();
    expect(within(hours).getByText("Support bot")).toBeInTheDocument();
    expect(within(hours).getByText("Sales bot")).toBeInTheDocument();

    const faq = await row("Old FAQ");
    expect(within(faq).getByText("Web page")).toBeInTheDocument();
    expect(within(faq).getByText("Turkish")).toBeInTheDocument();
    expect(within(faq).getByText("Failed")).toBeInTheDocument();
    expect(within(faq).getByText("Why: The page was not found (error 404).")).toBeInTheDocument();
    expect(within(faq).getByText("Not yet")).toBeInTheDocument();
    expect(within(faq).getByText("None")).toBeInTheDocument();
    expect(within(faq).getByRole("link", { name: "https://shop.example.com/faq" })).toHaveAttribute("href", "https://shop.example.com/faq");
  });

  it("follows a queued source until it is ready, then stops asking", async () => {
    const ws = knowledgeServer({ sources: [source({ title: "Returns", state: "queued", chunk_count: 0 })] });
    let asked = 0;
    server.use(
      http.get(api("/knowledge/sources"), () => {
        asked += 1;
        // The worker picks it up on the second look and finishes on the third.
        const state = asked === 1 ? "queued" : asked === 2 ? "processing" : "ready";
        ws.sources = ws.sources.map((s) => ({ ...s, state, chunk_count: state === "ready" ? 7 : 0 }));
        return HttpResponse.json({ data: ws.sources });
      }),
    );
    await renderApp("/knowledge");
    const returns = await row("Returns");
    expect(within(returns).getByText("Queued")).toBeInTheDocument();
    expect(screen.getByText("Reading 1 source…")).toBeInTheDocument();
    expect(await within(returns).findByText("Processing", {}, { timeout: 4000 })).toBeInTheDocument();
    expect(await within(returns).findByText("Ready", {}, { timeout: 4000 })).toBeInTheDocument();
    expect(within(returns).getByText("7")).toBeInTheDocument();
    expect(screen.getByText("1 source")).toBeInTheDocument();
    const settledAt = asked;
    await new Promise((r) => setTimeout(r, 2000));
    expect(asked).toBe(settledAt);
  }, 12_000);

  it("is read-only for agents: no form to add, no actions", async () => {
    knowledgeServer({ sources: [source({ title: "Opening hours" })] });
    await renderApp("/knowledge", { role: "agent" });
    await row("Opening hours");
    expect(screen.queryByRole("form", { name: "Add a source" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Delete Opening hours" })).not.toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "Try it" })).toBeInTheDocument();
  });

  it("is in the navigation", async () => {
    knowledgeServer();
    await renderApp("/knowledge");
    const nav = await screen.findByRole("navigation", { name: "Main" });
    expect(within(nav).getByRole("link", { name: "Knowledge" })).toHaveAttribute("href", "/knowledge");
    expect(await screen.findByRole("heading", { name: "No sources yet" })).toBeInTheDocument();
  });
});

describe("Knowledge: adding a source", () => {
  it("adds pasted text for the chosen assistants, and lists it at once", async () => {
    const ws = knowledgeServer();
    const { user } = await renderApp("/knowledge");
    const form = await screen.findByRole("form", { name: "Add a source" });
    await user.click(within(form).getByRole("radio", { name: "Text" }));
    await user.type(within(form).getByLabelText("Title"), "Returns policy");
    await user.type(within(form).getByLabelText("Content"), "# Returns\nWithin 30 days.");
    // every assistant is ticked by default; this one should not answer from it
    await user.click(within(form).getByRole("checkbox", { name: "Sales bot" }));
    await user.click(within(form).getByRole("button", { name: "Add source" }));

    expect(await within(await table()).findByText("Returns policy")).toBeInTheDocument();
    expect(ws.lastBody).toEqual({ title: "Returns policy", text: "# Returns\nWithin 30 days.", assistant_ids: [SHIPPING.id] });
    expect(within(await row("Returns policy")).getByText("Queued")).toBeInTheDocument();
    expect(within(form).getByLabelText("Title")).toHaveValue("");
  });

  it("shows every problem at once before sending", async () => {
    const ws = knowledgeServer();
    const { user } = await renderApp("/knowledge");
    const form = await screen.findByRole("form", { name: "Add a source" });
    await user.click(within(form).getByRole("radio", { name: "Text" }));
    await user.click(within(form).getByRole("button", { name: "Add source" }));
    expect(within(form).getByText("Give the text a title.")).toBeInTheDocument();
    expect(within(form).getByText("Paste the text to add.")).toBeInTheDocument();

    await user.click(within(form).getByRole("radio", { name: "Web page" }));
    await user.type(within(form).getByLabelText("Page address"), "ftp://shop.example.com");
    await user.click(within(form).getByRole("button", { name: "Add source" }));
    expect(within(form).getByText(/Enter an address that starts with http:\/\/ or https:\/\//)).toBeInTheDocument();
    expect(ws.calls).toEqual([]);
  });

  it("adds a web page", async () => {
    const ws = knowledgeServer();
    const { user } = await renderApp("/knowledge");
    const form = await screen.findByRole("form", { name: "Add a source" });
    await user.click(within(form).getByRole("radio", { name: "Web page" }));
    await user.type(within(form).getByLabelText("Page address"), " https://shop.example.com/hours ");
    await user.click(within(form).getByRole("button", { name: "Add source" }));
    expect(await within(await table()).findByText("https://shop.example.com/hours", { selector: "span" })).toBeInTheDocument();
    expect(ws.lastBody).toEqual({ url: "https://shop.example.com/hours", assistant_ids: [SHIPPING.id, SALES.id] });
  });

  it("adds a whole site by crawl with a page limit, and a sitemap without one", async () => {
    const ws = knowledgeServer();
    const { user } = await renderApp("/knowledge");
    const form = await screen.findByRole("form", { name: "Add a source" });
    await user.click(within(form).getByRole("radio", { name: "Whole site" }));
    await user.type(within(form).getByLabelText("Start page"), "https://shop.example.com/");
    await user.type(within(form).getByLabelText(/Most pages to read/), "0");
    await user.click(within(form).getByRole("button", { name: "Add source" }));
    expect(within(form).getByText("Enter a whole number of pages from 1 to 1000.")).toBeInTheDocument();
    expect(ws.calls).toEqual([]);
    await user.clear(within(form).getByLabelText(/Most pages to read/));
    await user.type(within(form).getByLabelText(/Most pages to read/), "25");
    await user.click(within(form).getByRole("button", { name: "Add source" }));
    expect(await within(await table()).findByText("Whole site")).toBeInTheDocument();
    expect(ws.lastBody).toEqual({ mode: "crawl", url: "https://shop.example.com/", page_limit: 25, assistant_ids: [SHIPPING.id, SALES.id] });

    await user.click(within(form).getByRole("radio", { name: "Sitemap" }));
    await user.type(within(form).getByLabelText("Sitemap address"), "https://shop.example.com/sitemap.xml");
    await user.selectOptions(within(form).getByLabelText("Fetch again"), "Every week");
    await user.click(within(form).getByRole("button", { name: "Add source" }));
    await waitFor(() => expect(ws.calls).toHaveLength(2));
    expect(ws.lastBody).toEqual({ mode: "sitemap", url: "https://shop.example.com/sitemap.xml", refetch: "weekly", assistant_ids: [SHIPPING.id, SALES.id] });
    expect(await within(await table()).findByText("Every week")).toBeInTheDocument();
  });

  it("says how many pages of a site were read, and why the others failed", async () => {
    knowledgeServer({
      sources: [source({ title: "Shop site", kind: "crawl", url: "https://shop.example.com/", pages_ready: 4, pages_failed: 2, chunk_count: 12 })],
      pages: [
        { url: "https://shop.example.com/", state: "ready", chunk_count: 2, fetched_at: "2026-12-01T10:00:00Z" },
        { url: "https://shop.example.com/old", state: "failed", failure: { code: "http_status", status: 404, message: "x" }, chunk_count: 0, fetched_at: "2026-12-01T10:00:00Z" },
        { url: "https://shop.example.com/private", state: "failed", failure: { code: "robots_disallowed", message: "x" }, chunk_count: 0, fetched_at: "2026-12-01T10:00:00Z" },
      ],
    });
    const { user } = await renderApp("/knowledge");
    const site = await row("Shop site");
    expect(within(site).getByText("4 of 6 pages read")).toBeInTheDocument();
    await user.click(within(site).getByText("Show the 2 pages that failed"));
    expect(await within(site).findByText(/The page was not found \(error 404\)/)).toBeInTheDocument();
    expect(within(site).getByText(/robots.txt asks crawlers not to read this page/)).toBeInTheDocument();
  });

  it("uploads a picked file with its title and assistants, stating the size limit", async () => {
    const ws = knowledgeServer();
    const { user } = await renderApp("/knowledge");
    const form = await screen.findByRole("form", { name: "Add a source" });
    expect(await within(form).findByText("Markdown (.md), plain text (.txt), HTML (.html) or PDF (.pdf), up to 254 kB.")).toBeInTheDocument();
    const file = new File(["# Hours\nOpen 9 to 5."], "hours.md", { type: "text/markdown" });
    await user.upload(within(form).getByLabelText("File to upload"), file);
    expect(within(form).getByText("hours.md")).toBeInTheDocument();
    await user.click(within(form).getByRole("checkbox", { name: "Support bot" }));
    await user.click(within(form).getByRole("button", { name: "Add source" }));

    expect(await within(await table()).findByText("hours.md")).toBeInTheDocument();
    const sent = ws.lastBody as FormData;
    expect((sent.get("file") as File).name).toBe("hours.md");
    expect(await (sent.get("file") as File).text()).toBe("# Hours\nOpen 9 to 5.");
    expect(sent.get("assistant_ids")).toBe(SALES.id);
    expect(sent.get("title")).toBeNull();
  });

  it("takes a dropped file", async () => {
    knowledgeServer();
    await renderApp("/knowledge");
    const zone = await screen.findByTestId("file-drop");
    const file = new File(["<h1>FAQ</h1>"], "faq.html", { type: "text/html" });
    fireEvent.dragOver(zone, { dataTransfer: { files: [file] } });
    fireEvent.drop(zone, { dataTransfer: { files: [file] } });
    expect(await screen.findByText("faq.html")).toBeInTheDocument();
  });

  it("refuses a file over the limit or of the wrong kind before sending", async () => {
    const ws = knowledgeServer({ limit: 1000 });
    const { user } = await renderApp("/knowledge");
    const form = await screen.findByRole("form", { name: "Add a source" });
    await within(form).findByText(/up to 1 kB/);
    const input = within(form).getByLabelText("File to upload");
    await user.upload(input, new File(["x".repeat(1001)], "big.md", { type: "text/markdown" }));
    expect(within(form).getByText("The file is larger than the limit shown below.")).toBeInTheDocument();
    expect(input).toHaveAttribute("aria-invalid", "true");
    // a Word file is not offered by the picker, but can still be dropped
    fireEvent.drop(screen.getByTestId("file-drop"), { dataTransfer: { files: [new File(["PK"], "menu.docx", { type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" })] } });
    expect(await within(form).findByText(/This kind of file can't be read/)).toBeInTheDocument();
    await user.click(within(form).getByRole("button", { name: "Add source" }));
    expect(ws.calls).toEqual([]);
  });

  it("words the API's refusals by their code, in the user's language", async () => {
    knowledgeServer();
    const { user } = await renderApp("/knowledge");
    const form = await screen.findByRole("form", { name: "Add a source" });
    await user.upload(within(form).getByLabelText("File to upload"), new File(["hello"], "notes.txt", { type: "text/plain" }));

    server.use(http.post(api("/knowledge/sources/file"), () => HttpResponse.json(apiError("payload_too_large", "body over 262144 bytes"), { status: 413 })));
    await user.click(within(form).getByRole("button", { name: "Add source" }));
    expect(await within(form).findByRole("alert")).not.toHaveTextContent("262144");

    server.use(
      http.post(api("/knowledge/sources/file"), () =>
        HttpResponse.json(apiError("validation_failed", "file: is larger than the limit of 253 KB", { field: "file" }), { status: 422 }),
      ),
    );
    await user.click(within(form).getByRole("button", { name: "Add source" }));
    expect(await within(form).findByText(/Choose a Markdown \(\.md\), plain text \(\.txt\) or HTML \(\.html\) file that is not empty/)).toBeInTheDocument();
    expect(screen.queryByText(/253 KB/)).not.toBeInTheDocument();
  });
});

describe("Knowledge: a source's actions", () => {
  it("changes the assistants a source is attached to", async () => {
    const ws = knowledgeServer({ sources: [source({ title: "Opening hours", assistant_ids: [SHIPPING.id] })] });
    const { user } = await renderApp("/knowledge");
    await user.click(within(await row("Opening hours")).getByRole("button", { name: "Assistants: Opening hours" }));
    const dialog = await screen.findByRole("dialog");
    await user.click(within(dialog).getByRole("checkbox", { name: "Support bot" }));
    await user.click(within(dialog).getByRole("checkbox", { name: "Sales bot" }));
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(ws.calls).toEqual([`PUT ${SALES.id}`, `DELETE ${SHIPPING.id}`]);
    const hours = await row("Opening hours");
    await waitFor(() => expect(within(hours).queryByText("Support bot")).not.toBeInTheDocument());
    expect(within(hours).getByText("Sales bot")).toBeInTheDocument();
  });

  it("deletes after confirmation, and the row goes at once", async () => {
    const doomed = source({ title: "Old menu", chunk_count: 12 });
    const ws = knowledgeServer({ sources: [doomed, source({ title: "Opening hours" })] });
    // the list is not asked again: the row must go from what the delete answered
    let lists = 0;
    server.use(
      http.get(api("/knowledge/sources"), () => {
        lists += 1;
        return HttpResponse.json({ data: [doomed, ...ws.sources.filter((s) => s.id !== doomed.id)] });
      }),
    );
    const { user } = await renderApp("/knowledge");
    await user.click(within(await row("Old menu")).getByRole("button", { name: "Delete Old menu" }));
    const dialog = await screen.findByRole("dialog", { name: "Delete “Old menu”?" });
    expect(dialog).toHaveTextContent("Its 12 chunks are removed at once");
    await user.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(ws.calls).toEqual([]);

    await user.click(within(await row("Old menu")).getByRole("button", { name: "Delete Old menu" }));
    await user.click(within(await screen.findByRole("dialog")).getByRole("button", { name: "Delete" }));
    await waitFor(() => expect(within(screen.getByRole("table", { name: "Knowledge sources" })).queryByText("Old menu")).not.toBeInTheDocument());
    expect(ws.calls).toEqual([`DELETE /knowledge/sources/${doomed.id}`]);
    expect(lists).toBe(1);
    expect(await screen.findByText("“Old menu” deleted.")).toBeInTheDocument();
  });

  it("refetches a web page, which shows as queued again", async () => {
    const page = source({ title: "FAQ", kind: "url", url: "https://shop.example.com/faq" });
    const ws = knowledgeServer({ sources: [page] });
    const { user } = await renderApp("/knowledge");
    await user.click(within(await row("FAQ")).getByRole("button", { name: "Refetch FAQ" }));
    expect(await within(await row("FAQ")).findByText("Queued")).toBeInTheDocument();
    expect(ws.calls).toEqual([`POST /knowledge/sources/${page.id}/refetch`]);
    expect(within(await row("FAQ")).getByRole("button", { name: "Refetch FAQ" })).toBeDisabled();
  });

  it("changes a site's refetch schedule after it was added, and clears it", async () => {
    const site = source({ title: "Shop", kind: "crawl", url: "https://shop.example.com/", refetch: "weekly" });
    const ws = knowledgeServer({ sources: [site, source({ title: "Notes" })] });
    const { user } = await renderApp("/knowledge");
    expect(within(await row("Shop")).getByText("Every week")).toBeInTheDocument();
    // a site is fetched again, not processed again; pasted text has no schedule
    expect(within(await row("Shop")).getByRole("button", { name: "Refetch Shop" })).toBeInTheDocument();
    expect(within(await row("Notes")).queryByRole("button", { name: /Refetch schedule/ })).not.toBeInTheDocument();

    await user.click(within(await row("Shop")).getByRole("button", { name: "Refetch schedule: Shop" }));
    let dialog = await screen.findByRole("dialog", { name: "When Kremna fetches “Shop” again" });
    expect(within(dialog).getByRole("combobox", { name: "Fetch again" })).toHaveValue("weekly");
    await user.selectOptions(within(dialog).getByRole("combobox", { name: "Fetch again" }), "daily");
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(within(await row("Shop")).getByText("Every day")).toBeInTheDocument();
    expect(await screen.findByText("Schedule of “Shop” saved.")).toBeInTheDocument();

    await user.click(within(await row("Shop")).getByRole("button", { name: "Refetch schedule: Shop" }));
    dialog = await screen.findByRole("dialog");
    await user.selectOptions(within(dialog).getByRole("combobox", { name: "Fetch again" }), "");
    await user.click(within(dialog).getByRole("button", { name: "Save" }));
    await waitFor(() => expect(within(screen.getByRole("table", { name: "Knowledge sources" })).queryByText("Every day")).not.toBeInTheDocument());
    expect(ws.calls).toEqual([`PUT /knowledge/sources/${site.id}/schedule {"refetch":"daily"}`, `PUT /knowledge/sources/${site.id}/schedule {}`]);
  });
});

describe("Knowledge: try it", () => {
  it("shows the chunks retrieval returns for a question, with source, heading, text and scores", async () => {
    knowledgeServer({ sources: [source()] });
    let asked: unknown = null;
    let path = "";
    server.use(
      http.post(api("/knowledge/assistants/:assistantId/try"), async ({ request, params }) => {
        asked = await request.json();
        path = String(params.assistantId);
        return HttpResponse.json(tryAnswer());
      }),
    );
    const { user } = await renderApp("/knowledge");
    await user.selectOptions(await screen.findByLabelText("Assistant"), "Sales bot");
    await user.type(screen.getByLabelText("Question"), "When do you open on Sunday?");
    await user.click(screen.getByRole("button", { name: "Find chunks" }));

    const results = await screen.findByRole("list", { name: "Chunks found" });
    const [chunk] = within(results).getAllByRole("listitem");
    expect(within(chunk!).getByRole("link", { name: "Opening hours" })).toHaveAttribute("href", "https://shop.example.com/hours");
    expect(within(chunk!).getByText("Opening hours › Sunday")).toHaveClass("chunk__heading");
    expect(chunk).toHaveTextContent("On Sunday we open later: from 11:00 to 16:00.");
    expect(chunk).toHaveTextContent("Score0.061");
    expect(chunk).toHaveTextContent("Text rank0.076");
    expect(chunk).toHaveTextContent("Similarity–");
    expect(screen.getByText(/Ranked by full text/)).toBeInTheDocument();
    expect(asked).toEqual({ question: "When do you open on Sunday?" });
    expect(path).toBe(SALES.id);
  });

  it("starts with an assistant that has sources", async () => {
    knowledgeServer({ sources: [source({ assistant_ids: [SALES.id] })] });
    await renderApp("/knowledge");
    expect(await screen.findByLabelText("Assistant")).toHaveDisplayValue("Sales bot");
  });

  it("says when nothing matches", async () => {
    knowledgeServer();
    server.use(http.post(api("/knowledge/assistants/:assistantId/try"), () => HttpResponse.json(tryAnswer({ data: [] }))));
    const { user } = await renderApp("/knowledge");
    await user.type(await screen.findByLabelText("Question"), "Do you sell bicycles?");
    await user.click(screen.getByRole("button", { name: "Find chunks" }));
    expect(await screen.findByText("Nothing in this assistant's sources matches the question.")).toBeInTheDocument();
  });
});
