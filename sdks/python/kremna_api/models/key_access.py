from typing import Literal

KeyAccess = Literal["read", "write"]

KEY_ACCESS_VALUES: set[KeyAccess] = {
    "read",
    "write",
}


def check_key_access(value: str) -> KeyAccess:
    if value in KEY_ACCESS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {KEY_ACCESS_VALUES!r}"
    )
