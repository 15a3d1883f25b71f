// Everything the live connection needs beyond the store, in one lazily loaded chunk
// (with socket.io-client): the first page of the dashboard does not wait for it.
import type { AgentsConnection } from "./agentsSocket";
import { connectAgents } from "./agentsSocket";
import { inboxHandlers, type HandlerDeps } from "./handlers";

export function startInbox(url: string, token: () => string | null, deps: HandlerDeps): Promise<AgentsConnection> {
  return connectAgents(url, token, inboxHandlers(deps));
}
