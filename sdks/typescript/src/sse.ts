// Server-Sent Events as the HTML standard parses them: lines end in CRLF, LF or
// CR; a line starting with ':' is a comment (the server's keep-alives); `data`
// lines join with '\n'; a blank line dispatches the event. Chunks may split a
// line (or a multi-byte character) anywhere.

export interface SseMessage {
  event: string;
  data: string;
  id?: string;
}

export async function* parseSse(body: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>): AsyncGenerator<SseMessage> {
  const decoder = new TextDecoder();
  let buffer = '';
  let event = '';
  let data: string[] = [];
  let id: string | undefined;

  function* takeLines(final: boolean): Generator<SseMessage> {
    for (;;) {
      const match = /\r\n|\n|\r/.exec(buffer);
      // A trailing CR may be the first half of CRLF: wait for the next chunk.
      if (!match || (!final && match[0] === '\r' && match.index === buffer.length - 1)) return;
      const line = buffer.slice(0, match.index);
      buffer = buffer.slice(match.index + match[0].length);
      if (line === '') {
        if (data.length > 0) yield { event: event || 'message', data: data.join('\n'), id };
        event = '';
        data = [];
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      let value = colon === -1 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
      else if (field === 'id' && !value.includes('\0')) id = value;
    }
  }

  for await (const chunk of body as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    yield* takeLines(false);
  }
  buffer += decoder.decode();
  yield* takeLines(true);
  // The standard drops an event that is not ended by a blank line.
}
