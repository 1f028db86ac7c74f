"""Writing documents out: atomically to files, and in the encoding stdout has.

A report written with `-o` replaces the old one only once it is complete: it goes to a
temporary file in the same folder first, then takes the old one's name in one step
(`os.replace`). An encoding error or a full disk then leaves the old report whole,
never empty or half-written. `--summary` appends the same way: old content and the new
part are written to a temporary file that replaces the summary.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import tempfile
from pathlib import Path


def _json_escape(error: UnicodeError) -> tuple[str, int]:
    """A codec error handler: what a stream cannot hold, as JSON `\\uXXXX` escapes."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    out = []
    for char in error.object[error.start : error.end]:
        point = ord(char)
        if point > 0xFFFF:  # a surrogate pair, as JSON writes it
            point -= 0x10000
            out.append(f"\\u{0xD800 + (point >> 10):04x}\\u{0xDC00 + (point & 0x3FF):04x}")
        else:
            out.append(f"\\u{point:04x}")
    return "".join(out), error.end


codecs.register_error("licensecmp-json", _json_escape)


def encodable(document: str, encoding: str | None, *, json: bool = False) -> str:
    """`document` with every character `encoding` cannot hold escaped. In JSON only strings
    hold such characters, and `\\uXXXX` keeps it valid JSON; elsewhere `\\xe9` shows it."""
    encoding = encoding or "utf-8"
    handler = "licensecmp-json" if json else "backslashreplace"
    try:
        document.encode(encoding)
    except UnicodeEncodeError:
        return document.encode(encoding, errors=handler).decode(encoding)
    except LookupError:
        return document
    return document


def write_atomic(path: Path, document: str) -> None:
    """Write `document` (UTF-8) to `path`, replacing what was there only when complete."""
    _replace(path, document.encode("utf-8", errors="backslashreplace"), append=False)


def append_atomic(path: Path, part: str) -> None:
    """Append `part` to `path` (created if missing) without ever leaving it half-written."""
    _replace(path, part.encode("utf-8", errors="backslashreplace"), append=True)


def _replace(path: Path, data: bytes, *, append: bool) -> None:
    """Put `data` (after the old content when appending) at `path` in one rename.

    A path that exists and is not a regular file (`/dev/stdout`, a pipe) is written in
    place: there is nothing to keep whole, and renaming over it would replace the device.
    A symbolic link keeps pointing where it did: its target is replaced.
    """
    target = path.resolve() if path.is_symlink() else path
    if target.exists() and not target.is_file():
        with target.open("ab" if append else "wb") as stream:
            stream.write(data)
        return
    if append and target.exists():
        data = target.read_bytes() + data
    folder = target.parent if str(target.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        with contextlib.suppress(OSError):
            os.chmod(temporary, _mode_of(target))
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _mode_of(path: Path) -> int:
    """The permissions the file has, or those a new file gets under the umask."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask
