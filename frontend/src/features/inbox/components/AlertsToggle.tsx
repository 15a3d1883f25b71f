import { useState, useSyncExternalStore } from "react";
import { useTranslation } from "react-i18next";
import { alertsEnabled, notificationPermission, setAlerts, subscribeAlerts } from "../lib/alerts";

/**
 * "Alert me when a chat needs a person": off by default; turning it on asks the browser
 * for notification permission (only then), and plays a tone either way.
 */
export function AlertsToggle() {
  const { t } = useTranslation();
  const on = useSyncExternalStore(subscribeAlerts, alertsEnabled);
  const [permission, setPermission] = useState(notificationPermission);
  return (
    <div className="alerts-toggle">
      <label className="switch">
        <input
          type="checkbox"
          role="switch"
          checked={on}
          onChange={(e) => {
            void setAlerts(e.target.checked).then(() => setPermission(notificationPermission()));
          }}
        />
        <span className="switch__track" aria-hidden="true">
          <span className="switch__thumb" />
        </span>
        <span className="switch__label">{t("inbox.alerts.toggle")}</span>
      </label>
      {on && permission === "denied" && <p className="alerts-toggle__note">{t("inbox.alerts.blocked")}</p>}
    </div>
  );
}
