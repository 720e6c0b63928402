"""Command line: `showcase build | serve | check`."""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from generator.publish import build
from generator.common import formatting
from generator.engine import mkdocs_site as site
from generator.catalogue.cache import RecordCache, code_digest
from generator.pipeline import generate
from generator.common.problems import Problem

DEFAULT_CONTENT = site.ROOT / "content"
DEFAULT_SITE = site.ROOT / "site"
DEFAULT_DOCS = site.ROOT / "build" / "docs"
DEFAULT_REPORT = site.ROOT / "build" / "skipped.txt"
LOCK_FILE = ".showcase.lock"  # in the build folder (the docs folder's parent), which builds and previews share
LOCK_WAIT = 600.0  # seconds a build waits for another one before giving up
TAXONOMY_FILES = ("provinces.csv", "former-provinces.csv", "sectors.csv", "programmes.yml", "recognition.yml")


# argparse writes its errors in English: the usual ones, in Vietnamese.
_ARGPARSE_WORDS = [("argument ", "tham số "), ("the following arguments are required:", "thiếu tham số bắt buộc:"),
                   ("unrecognized arguments:", "tham số không nhận ra:"), ("invalid choice:", "lựa chọn không hợp lệ:"),
                   ("expected one argument", "cần một giá trị"), ("choose from", "chọn một trong")]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):
        for english, vietnamese in _ARGPARSE_WORDS:
            message = message.replace(english, vietnamese)
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


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="showcase", description="Trang giới thiệu sáng kiến \"Một triệu sáng kiến\".")
    sub = parser.add_subparsers(required=True, metavar="LỆNH")

    build = sub.add_parser("build", help="kiểm tra nội dung và dựng trang tĩnh")
    _content_arg(build)
    build.add_argument("--site-dir", type=Path, default=DEFAULT_SITE, help="thư mục trang tĩnh (mặc định: site/)")
    build.add_argument("--docs-dir", type=Path, default=DEFAULT_DOCS, help=argparse.SUPPRESS)
    build.add_argument("--skip-invalid", action="store_true",
                       help="vẫn dựng trang với các tệp hợp lệ; tệp lỗi được ghi vào báo cáo (--report)")
    build.add_argument("--report", type=Path, default=DEFAULT_REPORT,
                       help="báo cáo tệp bị bỏ qua khi dùng --skip-invalid (mặc định: build/skipped.txt)")
    build.add_argument("--quiet", action="store_true", help="không hiện thanh tiến trình")
    build.add_argument("--metrics", type=Path, help=argparse.SUPPRESS)  # JSON figures for benchmarks/
    _wait_arg(build)
    build.set_defaults(run=_locked(_build))

    serve = sub.add_parser("serve", help="xem trước, tự cập nhật khi nội dung thay đổi")
    _content_arg(serve)
    serve.add_argument("--address", default="127.0.0.1:8000", help="địa chỉ (mặc định 127.0.0.1:8000)")
    serve.add_argument("--docs-dir", type=Path, default=DEFAULT_DOCS, help=argparse.SUPPRESS)
    _wait_arg(serve)
    serve.set_defaults(run=_locked(_serve))

    demo = sub.add_parser("demo-data", help="tạo bộ dữ liệu mẫu cỡ tùy ý để đo hiệu năng")
    demo.add_argument("--count", type=_positive, required=True, help="số sáng kiến (số nguyên dương)")
    demo.add_argument("--out", type=Path, required=True, help="thư mục nội dung sẽ tạo")
    demo.add_argument("--seed", type=int, default=1, help="hạt giống ngẫu nhiên (mặc định 1)")
    demo.set_defaults(run=_demo)

    check = sub.add_parser("check", help="chỉ kiểm tra nội dung")
    _content_arg(check)
    check.set_defaults(run=_check)
    return parser


def _content_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--content", type=Path, default=DEFAULT_CONTENT, help="thư mục nội dung (mặc định: content/)")


def _wait_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--wait", type=_seconds, default=LOCK_WAIT, metavar="GIÂY",
                   help=f"thời gian chờ tối đa khi một lần dựng khác đang dùng thư mục build/ "
                        f"(mặc định {LOCK_WAIT:g} giây)")


