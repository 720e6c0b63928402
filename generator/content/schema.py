"""The content contract: the fields an initiative or a story may have, their types and rules.

Only shape is checked here; names that refer to lists (province, union, sector, programme, organisation kind)
and to other records (story -> initiatives) are resolved in `validate.py`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal, get_args

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    StringConstraints,
)
from pydantic_core import PydanticCustomError

from generator.common.text import clean, one_line

# Bounds, cited by the README's content format. A record past them is refused with the number it has:
# a list of 50,000 tags once made a 971 KB page and an eight times larger search bundle.
TEXT_CHARS = 500  # a title, a name, a caption
PARAGRAPH_CHARS = 2000  # a summary
LONG_TEXT_CHARS = 20_000  # problem, solution, results (Markdown)
TAG_CHARS = 60
MAX_TAGS = 20
MAX_AUTHORS = 30
MAX_IMAGES = 20
MAX_STORY_INITIATIVES = 50  # initiatives one story cites


def _text(fn):
    return lambda value: fn(value) if isinstance(value, str) else value


_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def _day(value):
    """A real calendar day written YYYY-MM-DD: `2022-02-30` is a day that does not exist, not a format error."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    match = _DAY.fullmatch(value.strip()) if isinstance(value, str) else None
    if match is None:
        raise PydanticCustomError("date_format", "ngày phải viết dạng YYYY-MM-DD, ví dụ 2022-08-15")
    year, month, day = match.groups()
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        raise PydanticCustomError(
            "date_impossible", "ngày {day}/{month}/{year} không tồn tại", {"day": day, "month": month, "year": year}
        ) from None


# Plain text is shown on one line: a blank line inside it could never break out of its HTML block. It is
# cleaned before its length is checked: a title of invisible characters only is empty, not "one character".
_ONE_LINE = BeforeValidator(_text(one_line))
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=TEXT_CHARS), _ONE_LINE]
Paragraph = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=PARAGRAPH_CHARS), _ONE_LINE
]
Tag = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=TAG_CHARS), _ONE_LINE]
LongText = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=LONG_TEXT_CHARS), BeforeValidator(_text(clean))
]
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9-]{2,63}$"  # also a file name (showcase import) and part of an address
RecordId = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
Money = Annotated[int, Field(ge=0, le=10**16, strict=True)]
Day = Annotated[dt.date, BeforeValidator(_day)]
Flag = Annotated[bool, Strict()]  # `yes`, `1` or `"true"` are not answers to a yes-or-no field

Status = Literal["approved", "pending", "rejected", "withdrawn"]
Recognition = Literal["co-so", "cap-nganh", "cap-tinh", "toan-quoc"]
STATUSES, RECOGNITION = get_args(Status), get_args(Recognition)


class _Strict(BaseModel):
    # Unknown keys are typos ("titel"), never silently dropped.
    model_config = ConfigDict(extra="forbid", frozen=True)


class Organization(_Strict):
    name: Text
    # A key of formatting.ORGANIZATION_KINDS, or a label or English word for one ("Doanh nghiệp", "enterprise"):
    # resolved to the key in validate.py, against content/taxonomies/organization-kinds.csv.
    kind: Text = "doanh-nghiep"


class Author(_Strict):
    name: Text
    role: Text | None = None
    consent_public: Flag = False


class Image(_Strict):
    file: Text
    alt: Text
    credit: Text | None = None
    license: Text | None = None
    people: Flag = False  # shows identifiable people
    consent_public: Flag = False  # ... who agreed to its publication

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
    status: Status
    approved_on: Day | None = None
    programme: Text | None = None
    province: Text | None = None  # required, unless `union` is a national union (validate.py)
    union: Text | None = None  # the issuing union; a province's federation of labour when not written
    sector: Text
    organization: Organization | None = None
    authors: Annotated[list[Author], Field(max_length=MAX_AUTHORS)] = []
    benefit_vnd: Money | None = None
    benefit_note: Text | None = None
    recognition: Recognition | None = None
    problem: LongText = ""
    solution: LongText = ""
    results: LongText = ""
    tags: Annotated[list[Tag], Field(max_length=MAX_TAGS)] = []
    featured: Flag = False
    images: Annotated[list[Image], Field(max_length=MAX_IMAGES)] = []
    press_contact: PressContact | None = None


def initiative_rules(data: dict) -> list[tuple[str, str]]:
    """Rules across fields, as (field, reason). They read the raw data, so they are reported together
    with any field's own error (a model validator would only run once every field is right)."""
    if data.get("status") == "approved" and data.get("approved_on") is None:
        return [("approved_on", "bắt buộc khi status là approved")]
    return []


class StoryRecord(_Strict):
    title: Text
    date: Day
    summary: Paragraph
    province: Text | None = None
    sector: Text | None = None
    initiatives: Annotated[list[RecordId], Field(max_length=MAX_STORY_INITIATIVES)] = []
    cover: Image | None = None
    byline: Text | None = None
    featured: Flag = False
