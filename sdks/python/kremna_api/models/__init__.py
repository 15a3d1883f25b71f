"""Contains all the data models used in inputs/outputs"""

from .accept_with_account_request import AcceptWithAccountRequest
from .accept_with_new_account_request import AcceptWithNewAccountRequest
from .agent_message import AgentMessage
from .agent_message_request import AgentMessageRequest
from .analytics_report import AnalyticsReport
from .api_key import ApiKey
from .api_key_list import ApiKeyList
from .api_key_status import ApiKeyStatus
from .assign_chat_request import AssignChatRequest
from .assistant import Assistant
from .assistant_list import AssistantList
from .assistant_status import AssistantStatus
from .assistant_usage import AssistantUsage
from .change_password_request import ChangePasswordRequest
from .change_role_request import ChangeRoleRequest
from .chat import Chat
from .chat_event import ChatEvent
from .chat_event_kind import ChatEventKind
from .chat_identity import ChatIdentity
from .chat_list import ChatList
from .chat_read_view import ChatReadView
from .chat_state import ChatState
from .chat_status import ChatStatus
from .chat_summary import ChatSummary
from .chunk_list import ChunkList
from .chunk_view import ChunkView
from .conversation import Conversation
from .conversation_exchange import ConversationExchange
from .conversation_list import ConversationList
from .conversation_message import ConversationMessage
from .conversation_message_list import ConversationMessageList
from .conversation_message_request import ConversationMessageRequest
from .create_api_key_request import CreateApiKeyRequest
from .create_assistant_request import CreateAssistantRequest
from .create_invitation_request import CreateInvitationRequest
from .create_site_source_request import CreateSiteSourceRequest
from .create_text_source_request import CreateTextSourceRequest
from .create_url_source_request import CreateUrlSourceRequest
from .create_webhook_endpoint import CreateWebhookEndpoint
from .created_api_key import CreatedApiKey
from .created_invitation import CreatedInvitation
from .created_webhook_endpoint import CreatedWebhookEndpoint
from .daily_usage import DailyUsage
from .error import Error
from .error_body import ErrorBody
from .error_code import ErrorCode
from .export_analytics_timezone import ExportAnalyticsTimezone
from .export_format import ExportFormat
from .export_kind import ExportKind
from .feed_delta import FeedDelta
from .feed_error import FeedError
from .feed_event_feed_delta import FeedEventFeedDelta
from .feed_event_feed_delta_type import FeedEventFeedDeltaType
from .feed_event_feed_error import FeedEventFeedError
from .feed_event_feed_error_type import FeedEventFeedErrorType
from .feed_event_feed_message import FeedEventFeedMessage
from .feed_event_feed_message_type import FeedEventFeedMessageType
from .feed_event_feed_state import FeedEventFeedState
from .feed_event_feed_state_type import FeedEventFeedStateType
from .feed_event_feed_typing import FeedEventFeedTyping
from .feed_event_feed_typing_type import FeedEventFeedTypingType
from .feed_message import FeedMessage
from .feed_state import FeedState
from .feed_typing import FeedTyping
from .get_analytics_timezone import GetAnalyticsTimezone
from .handoff_policy import HandoffPolicy
from .identity_secret import IdentitySecret
from .invitation import Invitation
from .invitation_list import InvitationList
from .invitation_preview import InvitationPreview
from .invitation_token_request import InvitationTokenRequest
from .key_access import KeyAccess
from .key_resource_access import KeyResourceAccess
from .key_resources import KeyResources
from .key_resources_view import KeyResourcesView
from .knowledge_failure import KnowledgeFailure
from .knowledge_kind import KnowledgeKind
from .knowledge_limits import KnowledgeLimits
from .knowledge_settings import KnowledgeSettings
from .knowledge_state import KnowledgeState
from .language import Language
from .latency_stats import LatencyStats
from .launcher_position import LauncherPosition
from .linked_chat import LinkedChat
from .login_request import LoginRequest
from .mark_read_request import MarkReadRequest
from .me import Me
from .member import Member
from .member_list import MemberList
from .member_role import MemberRole
from .message import Message
from .message_error import MessageError
from .message_preview import MessagePreview
from .message_role import MessageRole
from .message_source_list import MessageSourceList
from .message_source_view import MessageSourceView
from .message_status import MessageStatus
from .model_usage import ModelUsage
from .page_list import PageList
from .page_view import PageView
from .refetch_schedule import RefetchSchedule
from .register_request import RegisterRequest
from .reply_cause import ReplyCause
from .retrieved_chunk import RetrievedChunk
from .schedule_request import ScheduleRequest
from .session import Session
from .site_mode import SiteMode
from .source_failure import SourceFailure
from .source_list import SourceList
from .source_view import SourceView
from .start_conversation_request import StartConversationRequest
from .switch_workspace_request import SwitchWorkspaceRequest
from .theme import Theme
from .try_request import TryRequest
from .try_response import TryResponse
from .unread_summary import UnreadSummary
from .update_assistant_request import UpdateAssistantRequest
from .update_profile_request import UpdateProfileRequest
from .update_webhook_endpoint import UpdateWebhookEndpoint
from .update_workspace_request import UpdateWorkspaceRequest
from .upload_file_source_body import UploadFileSourceBody
from .usage_summary import UsageSummary
from .user import User
from .webhook_attempt import WebhookAttempt
from .webhook_delivery import WebhookDelivery
from .webhook_delivery_list import WebhookDeliveryList
from .webhook_delivery_status import WebhookDeliveryStatus
from .webhook_endpoint import WebhookEndpoint
from .webhook_endpoint_list import WebhookEndpointList
from .webhook_event_type import WebhookEventType
from .webhook_secret import WebhookSecret
from .widget_config import WidgetConfig
from .widget_theme import WidgetTheme
from .workspace import Workspace
from .workspace_settings import WorkspaceSettings

