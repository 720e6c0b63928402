"""Command line: `showcase build | serve | check | import | duplicates | demo-data`. Reads the arguments, in
Vietnamese, and hands them to pipeline.py. The project is the current folder, as with `mkdocs`: its `content/`,
`showcase.yml`, `build/` and `site/`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import NoReturn

from generator import config as configuration
from generator import pipeline
from generator.common import ending
from generator.publish.lock import LOCK_WAIT, BuildBusy, build_lock

# argparse's own words (usage, headings, errors): the standard library asks gettext for each, through `_`.
_WORDS = {
    "usage: ": "cách dùng: ",
    "positional arguments": "tham số",
    "options": "tùy chọn",
    "show this help message and exit": "hiện trợ giúp này rồi thoát",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "tham số %(argument_name)s: %(message)s",
    "the following arguments are required: %s": "thiếu tham số bắt buộc: %s",
    "unrecognized arguments: %s": "tham số không nhận ra: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "lựa chọn không hợp lệ: %(value)r (chọn một trong %(choices)s)"
    ),
    "expected one argument": "cần một giá trị",
    "expected at least one argument": "cần ít nhất một giá trị",
    "expected at most one argument": "cần nhiều nhất một giá trị",
    "invalid %(type)s value: %(value)r": "giá trị %(type)s không hợp lệ: %(value)r",
    "ambiguous option: %(option)s could match %(matches)s": "tùy chọn mơ hồ: %(option)s có thể là %(matches)s",
    "not allowed with argument %s": "không dùng cùng tham số %s",
    "one of the arguments %s is required": "cần một trong các tham số %s",
    "can't open '%(filename)s': %(error)s": "không mở được '%(filename)s': %(error)s",
}
argparse._ = lambda text: _WORDS.get(text, text)  # type: ignore[attr-defined]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: lỗi: {message}\n(xem: {self.prog} --help)\n")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"phải là số nguyên dương («{text}»)")
    return value


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not value >= 0:  # also refuses nan
        raise argparse.ArgumentTypeError(f"phải là số giây không âm («{text}»)")
    return value


def run() -> NoReturn:
    """The `showcase` command (and `python -m generator`): main(), then the process ends at once."""
    ending.at_once()
    ending.end(main())


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return args.run(args)
    except configuration.ConfigError as e:
        print(e, file=sys.stderr)
        return 2
    except BuildBusy as e:
        print(e, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="showcase",
        description='Trang giới thiệu sáng kiến "Một triệu sáng kiến". '
        "Chạy trong thư mục dự án (có content/ và showcase.yml).",
    )
    sub = parser.add_subparsers(required=True, metavar="LỆNH", title="lệnh", parser_class=_Parser)

    build = sub.add_parser(
        "build",
        help="kiểm tra nội dung và dựng trang tĩnh",
        description=("Kiểm tra nội dung rồi dựng trang tĩnh vào site/. Có lỗi thì không dựng, trang cũ giữ nguyên."),
    )
    _project_args(build)
    build.add_argument(
        "--site-dir", type=Path, default=Path("site"), metavar="THƯ_MỤC", help="thư mục trang tĩnh (mặc định: site/)"
    )
    build.add_argument(
        "--skip-invalid",
        action="store_true",
        help="vẫn dựng trang với các tệp hợp lệ; tệp lỗi được ghi vào báo cáo (--report)",
    )
    build.add_argument(
        "--report",
        type=Path,
        metavar="TỆP",
        help="báo cáo tệp bị bỏ qua khi dùng --skip-invalid (mặc định: build/skipped.txt)",
    )
    _strict_duplicates(build, "không dựng trang")
    build.add_argument("--quiet", action="store_true", help="không hiện thanh tiến trình")
    build.add_argument("--metrics", type=Path, help=argparse.SUPPRESS)  # JSON figures for benchmarks/
    build.set_defaults(
        run=lambda a: _locked(
            a,
            lambda p: pipeline.build(
                p,
                a.skip_invalid,
                a.report,
                progress=not a.quiet,
                metrics=a.metrics,
                strict_duplicates=a.strict_duplicates,
            ),
        )
    )

    serve = sub.add_parser("serve", help="xem trước, tự cập nhật khi nội dung thay đổi")
    _project_args(serve)
    serve.add_argument(
        "--address", default="127.0.0.1:8000", metavar="ĐỊA_CHỈ:CỔNG", help="địa chỉ (mặc định 127.0.0.1:8000)"
    )
    serve.set_defaults(run=lambda a: _locked(a, lambda p: pipeline.serve(p, a.address)))

    check = sub.add_parser("check", help="chỉ kiểm tra nội dung")
    check.add_argument(
        "--content", type=Path, default=Path("content"), metavar="THƯ_MỤC", help="thư mục nội dung (mặc định: content/)"
    )
    _strict_duplicates(check, "trả mã lỗi 1")
    check.set_defaults(run=lambda a: pipeline.check(_project(a), a.strict_duplicates))

    duplicates = sub.add_parser(
        "duplicates",
        help="tìm các sáng kiến gần trùng nhau (bản sao, nộp lại) để biên tập viên quyết định",
        description=(
            "Tìm các cặp và cụm sáng kiến (đã duyệt hoặc chờ duyệt) có nội dung gần trùng nhau: bỏ dấu, đảo câu, "
            "sửa vài chữ, thêm đoạn văn vẫn nhận ra. Những cặp đã có quyết định trong "
            "content/decisions/duplicates.yaml không hiện lại."
        ),
    )
    _project_args(duplicates)
    duplicates.add_argument(
        "--threshold",
        type=_share,
        metavar="NGƯỠNG",
        help="độ trùng tối thiểu để báo, từ 0,3 đến 1 (mặc định theo showcase.yml: 0,7)",
    )
    duplicates.add_argument(
        "--csv", type=Path, metavar="TỆP", help="ghi bảng kết quả ra tệp CSV (UTF-8, mở được bằng Excel)"
    )
    duplicates.add_argument("--html", type=Path, metavar="TỆP", help="ghi trang HTML để biên tập viên xem từng cặp")
    duplicates.add_argument(
        "--strict", action="store_true", help="trả mã lỗi 1 khi còn cặp gần trùng chưa có quyết định"
    )
    duplicates.add_argument("--quiet", action="store_true", help="không hiện thanh tiến trình")
    duplicates.set_defaults(
        run=lambda a: _locked(
            a, lambda p: pipeline.duplicates(p, a.threshold, a.csv, a.html, a.strict, progress=not a.quiet)
        )
    )

    demo = sub.add_parser("demo-data", help="tạo bộ dữ liệu mẫu cỡ tùy ý để đo hiệu năng")
    demo.add_argument("--count", type=_positive, required=True, metavar="SỐ", help="số sáng kiến (số nguyên dương)")
    demo.add_argument("--out", type=Path, required=True, metavar="THƯ_MỤC", help="thư mục nội dung sẽ tạo (phải trống)")
    demo.add_argument("--seed", type=int, default=1, metavar="SỐ", help="hạt giống ngẫu nhiên (mặc định 1)")
    demo.set_defaults(run=_demo)

    imp = sub.add_parser(
        "import",
        help="nhập bản xuất (.xlsx, .csv) từ cổng thông tin thành các tệp sáng kiến",
        description=(
            "Nhập bản xuất của cổng thông tin (.xlsx hoặc .csv) vào content/initiatives/cong-thong-tin/, "
            "mỗi sáng kiến một tệp YAML, kiểm tra như lệnh check. Nhập lại cùng tệp không đổi gì; bản xuất mới "
            "cập nhật, giữ phần biên tập viên sửa tay, rút (không xóa) sáng kiến không còn được duyệt."
        ),
    )
    imp.add_argument("file", type=Path, metavar="TỆP", help="bản xuất .xlsx hoặc .csv")
    imp.add_argument(
        "--content", type=Path, default=Path("content"), metavar="THƯ_MỤC", help="thư mục nội dung (mặc định: content/)"
    )
    imp.add_argument(
        "--mapping", type=Path, metavar="TỆP.yml", help="tên cột -> trường, thêm vào hoặc thay cách đọc mặc định"
    )
    imp.add_argument("--dry-run", action="store_true", help="chạy thử: không ghi tệp nào, chỉ báo sẽ làm gì")
    imp.add_argument("--quiet", action="store_true", help="không hiện thanh tiến trình")
    imp.set_defaults(run=_import)
    return parser


def _strict_duplicates(p: argparse.ArgumentParser, what: str) -> None:
    p.add_argument(
        "--strict-duplicates",
        action="store_true",
        help=f"coi các cặp sáng kiến gần trùng chưa có quyết định là lỗi ({what})",
    )


def _share(text: str) -> float:
    """A threshold between 0.3 and 1, written with a dot or a comma."""
    try:
        value = float(text.strip().replace(",", "."))
    except ValueError:
        value = -1.0
    if not 0.3 <= value <= 1:  # also refuses nan
        raise argparse.ArgumentTypeError(f"phải là số từ 0,3 đến 1 («{text}»)")
    return value


def _project_args(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--content", type=Path, default=Path("content"), metavar="THƯ_MỤC", help="thư mục nội dung (mặc định: content/)"
    )
    p.add_argument("--docs-dir", type=Path, default=Path("build") / "docs", help=argparse.SUPPRESS)
    p.add_argument(
        "--wait",
        type=_seconds,
        default=LOCK_WAIT,
        metavar="GIÂY",
        help=f"thời gian chờ tối đa khi một lần dựng khác đang dùng thư mục build/ (mặc định {LOCK_WAIT:g} giây)",
    )


def _project(args) -> pipeline.Project:
    return pipeline.Project(
        args.content,
        getattr(args, "site_dir", Path("site")),
        getattr(args, "docs_dir", Path("build") / "docs"),
        configuration.load(Path.cwd()),
    )


def _locked(args, run) -> int:
    """A command that holds the build folder alone while it runs (see publish/lock.py)."""
    project = _project(args)
    with build_lock(project.build, args.wait):
        return run(project)


def _import(args) -> int:
    from generator.tools.importer.run import run

    return run(args.file, args.content, args.mapping, args.dry_run, progress=not args.quiet)


def _demo(args) -> int:
    from generator.tools.demo import run

    return run(args.out, args.count, args.seed)
