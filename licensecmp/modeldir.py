"""Model directories on disk: which folder holds a model's files, and which may be read.

In an ordinary model directory a symbolic link is never followed: it could lead anywhere,
and a file read from elsewhere (`/etc/passwd`, another model's license) would be judged
as the model's terms. A Hugging Face cache is the exception. It keeps each model in a
repository folder, `hub/models--ORG--NAME/`, whose snapshots (`snapshots/REV/`) hold
links into the same folder's `blobs/`; there a link is followed when its fully resolved
target stays inside that repository folder, and refused when it leaves it.

`ModelDir.file` is the one place this is decided: every read of a model directory's
files, by the sources and by the gate locating evidence, goes through it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from licensecmp.errors import InputError
from licensecmp.text import decode, read_bytes

_REPOSITORY = "models--"  # the prefix of a cache repository folder's name
_REF_BYTES = 1024  # refs/main holds one commit hash


@dataclass(frozen=True)
class ModelDir:
    """A model directory: where its files are, as the user named them, and for a Hugging
    Face cache snapshot the repository folder (resolved) its links may lead into."""

    path: Path
    repository: Path | None = None

    def names(self) -> tuple[str, ...]:
        """The names of the directory's entries, sorted."""
        try:
            return tuple(sorted(entry.name for entry in self.path.iterdir()))
        except OSError as exc:
            raise InputError(f"{self.path}: cannot list ({exc.strerror or exc})") from None

    def has(self, name: str) -> bool:
        """Whether an entry `name` is there (a dangling link counts: reading it says why)."""
        return os.path.lexists(self.path / name)

    def file(self, name: str) -> Path:
        """The path to read the entry `name` from: the entry itself, or in a cache snapshot
        the resolved target of its link. An entry that may not be read raises InputError
        with one line, its name first, saying why."""
        entry = self.path / name
        if self.repository is not None:
            target = _inside(entry, name, self.repository)
        elif entry.is_symlink():
            raise InputError(f"{name} is a symbolic link, which is not followed")
        else:
            target = entry
        if not target.is_file():
            raise InputError(f"{name} is not a regular file")
        return target

    def read(self, name: str, *, max_bytes: int) -> bytes:
        """The bytes of the entry `name`, read through `file`; errors name the entry as the
        user sees it, not the blob it links to."""
        return read_bytes(self.file(name), max_bytes=max_bytes, name=str(self.path / name))


def _inside(entry: Path, name: str, repository: Path) -> Path:
    """The entry fully resolved, if that stays inside the cache repository folder."""
    try:
        target = entry.resolve(strict=True)
    except (OSError, RuntimeError):  # a link to nothing (a blob not downloaded), or a loop
        raise InputError(f"{name} is a symbolic link that leads nowhere") from None
    if not target.is_relative_to(repository):
        raise InputError(
            f"{name} is a symbolic link out of the cache repository {repository.name}, "
            "which is not followed"
        )
    return target


def _is_repository(folder: Path) -> bool:
    """Whether a (resolved) folder is a Hugging Face cache repository, `models--ORG--NAME`
    in a `hub` folder or holding `blobs/` and `snapshots/`."""
    if not folder.name.startswith(_REPOSITORY):
        return False
    return folder.parent.name == "hub" or (
        (folder / "blobs").is_dir() and (folder / "snapshots").is_dir()
    )


def open_model_dir(path: Path) -> ModelDir:
    """The model directory a path names: the directory itself, or for a cache repository
    folder its current snapshot; inside a cache, with the repository its links may reach."""
    real = path.resolve()
    if _is_repository(real):
        return ModelDir(path / "snapshots" / _current_snapshot(path, real), real)
    for folder in real.parents:
        if _is_repository(folder) and real.is_relative_to(folder / "snapshots"):
            return ModelDir(path, folder)
    return ModelDir(path)


def _current_snapshot(shown: Path, repository: Path) -> str:
    """The revision a cache repository folder stands for: the snapshot `refs/main` names,
    else its only snapshot; with several and no `refs/main`, an error naming them."""
    try:
        revisions = sorted(p.name for p in (repository / "snapshots").iterdir() if p.is_dir())
    except OSError as exc:
        raise InputError(f"{shown}: cannot list its snapshots ({exc.strerror or exc})") from None
    choices = ", ".join(f"snapshots/{r}" for r in revisions) or "none"
    folder = ModelDir(shown, repository)
    if folder.has("refs/main"):
        try:
            path = folder.file("refs/main")
        except InputError as exc:
            raise InputError(f"{shown}: {exc}") from None
        name = str(shown / "refs" / "main")
        ref = decode(read_bytes(path, max_bytes=_REF_BYTES, name=name), name).strip()
        if ref not in revisions:
            raise InputError(
                f"{shown}: refs/main names {ref!r}, not one of its snapshots ({choices})"
            )
        return ref
    if len(revisions) == 1:
        return revisions[0]
    if not revisions:
        raise InputError(f"{shown}: a Hugging Face cache repository with no snapshot")
    raise InputError(f"{shown}: {len(revisions)} snapshots and no refs/main; name one of {choices}")
