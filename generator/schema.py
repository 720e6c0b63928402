"""The content contract: the fields an initiative or a story may have, their types and rules.

Only shape is checked here; names that refer to lists (province, sector, programme) and to other
records (story -> initiatives) are resolved in `validate.py`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=20_000)]
RecordId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9-]{2,63}$")]
Money = Annotated[int, Field(ge=0, le=10**16, strict=True)]

STATUSES = ("approved", "pending", "rejected", "withdrawn")
RECOGNITION = ("co-so", "cap-nganh", "cap-tinh", "toan-quoc")
ORGANIZATION_KINDS = ("doanh-nghiep", "co-quan", "truong-hoc", "benh-vien", "hop-tac-xa", "khac")


class _Strict(BaseModel):
    # Unknown keys are typos ("titel"), never silently dropped.
    model_config = ConfigDict(extra="forbid", frozen=True)


class Organization(_Strict):
    name: Text
    kind: Literal[ORGANIZATION_KINDS] = "doanh-nghiep"


class Author(_Strict):
    name: Text
    role: Text | None = None
    consent_public: bool = False


class Image(_Strict):
    file: Text
    alt: Text
    credit: Text | None = None
    license: Text | None = None


class PressContact(_Strict):
    name: Text
    email: Text | None = None
    phone: Text | None = None


class InitiativeRecord(_Strict):
    id: RecordId
    title: Text
    summary: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
    status: Literal[STATUSES]
    approved_on: dt.date | None = None
    programme: Text | None = None
    province: Text
    sector: Text
    organization: Organization | None = None
    authors: list[Author] = []
    benefit_vnd: Money | None = None
    benefit_note: Text | None = None
    recognition: Literal[RECOGNITION] | None = None
    problem: LongText = ""
    solution: LongText = ""
    results: LongText = ""
    tags: list[Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)]] = []
    featured: bool = False
    images: list[Image] = []
    press_contact: PressContact | None = None

    @model_validator(mode="after")
    def _approved_has_date(self):
        if self.status == "approved" and self.approved_on is None:
            raise ValueError("approved_on: bắt buộc khi status là approved")
        return self


class StoryRecord(_Strict):
    title: Text
    date: dt.date
    summary: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
    province: Text | None = None
    sector: Text | None = None
    initiatives: list[RecordId] = []
    cover: Image | None = None
    byline: Text | None = None
    featured: bool = False
