"""Write N model directories (a README.md card and a LICENSE each) for the `check` benchmark.

The license texts are our fixture texts, plus the real MIT, Apache-2.0 and Llama 3.1
texts when the reference corpus is there; the cards cycle through declared licenses and
base models, so the run meets matches, mismatches and lineage findings. The same N and
corpus always give the same directories.

    python bench/make_models.py 1000 .cache/bench/models [--corpus .cache/corpus]
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_TEXTS = [
    ROOT / "fixtures" / "texts" / "acme-model-license.txt",
    ROOT / "fixtures" / "models" / "apache-declared-llama-terms" / "LICENSE",
    ROOT / "fixtures" / "models" / "llama-finetune" / "LICENSE",
]
CORPUS_KEYS = ["mit", "apache-2.0", "llama-3.1-license-2024"]
CARDS = [
    ("apache-2.0", None),
    ("mit", None),
    ("llama3.1", "meta-llama/Llama-3.1-8B"),
    ("apache-2.0", "meta-llama/Llama-3.1-8B"),
    ("other", "Qwen/Qwen2.5-7B-Instruct"),
]


def texts(corpus: Path | None) -> list[bytes]:
    found = [path.read_bytes() for path in FIXTURE_TEXTS]
    if corpus is not None:
        for key in CORPUS_KEYS:
            path = corpus / "texts" / f"{key}.txt"
            if path.is_file():
                found.append(path.read_bytes())
    return found


def write(count: int, out: Path, corpus: Path | None) -> list[Path]:
    """Write `count` model directories under `out` (emptied first); return their paths."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    bodies = texts(corpus)
    made = []
    for n in range(count):
        model = out / f"model-{n:04d}"
        model.mkdir()
        license_id, base = CARDS[n % len(CARDS)]
        card = [f"license: {license_id}"]
        if license_id == "other":
            card.append("license_name: custom-terms")
        if base:
            card.append(f"base_model: {base}")
        (model / "README.md").write_text(
            "---\n" + "\n".join(card) + f"\n---\n\n# Model {n}\n", encoding="utf-8"
        )
        (model / "LICENSE").write_bytes(bodies[n % len(bodies)])
        made.append(model)
    return made


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("count", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--corpus", type=Path, default=None)
    args = parser.parse_args()
    made = write(args.count, args.out, args.corpus)
    print(f"{len(made)} model directories in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
