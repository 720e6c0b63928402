"""Vietnamese formatting of numbers, money and dates."""

from __future__ import annotations

import datetime as dt

ORGANIZATION_KINDS = {
    "doanh-nghiep": "Doanh nghiệp",
    "co-quan": "Cơ quan",
    "truong-hoc": "Trường học",
    "benh-vien": "Bệnh viện",
    "hop-tac-xa": "Hợp tác xã",
    "khac": "Đơn vị khác",
}


def number(value: int) -> str:
    """1200000 -> "1.200.000" (dot groups thousands in Vietnamese)."""
    return f"{value:,}".replace(",", ".")


def _decimal(value: float) -> str:
    """Two decimals under 10, one above, trailing zeros dropped: 1,25 / 52,3 / 10.234."""
    text = f"{value:,.{2 if value < 10 else 1}f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return text.rstrip("0").rstrip(",")


def money(value: int) -> str:
    """Exact amount: "1.200.000.000 đ"."""
    return f"{number(value)} đ"


def money_short(value: int) -> str:
    """Reader-friendly amount: "1,2 tỷ đồng", "350 triệu đồng"."""
    for unit, word in ((10**9, "tỷ"), (10**6, "triệu"), (10**3, "nghìn")):
        if value >= unit:
            return f"{_decimal(value / unit)} {word} đồng"
    return f"{number(value)} đồng"


def date(value: dt.date) -> str:
    return value.strftime("%d/%m/%Y")


def filesize(value: int) -> str:
    """412 KB, 2,4 MB."""
    if value >= 1_000_000:
        return f"{_decimal(value / 1_000_000)} MB"
    return f"{max(1, round(value / 1000))} KB"
