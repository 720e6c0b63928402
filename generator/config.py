"""The site's configuration: who publishes it, where, how long its lists are. One typed object, read once from
`showcase.yml` in the project folder, checked like content, and handed down to every stage.

The site engine's own settings (theme, Markdown extensions) stay in `mkdocs.yml`; the values below that the
engine shows too (name, description, address, copyright) are passed to it from here, so they are set once.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

FILE = "showcase.yml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Contact(_Strict):
    name: str
    email: str


class Licence(_Strict):
    name: str = "CC BY 4.0"
    url: str = "https://creativecommons.org/licenses/by/4.0/deed.vi"


class Site(_Strict):
    name: str = "Một triệu sáng kiến"
    description: str = (
        "Những sáng kiến của người lao động Việt Nam được công nhận trong phong trào thi đua "
        "của Tổng Liên đoàn Lao động Việt Nam."
    )
    publisher: str = "Tổng Liên đoàn Lao động Việt Nam"
    copyright: str = "Nội dung do Tổng Liên đoàn Lao động Việt Nam và các cấp công đoàn cung cấp."
    # The public address: canonical links, share cards, linked data, sitemap, feeds and open data start with it.
    public_url: str = "https://sangkien.example.org/"
    press_contacts: tuple[Contact, ...] = (
        Contact(name="Ban Tuyên giáo Tổng Liên đoàn Lao động Việt Nam", email="baochi@example.org"),
    )
    takedown_contact: str = "baochi@example.org"
    licence: Licence = Licence()

    @field_validator("public_url")
    @classmethod
    def _address(cls, value: str) -> str:
        if not value.startswith(("https://", "http://")):
            raise ValueError("phải bắt đầu bằng https://")
        return value.rstrip("/") + "/"


class Lists(_Strict):
    page_size: int = Field(24, ge=1, le=500)  # initiatives on a page of a province, sector or organisation
    organizations_page_size: int = Field(50, ge=1, le=1000)  # rows of the organisation rankings
    press_leads: int = Field(10, ge=1, le=100)  # initiatives in each list of the press corner
    newest_on_home: int = Field(12, ge=0, le=100)
    newest_on_index: int = Field(48, ge=0, le=500)


class Duplicates(_Strict):
    # Two initiatives whose texts score this much (0–1: the larger of weighted resemblance and containment of
    # their word trigrams) are reported as near-duplicates by `showcase duplicates`, `check` and `build`.
    threshold: float = Field(0.7, ge=0.3, le=1.0)
    related: int = Field(5, ge=0, le=20)  # similar initiatives of other organisations linked from a page


class Config(_Strict):
    site: Site = Site()
    lists: Lists = Lists()
    duplicates: Duplicates = Duplicates()


class ConfigError(ValueError):
    """A problem in showcase.yml, said as `file:line: field: reason («value»)`."""


def load(project: Path) -> Config:
    """The configuration of the project in `project`; defaults where the file is absent or silent."""
    from generator.content.messages import reason
    from generator.content.source import SourceError, parse_yaml, read_text

    path = project / FILE
    if not path.is_file():
        return Config()
    try:
        doc = parse_yaml(read_text(path))
    except SourceError as e:
        raise ConfigError(f"{path}:{e.line}: (tệp): {e.reason}") from None
    try:
        return Config.model_validate(doc.data)
    except ValidationError as e:
        lines = []
        for err in e.errors():
            loc = tuple(err["loc"])
            lines.append(f"{path}:{doc.line_of(loc)}: {'.'.join(map(str, loc))}: {reason(err, Config)}")
        raise ConfigError("\n".join(lines)) from None
