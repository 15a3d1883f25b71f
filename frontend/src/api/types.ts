// Names for the generated schema types. Never write these shapes by hand:
// they come from ../api/openapi.json through `npm run generate`.
import type { components, operations } from "./schema";

type Schemas = components["schemas"];

export type Session = Schemas["Session"];
export type Me = Schemas["Me"];
export type User = Schemas["User"];
export type Workspace = Schemas["Workspace"];
export type MemberRole = Schemas["MemberRole"];
export type LoginRequest = Schemas["LoginRequest"];
export type RegisterRequest = Schemas["RegisterRequest"];
export type UpdateProfileRequest = Schemas["UpdateProfileRequest"];
export type ChangePasswordRequest = Schemas["ChangePasswordRequest"];

export type Member = Schemas["Member"];
export type Invitation = Schemas["Invitation"];
export type CreatedInvitation = Schemas["CreatedInvitation"];
export type CreateInvitationRequest = Schemas["CreateInvitationRequest"];
export type InvitationPreview = Schemas["InvitationPreview"];
export type AcceptWithNewAccountRequest = Schemas["AcceptWithNewAccountRequest"];
export type AcceptWithAccountRequest = Schemas["AcceptWithAccountRequest"];
export type WorkspaceSettings = Schemas["WorkspaceSettings"];

export type Assistant = Schemas["Assistant"];
export type AssistantStatus = Schemas["AssistantStatus"];
export type HandoffPolicy = Schemas["HandoffPolicy"];
export type CreateAssistantRequest = Schemas["CreateAssistantRequest"];
export type UpdateAssistantRequest = Schemas["UpdateAssistantRequest"];
export type Theme = Schemas["Theme"];
export type LauncherPosition = Schemas["LauncherPosition"];

export type Chat = Schemas["Chat"];
export type ChatList = Schemas["ChatList"];
export type ChatSummary = Schemas["ChatSummary"];
export type Message = Schemas["Message"];
export type MessageRole = Schemas["MessageRole"];
export type ChatState = Schemas["ChatState"];
export type ChatEvent = Schemas["ChatEvent"];
export type ChatEventKind = Schemas["ChatEventKind"];
export type AgentMessage = Schemas["AgentMessage"];
export type ReplyCause = Schemas["ReplyCause"];
export type ChatIdentity = Schemas["ChatIdentity"];
export type LinkedChat = Schemas["LinkedChat"];
export type IdentitySecret = Schemas["IdentitySecret"];

export type AnalyticsReport = Schemas["AnalyticsReport"];
export type UsageSummary = Schemas["UsageSummary"];
export type DailyUsage = Schemas["DailyUsage"];
export type AssistantUsage = Schemas["AssistantUsage"];
export type ModelUsage = Schemas["ModelUsage"];
export type ExportKind = Schemas["ExportKind"];
export type ExportFormat = Schemas["ExportFormat"];
export type AnalyticsQuery = NonNullable<operations["getAnalytics"]["parameters"]["query"]>;
export type ExportQuery = operations["exportAnalytics"]["parameters"]["query"];

export type ErrorEnvelope = Schemas["Error"];

/**
 * The API's error codes. A plain string until the spec publishes them as an
 * enum; then this one line names that union and the client's tables are checked against it.
 */
export type ErrorCode = ErrorEnvelope["error"]["code"];

export type ApiKey = Schemas["ApiKey"];
export type ApiKeyStatus = Schemas["ApiKeyStatus"];
export type CreateApiKeyRequest = Schemas["CreateApiKeyRequest"];
export type CreatedApiKey = Schemas["CreatedApiKey"];

export type WebhookEndpoint = Schemas["WebhookEndpoint"];
export type WebhookEventType = Schemas["WebhookEventType"];
export type CreatedWebhookEndpoint = Schemas["CreatedWebhookEndpoint"];
export type CreateWebhookEndpoint = Schemas["CreateWebhookEndpoint"];
export type UpdateWebhookEndpoint = Schemas["UpdateWebhookEndpoint"];
export type WebhookDelivery = Schemas["WebhookDelivery"];
export type KnowledgeSource = Schemas["SourceView"];
export type KnowledgeKind = Schemas["KnowledgeKind"];
export type KnowledgeState = Schemas["KnowledgeState"];
export type KnowledgeSourceFailure = Schemas["SourceFailure"];
export type KnowledgeLanguage = Schemas["Language"];
export type CreateTextSourceRequest = Schemas["CreateTextSourceRequest"];
export type CreateUrlSourceRequest = Schemas["CreateUrlSourceRequest"];
export type CreateSiteSourceRequest = Schemas["CreateSiteSourceRequest"];
export type KnowledgePage = Schemas["PageView"];
export type RefetchSchedule = Schemas["RefetchSchedule"];
export type RetrievedChunk = Schemas["RetrievedChunk"];
export type TryResponse = Schemas["TryResponse"];
export type KnowledgeSettings = Schemas["KnowledgeSettings"];
export type KnowledgeLimits = Schemas["KnowledgeLimits"];
export type MessageSource = Schemas["MessageSourceView"];
