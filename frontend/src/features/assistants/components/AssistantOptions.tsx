import { useTranslation } from "react-i18next";
import type { Assistant } from "../../../api/types";

/**
 * The options of an "assistant" filter: all, then each assistant by name. A shared
 * link may name an assistant the list doesn't have (yet, or any more): it stays
 * selectable instead of the select silently showing "All assistants".
 */
export function AssistantOptions({
  selected,
  assistants,
  loading,
}: {
  selected: string | null;
  assistants: Assistant[] | undefined;
  loading: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      <option value="">{t("assistants.options.all")}</option>
      {selected && !assistants?.some((a) => a.id === selected) && (
        <option value={selected}>{loading ? t("common.loading") : t("assistants.options.unknown")}</option>
      )}
      {assistants?.map((a) => (
        <option key={a.id} value={a.id}>
          {a.name}
        </option>
      ))}
    </>
  );
}
