from typing import Literal

KeyResourceAccess = Literal["none", "read", "write"]

KEY_RESOURCE_ACCESS_VALUES: set[KeyResourceAccess] = {
    "none",
    "read",
    "write",
}


def check_key_resource_access(value: str) -> KeyResourceAccess:
    if value in KEY_RESOURCE_ACCESS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {KEY_RESOURCE_ACCESS_VALUES!r}"
    )
