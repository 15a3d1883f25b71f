import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { describeError } from "../../../api/errors";
import { useMessageText } from "../../../i18n/message";
import { useSession } from "../../auth/hooks/useSession";
import { useSwitchWorkspace } from "../api/team";

/** For users in several workspaces: choose which one to act in, without signing in again. */
export function WorkspaceSwitcher() {
  const { t } = useTranslation();
  const text = useMessageText();
  const session = useSession();
  const navigate = useNavigate();
  const switchTo = useSwitchWorkspace();
  return (
    <>
      <label className="visually-hidden" htmlFor="workspace-switcher">
        {t("nav.switchWorkspace")}
      </label>
      <select
        id="workspace-switcher"
        className="input input--compact workspace__switcher"
        value={session.tenant.id}
        disabled={switchTo.isPending}
        onChange={(e) => switchTo.mutate(e.target.value, { onSuccess: () => void navigate("/", { replace: true }) })}
      >
        {session.workspaces.map((w) => (
          <option key={w.id} value={w.id}>
            {w.name}
          </option>
        ))}
      </select>
      {switchTo.error && <p className="field__error" role="alert">{text(describeError(switchTo.error))}</p>}
    </>
  );
}
