"""Lay out the real journal PDFs of tests/wild/manifest.json for `make eval`, read from local mirrors.

Each manifest entry names a public repository, a commit, a path and the file's sha256. The PDF is
read from the repository's local git mirror (../.mirror/<owner>+<name>/repo, a bare git directory
brought in by the search tool's fetch, or holding one as repo/.git), never downloaded and never committed: it is written into
--out (a scratch folder under data/out) beside a keys/ folder holding its light key
(tests/wild/keys/<name>.json, committed), the layout `pipeline eval-samples` reads, as it reads
../shared/wild-dev. The files of mirrors that are not there are skipped, said in one line; a blob whose sha256 is not
the manifest's is refused with one line (the mirror moved, or is another repository's).
Entries with "scored": false (a text layer nothing can read) are listed for provenance only.

    python tools/wild_corpus.py --out data/out/wild
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def lay_out(manifest: Path, keys: Path, mirror: Path, out: Path) -> list[Path]:
    """The manifest's scored PDFs written into out, each with keys/<name>.json beside them."""
    entries = json.loads(manifest.read_text(encoding="utf-8"))["files"]
    (out / "keys").mkdir(parents=True, exist_ok=True)
    written, missing = [], {}
    for e in entries:
        if not e.get("scored", True):
            continue
        git_dir = mirror / e["repo"].replace("/", "+") / "repo"
        if (git_dir / ".git").is_dir():  # a mirror brought in with its git directory inside repo/
            git_dir = git_dir / ".git"
        pdf = out / f"{e['name']}.pdf"
        if not git_dir.is_dir():
            missing[e["repo"]] = missing.get(e["repo"], 0) + 1
            pdf.unlink(missing_ok=True)
            continue
        if not pdf.is_file() or hashlib.sha256(pdf.read_bytes()).hexdigest() != e["sha256"]:
            blob = subprocess.run(
                ["git", "--git-dir", str(git_dir), "show", f"{e['commit']}:{e['path']}"],
                capture_output=True,
                check=False,
            )
            if blob.returncode or hashlib.sha256(blob.stdout).hexdigest() != e["sha256"]:
                print(
                    f"wild: {e['repo']}@{e['commit'][:8]}:{e['path']} not as in the manifest, skipped",
                    file=sys.stderr,
                )
                continue
            pdf.write_bytes(blob.stdout)
        shutil.copyfile(keys / f"{e['name']}.json", out / "keys" / f"{e['name']}.json")
        written.append(pdf)
    if missing:
        names = ", ".join(sorted(missing))
        print(
            f"wild: {sum(missing.values())} file(s) skipped, no mirror under {mirror} of {names}",
            file=sys.stderr,
        )
    return written


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--manifest", type=Path, default=ROOT / "tests/wild/manifest.json")
    ap.add_argument("--keys", type=Path, default=ROOT / "tests/wild/keys")
    ap.add_argument("--mirror", type=Path, default=ROOT.parent / ".mirror")
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    lay_out(args.manifest, args.keys, args.mirror, args.out)


if __name__ == "__main__":
    main()
