import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Chat, ChatIdentity } from "../../../api/types";
import { RelativeTime } from "../../../components/RelativeTime";
import { StateBadge } from "../../inbox/components/StateBadge";

/**
 * Whether the host page's `Kremna.identify` claim was verified (its `userHash` was right
 * for the assistant's identity secret) or is only a claim. The words differ, not only
 * the colour.
 */
export function IdentityBadge({ identity }: { identity: ChatIdentity }) {
  const { t } = useTranslation();
  return identity.verified ? (
    <span className="badge badge--active">{t("chats.identity.verified")}</span>
  ) : (
    <span className="badge badge--unverified">{t("chats.identity.unverified")}</span>
  );
}

/** Who the visitor is, as the host page said; a verified user's other chats. */
export function VisitorIdentityCard({ chat }: { chat: Chat }) {
  const { t } = useTranslation();
  const identity = chat.identity;
  if (!identity) return null;
  return (
    <section className="card" aria-labelledby="visitor-identity-title">
      <div className="card__header card__header--row">
        <h2 className="card__title" id="visitor-identity-title">
          {t("chats.identity.title")}
        </h2>
        <IdentityBadge identity={identity} />
      </div>
      <div className="card__body stack">
        <dl className="details">
          {identity.name && (
            <>
              <dt>{t("chats.identity.name")}</dt>
              <dd className="break">{identity.name}</dd>
            </>
          )}
          {identity.email && (
            <>
              <dt>{t("chats.identity.email")}</dt>
              <dd className="break">{identity.email}</dd>
            </>
          )}
          <dt>{t("chats.identity.userId")}</dt>
          <dd>
            <code className="break">{identity.user_id}</code>
          </dd>
        </dl>
        {identity.verified ? (
          <div>
            <h3 className="section-title" id="visitor-other-chats">
              {t("chats.identity.otherChats")}
            </h3>
            {chat.verified_user_chats.length === 0 ? (
              <p className="note">{t("chats.identity.noOtherChats")}</p>
            ) : (
              <ul className="identity-chats" aria-labelledby="visitor-other-chats">
                {chat.verified_user_chats.map((c) => (
                  <li key={c.id}>
                    <Link to={`/chats/${c.id}`}>{c.title.trim() || t("chats.untitled")}</Link> <StateBadge state={c.state} />{" "}
                    <span className="identity-chats__time">
                      <RelativeTime value={c.last_message_at} />
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </div>
        ) : (
          <p className="note note--warning">{t("chats.identity.unverifiedNote")}</p>
        )}
      </div>
    </section>
  );
}
