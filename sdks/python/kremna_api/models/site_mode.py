from typing import Literal

SiteMode = Literal["crawl", "sitemap"]

SITE_MODE_VALUES: set[SiteMode] = {
    "crawl",
    "sitemap",
}


def check_site_mode(value: str) -> SiteMode:
    if value in SITE_MODE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {SITE_MODE_VALUES!r}")
