"""A grammar of disguised personal data, for property tests.

Each strategy builds a value the way someone hiding it from a scanner might write it — separators between
digits, encodings (HTML entities decimal, hex or double-encoded, full-width forms, Cyrillic look-alikes),
invisible inserts (zero-width characters, soft hyphen, tag characters, Hangul filler), Markdown escapes and
emphasis, HTML comments and inline tags, line breaks — and returns what to look for afterwards:

- ``phones()``, ``emails()``, ``id_numbers()`` -> ``(disguised_text, canonical)``: for a phone the national
  number without trunk 0 or country code (``"912345678"``), whatever prefix the disguise used; for an ID its
  digits; for an e-mail ``local@domain.tld`` in lowercase. Search outputs with separators removed (digits
  only) or lowercased.
- ``withheld_names()`` -> ``(disguised_text, canonical, author_name)``: the author's name to declare as
  withheld (``consent_public: false``), and the folded words a reader would see (``"anh manh"``,
  ``"tran bi mat"``: lowercase, no marks, ``đ`` -> ``d``, words joined by one space).
- ``placed(strategy, markdown)`` puts a disguised value inside a sentence, at its start, middle or end; in
  Markdown also in a list item, a quote, emphasis, a link's text, or across a line break.

Plain-text fields are shown on one line: with ``markdown=False`` no line break is generated inside a value.
"""

from __future__ import annotations

import unicodedata

from hypothesis import strategies as st

from generator.common.text import fold

ZERO_WIDTH = [
    "\u200b",
    "\u200c",
    "\u200d",
    "\u2060",
    "\ufeff",
    "\u00ad",
    "\u180e",
    "\u061c",
    "\u2062",
    "\U000e0041",
    "\U000e0020",
    "\u3164",
    "\u115f",
    "\u034f",
]
SPACES = [" ", "\u00a0", "\u2009", "\u202f", "\u2002", "\u3000"]
CYRILLIC = {
    "a": "а",
    "e": "е",
    "o": "о",
    "p": "р",
    "c": "с",
    "y": "у",
    "x": "х",
    "i": "і",
    "j": "ј",
    "s": "ѕ",
    "h": "һ",
    "A": "А",
    "B": "В",
    "E": "Е",
    "K": "К",
    "M": "М",
    "H": "Н",
    "O": "О",
    "P": "Р",
    "C": "С",
    "T": "Т",
    "X": "Х",
    "Y": "У",
}
GREEK = {
    "A": "Α",
    "B": "Β",
    "E": "Ε",
    "H": "Η",
    "I": "Ι",
    "K": "Κ",
    "M": "Μ",
    "N": "Ν",
    "O": "Ο",
    "P": "Ρ",
    "T": "Τ",
    "X": "Χ",
    "Y": "Υ",
    "Z": "Ζ",
    "o": "ο",
    "v": "ν",
}


# --- characters -------------------------------------------------------------------------------------------


def _full_width(char: str) -> str:
    return chr(ord(char) + 0xFEE0) if "!" <= char <= "~" else char


@st.composite
def encoded_char(draw, char: str, letters: bool = False) -> str:
    """One character as written: itself, or an entity, full-width, a look-alike, decomposed."""
    ways = ["plain"] * 6 + ["decimal", "hex", "double", "named0"]
    if "!" <= char <= "~":
        ways.append("full")
    if letters and (char in CYRILLIC or char in GREEK):
        ways += ["lookalike"] * 2
    if letters and unicodedata.normalize("NFD", char) != char:
        ways.append("nfd")
    way = draw(st.sampled_from(ways))
    if way == "decimal":
        return f"&#{ord(char)};"
    if way == "hex":
        return f"&#x{ord(char):x};" if draw(st.booleans()) else f"&#X{ord(char):X};"
    if way == "double":
        return f"&amp;#{ord(char)};"
    if way == "named0" and char == "@":
        return "&commat;"
    if way == "full":
        return _full_width(char)
    if way == "lookalike":
        return draw(st.sampled_from([t[char] for t in (CYRILLIC, GREEK) if char in t]))
    if way == "nfd":
        return unicodedata.normalize("NFD", char)
    return char


