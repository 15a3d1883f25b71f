from typing import Literal

ExportKind = Literal["messages", "usage"]

EXPORT_KIND_VALUES: set[ExportKind] = {
    "messages",
    "usage",
}


def check_export_kind(value: str) -> ExportKind:
    if value in EXPORT_KIND_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {EXPORT_KIND_VALUES!r}"
    )
