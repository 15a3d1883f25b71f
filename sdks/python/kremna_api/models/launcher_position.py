from typing import Literal

LauncherPosition = Literal["left", "right"]

LAUNCHER_POSITION_VALUES: set[LauncherPosition] = {
    "left",
    "right",
}


def check_launcher_position(value: str) -> LauncherPosition:
    if value in LAUNCHER_POSITION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {LAUNCHER_POSITION_VALUES!r}"
    )
