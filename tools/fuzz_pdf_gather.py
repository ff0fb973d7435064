"""Add a PDF library's test files to `make fuzz-pdf`'s corpus (tools/fuzz_pdf_corpus.json).

Run by hand once a repository has been mirrored (../.mirror/<owner>+<name>/repo, a bare git
directory); never at ingest or test time. Each file is recorded with the repository, the commit it
was read at, its path, its size and its licence (the repository's, or the file's own where the
repository declares one per file in REUSE.toml), so the corpus can be rebuilt from the same
commits and nothing of it needs committing.

Which files: every `*.pdf` under the folders given, at most --max-bytes, and of those the ones
whose path hashes into the kept share (sha1(path) mod --every == 0): a fixed choice that does not
depend on the order of the listing, and that keeps its files when the repository adds others.

    python tools/fuzz_pdf_gather.py mozilla/pdf.js test/pdfs --every 14 --licence Apache-2.0
"""

from __future__ import annotations

import argparse
import fnmatch
import hashlib
import json
import subprocess
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _git(git_dir: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "--git-dir", str(git_dir), *args], capture_output=True, text=True, check=True
    ).stdout


def _reuse_licences(git_dir: Path, commit: str) -> list[tuple[list[str], str]]:
    """REUSE.toml's (path patterns, licence) annotations, if the repository has the file."""
    try:
        text = _git(git_dir, "show", f"{commit}:REUSE.toml")
    except subprocess.CalledProcessError:
        return []
    out = []
    for a in tomllib.loads(text).get("annotations", []):
        paths = a["path"] if isinstance(a["path"], list) else [a["path"]]
        out.append((paths, a["SPDX-License-Identifier"]))
    return out


def _licence_of(path: str, reuse: list[tuple[list[str], str]], default: str) -> str:
    for patterns, licence in reuse:
        if any(fnmatch.fnmatchcase(path, p.replace("**", "*")) for p in patterns):
            return licence
    return default


def gather(
    repo: str, folders: list[str], every: int, max_bytes: int, licence: str, mirror: Path
) -> list[dict]:
    git_dir = mirror / repo.replace("/", "+") / "repo"
    if (git_dir / ".git").is_dir():
        git_dir = git_dir / ".git"
    commit = _git(git_dir, "rev-parse", "HEAD").strip()
    reuse = _reuse_licences(git_dir, commit)
    rows = []
    for line in _git(git_dir, "ls-tree", "-r", "-l", commit, "--", *folders).splitlines():
        meta, path = line.split("\t", 1)
        kind, size = meta.split()[1], meta.split()[3]
        if kind != "blob" or not path.lower().endswith(".pdf") or not size.isdigit():
            continue  # not a file, or an object the snapshot lacks
        if int(size) > max_bytes or int(hashlib.sha1(path.encode()).hexdigest(), 16) % every:
            continue
        rows.append(
            {
                "repo": repo,
                "commit": commit,
                "path": path,
                "bytes": int(size),
                "licence": _licence_of(path, reuse, licence),
            }
        )
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("repo", help="owner/name")
    ap.add_argument("folders", nargs="+", help="folders of the repository to take PDFs from")
    ap.add_argument("--every", type=int, default=1, help="keep about one file in this many")
    ap.add_argument("--max-bytes", type=int, default=3_000_000)
    ap.add_argument("--licence", required=True, help="the repository's licence (SPDX id)")
    ap.add_argument("--mirror", type=Path, default=ROOT.parent / ".mirror")
    ap.add_argument("--corpus", type=Path, default=ROOT / "tools/fuzz_pdf_corpus.json")
    args = ap.parse_args()
    corpus = json.loads(args.corpus.read_text(encoding="utf-8"))
    have = {(e["repo"], e["path"]) for e in corpus["files"]}
    new = [
        r
        for r in gather(args.repo, args.folders, args.every, args.max_bytes, args.licence, args.mirror)
        if (r["repo"], r["path"]) not in have
    ]
    corpus["files"] += new
    args.corpus.write_text(json.dumps(corpus, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{args.repo}: {len(new)} files added ({len(corpus['files'])} in the corpus)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