def noise(markdown: bool) -> st.SearchStrategy[str]:
    """Something a reader does not see, put between two characters."""
    options = [
        st.sampled_from(ZERO_WIDTH),
        st.just("<!-- -->"),
        st.just("<!--x-->"),
        st.just("<span></span>"),
        st.just("****"),
    ]
    return st.one_of(*options)


@st.composite
def disguise(draw, text: str, markdown: bool, letters: bool = False, invisible: bool = True) -> str:
    """`text` with each character perhaps encoded, invisible things perhaps put between characters, and
    perhaps emphasis around part of it (`0912**345**678`, `Mười **Mộ**t`)."""
    tokens = []
    for i, char in enumerate(text):
        if i and invisible and draw(st.integers(0, 9)) == 0:
            tokens.append(draw(noise(markdown)))
        tokens.append(draw(encoded_char(char, letters)))
    if invisible and len(tokens) >= 3 and draw(st.integers(0, 3)) == 0:
        i = draw(st.integers(1, len(tokens) - 2))
        j = draw(st.integers(i + 1, len(tokens) - 1))
        mark = draw(st.sampled_from(["**", "*", "~~", "<b>", "<em>", "__"]))
        close = mark if not mark.startswith("<") else "</" + mark[1:]
        tokens[i:j] = [mark, *tokens[i:j], close]
    return "".join(tokens)


# --- phone numbers ----------------------------------------------------------------------------------------


@st.composite
def phones(draw, markdown: bool = False):
    """(disguised phone number, national number without trunk 0)."""
    if draw(st.booleans()):
        national = draw(st.sampled_from("35789")) + "".join(
            draw(st.lists(st.sampled_from("0123456789"), min_size=8, max_size=8))
        )
    else:  # landline 02x + 8 digits
        national = "2" + "".join(draw(st.lists(st.sampled_from("0123456789"), min_size=9, max_size=9)))
    prefix = draw(
        st.sampled_from(
            [
                "0",
                "0",
                "0",
                "+84",
                "+84 (0)",
                "(+84)",
                "84",
                "0084",
                "+84-",
                "(0",
                "tel:0",
                "tel:+84",
                "wa.me/84",
                "zalo.me/0",
                "https://wa.me/84",
                "t.me/+84",
            ]
        )
    )
    digits = national
    groups, i = [], 0
    while i < len(digits):
        size = draw(st.integers(1, 4))
        groups.append(digits[i : i + size])
        i += size
    separators = [" ", ".", "-", "/", "", " - ", "..", "|", "\\-", "\\.", ")", *SPACES, *ZERO_WIDTH[:4]]
    if markdown:
        separators += ["\n", " \n", "\\\n"]
    written = []
    for n, group in enumerate(groups):
        if n:
            written.append(draw(st.sampled_from(separators)))
        written.append(draw(disguise(group, markdown)))
    head = prefix
    if prefix == "(0":  # "(024) 3825 1234", "(091) …"
        head, written[0] = "(0", written[0] + ")"
    if prefix.endswith("(0)"):
        gap = " "
    elif prefix.endswith(("/", ":", "-", "0")) or "/" in prefix:
        gap = ""
    else:
        gap = draw(st.sampled_from(["", " ", "\u00a0"]))
    text = draw(disguise(head, markdown, invisible=False)) + gap + "".join(written)
    return text, national


# --- ID numbers -------------------------------------------------------------------------------------------


