from typing import Literal

RefetchSchedule = Literal["daily", "weekly"]

REFETCH_SCHEDULE_VALUES: set[RefetchSchedule] = {
    "daily",
    "weekly",
}


def check_refetch_schedule(value: str) -> RefetchSchedule:
    if value in REFETCH_SCHEDULE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {REFETCH_SCHEDULE_VALUES!r}"
    )
