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
import re
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


# Characters a terminal or a CI log acts on rather than shows: C0 controls, DEL, C1
# controls (U+009B is a one-character CSI) and the bidirectional overrides that make text
# read differently from how it is stored.
_CONTROLS = "\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
_FIELD = re.compile(f"[{_CONTROLS}]")
# In a whole document, line breaks and tabs are layout, and the colours our own renderers
# put around fixed labels (`\x1b[31m`, `\x1b[0m`) are kept.
_DOCUMENT = re.compile(f"\x1b\\[(?:0|3[0-7])m|[{_CONTROLS}]")
# JSON escapes C0 controls itself; C1 controls and bidirectional overrides it leaves raw.
_JSON_RAW = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(char: str) -> str:
    return _NAMED.get(char) or (
        f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"
    )


def shown(text: str) -> str:
    """A name or message from an input (a package name, a file name, a card field) as it
    may be printed: every control character written as an escape, line breaks too, so
    that no input can clear a screen, set a window title or start a forged log line."""
    return _FIELD.sub(lambda m: _escape(m.group()), text)


def inert(document: str) -> str:
    """A rendered document with the control characters its inputs brought escaped: line
    breaks, tabs and the renderers' own colours stay."""

    def one(match: re.Match[str]) -> str:
        found = match.group()
        return found if len(found) > 1 or found in "\n\t" else _escape(found)

    return _DOCUMENT.sub(one, document)


def for_output(document: str, *, json: bool = False) -> str:
    """A rendered document made safe to print or save: control characters from the inputs
    escaped (as `\\u009b` in JSON, which stays the same JSON once read)."""
    if json:
        return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", document)
    return inert(document)