@st.composite
def id_numbers(draw, markdown: bool = False):
    """(disguised CCCD or CMND number, its digits). A CCCD starts with a province code 001–096; the CMND
    drawn here starts with 0 (a CMND not led by 0 and grouped in threes reads as an amount: not caught)."""
    if draw(st.integers(0, 3)):
        digits = f"0{draw(st.integers(1, 96)):02d}" + "".join(
            draw(st.lists(st.sampled_from("0123456789"), min_size=9, max_size=9))
        )
        grouping = draw(st.sampled_from([[3, 3, 3, 3], [4, 4, 4], [12], [6, 6], [3, 9], [2, 4, 6]]))
    else:
        digits = "0" + "".join(draw(st.lists(st.sampled_from("0123456789"), min_size=8, max_size=8)))
        grouping = draw(st.sampled_from([[3, 3, 3], [9], [4, 5], [2, 3, 4]]))
    separator = draw(st.sampled_from([" ", ".", "-", "", "\u00a0", "\u2009", "\u202f", "\\-", "\\.", "_"]))
    line_break = markdown and separator == " " and draw(st.booleans())
    groups, i = [], 0
    for size in grouping:
        groups.append(digits[i : i + size])
        i += size
    written = []
    for n, group in enumerate(groups):
        if n:
            written.append("\n" if line_break and n == 1 else separator)
        written.append(draw(disguise(group, markdown)))
    return "".join(written), digits


# --- e-mail addresses -------------------------------------------------------------------------------------

_AT = [
    "@",
    "@",
    " @ ",
    "[at]",
    " [at] ",
    "(at)",
    " (at) ",
    "{at}",
    " at ",
    "(a)",
    "（a）",
    " a còng ",
    "＠",
    "&#64;",
    "&#x40;",
    "&amp;#64;",
    "&commat;",
]
_DOT = [".", ".", ".", " . ", "[dot]", " [dot] ", "(dot)", " dot ", " chấm ", "&#46;", "．"]


@st.composite
def emails(draw, markdown: bool = False):
    """(disguised e-mail address, local@domain.tld in lowercase)."""
    word = st.text("abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=9)
    local = (
        draw(word)
        + draw(st.sampled_from(["", ".", "_", "-", "+"]))
        + draw(st.text("abcdefghkmnt0123456789", min_size=0, max_size=4))
    )
    local = local.rstrip("._-+")
    labels = [draw(word), *draw(st.lists(word, max_size=1))]
    tld = draw(st.sampled_from(["vn", "com", "org", "net", "com.vn", "edu.vn", "gov.vn"]))
    labels += tld.split(".")
    canonical = f"{local}@{'.'.join(labels)}"
    at = draw(st.sampled_from(_AT))
    dots = [draw(st.sampled_from(_DOT)) for _ in labels[1:]]
    if at in (" at ", " a còng "):
        dots = [d if d.strip() not in ("[dot]", "(dot)", "&#46;") else "." for d in dots]
    upper = draw(st.integers(0, 4)) == 0
    part = (lambda s: s.upper()) if upper else (lambda s: s)
    text = draw(disguise(part(local), markdown)) + at + draw(disguise(part(labels[0]), markdown))
    for dot, label in zip(dots, labels[1:], strict=False):
        text += dot + draw(disguise(part(label), markdown))
    if draw(st.integers(0, 5)) == 0:
        text = "mailto:" + text
    return text, canonical


# --- withheld names ---------------------------------------------------------------------------------------

FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Đinh",
    "Trịnh",
]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quang", "Thu", "Xuân", "Bí"]
GIVEN = [
    "Mạnh",
    "Hùng",
    "Lan",
    "Thủy",
    "Hòa",
    "Dũng",
    "Tuấn",
    "Hằng",
    "Phượng",
    "Quyết",
    "Thắng",
    "Mật",
    "Nguyệt",
    "Khải",
    "Yến",
    "Đạt",
    "Một",
    "Oanh",
    "Xoan",
    "Khuê",
]
OTHER_SPELLING = {"Thủy": "Thuỷ", "Hòa": "Hoà", "Khuê": "Khuê", "Xoan": "Xoan"}
ADDRESS = [
    "anh",
    "chị",
    "ông",
    "bà",
    "em",
    "cô",
    "chú",
    "bác",
    "Anh",
    "Chị",
    "Ông",
    "Bà",
    "KS.",
    "KS",
    "TS.",
    "ThS.",
    "BS.",
    "đ/c",
    "Đ/c",
    "kỹ sư",
    "đồng chí",
    "thầy",
    "bạn",
    "tổ trưởng",
    "quản đốc",
    "bác sĩ",
]