def _report(problems: list[Problem]) -> None:
    for p in problems:
        print(p, file=sys.stderr)


def _write_report(path: Path, problems: list[Problem]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = ["# Tệp bị bỏ qua khi dựng trang: tệp:dòng: trường: lý do («giá trị»)"] + [str(p) for p in problems]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _summary(loaded) -> str:
    cat = loaded.catalogue
    return (f"{formatting.number(len(cat.initiatives))} sáng kiến được công bố, "
            f"{formatting.number(loaded.not_approved)} chưa duyệt (bỏ qua), "
            f"{formatting.number(loaded.invalid)} tệp lỗi, {formatting.number(len(cat.stories))} câu chuyện")


def _demo(args) -> int:
    from generator.tools.demo import write_demo

    if args.out.exists() and any(args.out.iterdir()):
        print(f"Thư mục {args.out} đã có nội dung; hãy chọn thư mục trống.", file=sys.stderr)
        return 2
    start = time.perf_counter()
    made = write_demo(args.out, args.count, args.seed, DEFAULT_CONTENT)
    print(f"Đã tạo {formatting.number(made['initiatives'])} sáng kiến, {formatting.number(made['organizations'])} "
          f"đơn vị, {made['stories']} câu chuyện trong {args.out} ({time.perf_counter() - start:.1f} giây).")
    return 0


def _content_missing(content: Path) -> bool:
    """Say precisely what is missing: the folder itself, or the taxonomies every record refers to."""
    taxonomies = content / "taxonomies"
    if not content.exists():
        message = f"Không tìm thấy thư mục nội dung: {content}"
    elif not content.is_dir():
        message = f"{content} không phải là thư mục (--content cần thư mục nội dung)"
    elif not taxonomies.is_dir():
        message = f"Thư mục nội dung {content} thiếu thư mục taxonomies/ (danh sách tỉnh, lĩnh vực…)"
    elif missing := [f for f in TAXONOMY_FILES if not (taxonomies / f).is_file()]:
        message = f"Thư mục {taxonomies} thiếu tệp: {', '.join(missing)}"
    else:
        return False
    print(message, file=sys.stderr)
    return True


class BuildBusy(Exception):
    pass


@contextmanager
def build_lock(folder: Path, wait: float):
    """Hold the build folder alone: two builds (or a build and a preview) writing its docs, cache and data
    at once would break each other. A second one waits up to `wait` seconds, then raises BuildBusy.
    The lock is the kernel's (flock): it goes away with the process, even one that was killed."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / LOCK_FILE, "a+b") as lock:
        if not _try_lock(lock):
            print(f"Đang chờ lần dựng khác kết thúc… (showcase build hoặc serve đang dùng {folder}; "
                  f"chờ tối đa {wait:g} giây)", file=sys.stderr, flush=True)
            deadline = time.monotonic() + wait
            while not _try_lock(lock):
                if time.monotonic() >= deadline:
                    raise BuildBusy(f"Một lần dựng khác (showcase build hoặc serve) vẫn đang dùng {folder} sau "
                                    f"{wait:g} giây; không dựng để khỏi ghi đè lên nhau. Hãy chạy lại khi nó xong "
                                    "(hoặc dùng --wait để chờ lâu hơn).")
                time.sleep(0.2)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _try_lock(lock) -> bool:
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False


def _locked(run):
    """A command that runs holding the build folder (see build_lock)."""
    def locked(args) -> int:
        try:
            with build_lock(args.docs_dir.parent, args.wait):
                return run(args)
        except BuildBusy as e:
            print(e, file=sys.stderr)
            return 1
    return locked


def _check(args) -> int:
    from generator.content.validate import load_content

    if _content_missing(args.content):
        return 2
    loaded = load_content(args.content)
    _report(loaded.problems)
    print(_summary(loaded))
    return 1 if loaded.problems else 0


def _build(args) -> int:
    if _content_missing(args.content):
        return 2
    start = time.perf_counter()
    cache_dir = args.docs_dir.parent / "cache"
    # What every page depends on besides its own records: code, templates, theme, taxonomies.
    generation = code_digest(Path(__file__).parent, args.content / "taxonomies", *site.engine_inputs())
    result = generate(args.content, args.docs_dir, progress=not args.quiet,
                      cache=RecordCache(cache_dir, generation), base_url=site.public_url())
    _report(result.loaded.problems)
    print(_summary(result.loaded))
    if result.loaded.problems and not args.skip_invalid:
        print(f"Không dựng trang vì có {len(result.loaded.problems)} lỗi; trang cũ trong {args.site_dir} giữ nguyên. "
              "Dùng --skip-invalid để vẫn dựng trang với các tệp hợp lệ.", file=sys.stderr)
        return 1
    if result.loaded.problems:
        _write_report(args.report, result.loaded.problems)
        print(f"Bỏ qua {result.loaded.invalid} tệp lỗi; danh sách và lý do: {args.report}", file=sys.stderr)
    print(f"Đã đọc, kiểm tra và viết {result.pages - len(result.bulk)} trang Markdown ({result.written} thay đổi) "
          f"trong {result.seconds:.1f} giây; đang dựng {result.pages} trang tĩnh…")
    site.copy_assets(args.docs_dir)
    try:
        built = build.build(args.docs_dir, args.site_dir, result.bulk, result.writer.body, result.bundles,
                            result.cards, result.files, generation, cache_dir, site.public_url(),
                            progress=not args.quiet)
    except build.SiteBuildError as e:
        print(f"{e}\nTrang cũ trong {args.site_dir} giữ nguyên.", file=sys.stderr)
        return 1
    steps = " · ".join(f"{step} {seconds:.1f} giây" for step, seconds in built.seconds.items())
    if args.metrics:
        args.metrics.write_text(json.dumps({"seconds": {"nội dung": result.seconds, **built.seconds},
                                            "peak_mb": build.PEAK_MB, "pages": result.pages, "warm": built.warm,
                                            "rendered": built.rendered, "reindexed": built.reindexed,
                                            "cards": built.cards, "cards_drawn": built.drawn,
                                            "photos_encoded": result.writer.photos.encoded}),
                                encoding="utf-8")
    kept = (f"; giữ {formatting.number(len(result.bulk) - built.rendered)} trang không đổi từ lần dựng trước"
            if built.warm else "")
    print(f"Xong: {args.site_dir} ({time.perf_counter() - start:.1f} giây: nội dung {result.seconds:.1f} giây · "
          f"{steps}){kept}.")
    return 0


def _serve(args) -> int:
    if _content_missing(args.content):
        return 2
    result = generate(args.content, args.docs_dir, everything=True)
    _report(result.loaded.problems)
    print(_summary(result.loaded))
    site.copy_assets(args.docs_dir)
    threading.Thread(target=_watch, args=(args.content, args.docs_dir), daemon=True).start()
    print(f"Xem trước tại http://{args.address}/ (Ctrl+C để dừng); trang tự cập nhật khi nội dung thay đổi.")
    site.serve(args.docs_dir, args.address)
    return 0


def _watch(content: Path, docs: Path) -> None:
    """Regenerate pages when content changes; MkDocs then rebuilds and reloads the browser."""
    last = _stamp(content)
    while True:
        time.sleep(1)
        now = _stamp(content)
        if now != last:
            last = now
            result = generate(content, docs, progress=False, everything=True)
            _report(result.loaded.problems)
            print(f"Nội dung thay đổi: {_summary(result.loaded)}; {result.written} trang cập nhật.")


def _stamp(content: Path) -> tuple:
    """Every file's mtime; os.walk does not follow symlinked folders, and a file that cannot be looked at
    (a symlink loop, no permission) counts as None rather than stopping the preview."""
    found = []
    for root, _, files in os.walk(content):
        for name in files:
            path = os.path.join(root, name)
            try:
                found.append((path, os.stat(path).st_mtime_ns))
            except OSError:
                found.append((path, None))
    return tuple(sorted(found, key=lambda item: item[0]))
