"""The content contract: the fields an initiative or a story may have, their types and rules.

Only shape is checked here; names that refer to lists (province, sector, programme) and to other
records (story -> initiatives) are resolved in `validate.py`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, model_validator

from generator.common.text import clean, one_line


def _plain(max_length: int):
    """Plain text is shown on one line: a blank line inside it could never break out of its HTML block."""
    return Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=max_length),
                     AfterValidator(one_line)]


Text = _plain(500)
Paragraph = _plain(2000)
LongText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=20_000), AfterValidator(clean)]
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
    people: bool = False  # shows identifiable people
    consent_public: bool = False  # ... who agreed to its publication

    @property
    def publishable(self) -> bool:
        return self.consent_public or not self.people


class PressContact(_Strict):
    name: Text
    email: Text | None = None
    phone: Text | None = None


class InitiativeRecord(_Strict):
    id: RecordId
    title: Text
    summary: Paragraph
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
    tags: list[_plain(60)] = []
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
    summary: Paragraph
    province: Text | None = None
    sector: Text | None = None
    initiatives: list[RecordId] = []
    cover: Image | None = None
    byline: Text | None = None
    featured: bool = False