__all__ = (
    "AcceptWithAccountRequest",
    "AcceptWithNewAccountRequest",
    "AgentMessage",
    "AgentMessageRequest",
    "AnalyticsReport",
    "ApiKey",
    "ApiKeyList",
    "ApiKeyStatus",
    "AssignChatRequest",
    "Assistant",
    "AssistantList",
    "AssistantStatus",
    "AssistantUsage",
    "ChangePasswordRequest",
    "ChangeRoleRequest",
    "Chat",
    "ChatEvent",
    "ChatEventKind",
    "ChatIdentity",
    "ChatList",
    "ChatReadView",
    "ChatState",
    "ChatStatus",
    "ChatSummary",
    "ChunkList",
    "ChunkView",
    "Conversation",
    "ConversationExchange",
    "ConversationList",
    "ConversationMessage",
    "ConversationMessageList",
    "ConversationMessageRequest",
    "CreateApiKeyRequest",
    "CreateAssistantRequest",
    "CreateInvitationRequest",
    "CreateSiteSourceRequest",
    "CreateTextSourceRequest",
    "CreateUrlSourceRequest",
    "CreateWebhookEndpoint",
    "CreatedApiKey",
    "CreatedInvitation",
    "CreatedWebhookEndpoint",
    "DailyUsage",
    "Error",
    "ErrorBody",
    "ErrorCode",
    "ExportAnalyticsTimezone",
    "ExportFormat",
    "ExportKind",
    "FeedDelta",
    "FeedError",
    "FeedEventFeedDelta",
    "FeedEventFeedDeltaType",
    "FeedEventFeedError",
    "FeedEventFeedErrorType",
    "FeedEventFeedMessage",
    "FeedEventFeedMessageType",
    "FeedEventFeedState",
    "FeedEventFeedStateType",
    "FeedEventFeedTyping",
    "FeedEventFeedTypingType",
    "FeedMessage",
    "FeedState",
    "FeedTyping",
    "GetAnalyticsTimezone",
    "HandoffPolicy",
    "IdentitySecret",
    "Invitation",
    "InvitationList",
    "InvitationPreview",
    "InvitationTokenRequest",
    "KeyAccess",
    "KeyResourceAccess",
    "KeyResources",
    "KeyResourcesView",
    "KnowledgeFailure",
    "KnowledgeKind",
    "KnowledgeLimits",
    "KnowledgeSettings",
    "KnowledgeState",
    "Language",
    "LatencyStats",
    "LauncherPosition",
    "LinkedChat",
    "LoginRequest",
    "MarkReadRequest",
    "Me",
    "Member",
    "MemberList",
    "MemberRole",
    "Message",
    "MessageError",
    "MessagePreview",
    "MessageRole",
    "MessageSourceList",
    "MessageSourceView",
    "MessageStatus",
    "ModelUsage",
    "PageList",
    "PageView",
    "RefetchSchedule",
    "RegisterRequest",
    "ReplyCause",
    "RetrievedChunk",
    "ScheduleRequest",
    "Session",
    "SiteMode",
    "SourceFailure",
    "SourceList",
    "SourceView",
    "StartConversationRequest",
    "SwitchWorkspaceRequest",
    "Theme",
    "TryRequest",
    "TryResponse",
    "UnreadSummary",
    "UpdateAssistantRequest",
    "UpdateProfileRequest",
    "UpdateWebhookEndpoint",
    "UpdateWorkspaceRequest",
    "UploadFileSourceBody",
    "UsageSummary",
    "User",
    "WebhookAttempt",
    "WebhookDelivery",
    "WebhookDeliveryList",
    "WebhookDeliveryStatus",
    "WebhookEndpoint",
    "WebhookEndpointList",
    "WebhookEventType",
    "WebhookSecret",
    "WidgetConfig",
    "WidgetTheme",
    "Workspace",
    "WorkspaceSettings",
)