def _unmarked(text: str) -> str:
    stripped = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return stripped.replace("đ", "d").replace("Đ", "D")


def _folded_words(text: str) -> str:
    return " ".join("".join(c if c.isalnum() else " " for c in fold(text)).split())


@st.composite
def withheld_names(draw, markdown: bool = False):
    """(disguised mention, folded words of the mention, the author's name to withhold)."""
    parts = [
        draw(st.sampled_from(FAMILY)),
        *draw(st.lists(st.sampled_from(MIDDLE), min_size=0, max_size=2)),
        draw(st.sampled_from(GIVEN)),
    ]
    name = " ".join(parts)
    if parts[-1] in OTHER_SPELLING and draw(st.booleans()):
        parts = [*parts[:-1], OTHER_SPELLING[parts[-1]]]  # the tone mark placed the other way
    form = draw(
        st.sampled_from(
            ["full", "full", "given", "last two"]
            if len(parts) >= 3
            else ["full", "given"]
            if len(parts) == 2
            else ["given"]
        )
    )
    if form == "full":
        words = parts
        marked = draw(st.integers(0, 4)) != 0
        if not marked:
            words = [_unmarked(w) for w in words]  # a full name is found whatever its marks
    else:
        words = [draw(st.sampled_from(ADDRESS))] + (parts[-1:] if form == "given" else parts[-2:])
        if draw(st.integers(0, 5)) == 0:
            words = words[:1] + [_unmarked(w) for w in words[1:]]  # no marks at all, or the right ones
    # Lowercase only for three syllables or more: two lowercase words are too often ordinary words.
    case = draw(
        st.sampled_from(
            ["as is", "as is", "upper", "lower"] if form == "full" and len(words) >= 3 else ["as is", "upper"]
        )
    )
    words = [w.upper() if case == "upper" else w.lower() if case == "lower" else w for w in words]
    spaces = [" ", " ", "\u00a0", "  "] + (["\n"] if markdown else [])
    # A zero-width character for a space, where the reader sees the words run together as a name: with its marks,
    # or a capital for each syllable (run together, "nguyenthi" and "NGUYENTHI" are ordinary-looking words).
    if form == "full" and (marked or case == "as is"):
        spaces += ZERO_WIDTH[:2]
    gaps = [draw(st.sampled_from(spaces)) for _ in words[1:]]
    written = [draw(disguise(w, markdown, letters=True)) for w in words]
    text = written[0] + "".join(gap + w for gap, w in zip(gaps, written[1:], strict=False))
    return text, _folded_words(" ".join(words)), name


# --- placing a value in a text ----------------------------------------------------------------------------

_BEFORE = ["", "Liên hệ ", "Liên hệ: ", "Sáng kiến của ", "Theo lời kể, ", "Người đề xuất là ", "(", "«", "“"]
_AFTER = ["", ".", " để biết thêm.", ", xin cảm ơn.", ")", "»", "”", " đã đề xuất cải tiến này."]


@st.composite
def placed(draw, values: st.SearchStrategy, markdown: bool = False):
    """The value drawn from `values`, in a sentence; the rest of the tuple passes through."""
    value = draw(values)
    text = value[0]
    before, after = draw(st.sampled_from(_BEFORE)), draw(st.sampled_from(_AFTER))
    if markdown:
        shape = draw(st.sampled_from(["plain", "item", "quote", "strong", "link", "lines", "heading"]))
        if shape == "item":
            before = "- " + before
        elif shape == "quote":
            before = "> " + before
        elif shape == "strong":
            text = f"**{text}**"
        elif shape == "link" and "[" not in text and "]" not in text:
            text = f"[{text}](https://example.org/trang)"
        elif shape == "lines":
            before = "Đoạn đầu tiên của câu chuyện.\n\n" + before
            after += "\n\nĐoạn cuối."
        elif shape == "heading":
            before = "## " + before
    return (before + text + after, *value[1:])
