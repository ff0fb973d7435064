"""tools/wild_corpus.py: the real journal PDFs of tests/wild/manifest.json are read from local git
mirrors at the manifest's commit, checked against its sha256 and laid out with their light keys for
`pipeline eval-samples`; absent mirrors are skipped in one line. A bare repository made here stands
in for a mirror (the tests never need the real ones)."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from wild_corpus import lay_out  # noqa: E402

FIXTURE = ROOT / "tests" / "fixtures" / "journal" / "journal-dateline.pdf"


def _mirror(tmp: Path, repo: str, path: str, data: bytes) -> str:
    """A bare git mirror at tmp/<owner>+<name>/repo holding data at path; its commit."""
    work = tmp / "work"
    (work / Path(path).parent).mkdir(parents=True, exist_ok=True)
    (work / path).write_bytes(data)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-C", str(work)]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "pdf"], check=True)
    bare = tmp / "mirror" / repo.replace("/", "+") / "repo"
    subprocess.run(["git", "clone", "-q", "--bare", str(work), str(bare)], check=True)
    return subprocess.run(
        ["git", "--git-dir", str(bare), "rev-parse", "HEAD"], capture_output=True, text=True, check=True
    ).stdout.strip()


def test_lays_out_mirrored_pdfs_with_their_keys_and_skips_the_rest(tmp_path, capsys):
    data = FIXTURE.read_bytes()
    commit = _mirror(tmp_path, "someone/journal", "papers/学报.pdf", data)
    entry = dict(
        repo="someone/journal", commit=commit, path="papers/学报.pdf", sha256=hashlib.sha256(data).hexdigest()
    )
    files = [
        dict(entry, name="paper"),
        dict(entry, name="wrong", sha256="0" * 64),  # the mirror's blob is not the manifest's
        dict(entry, name="absent", repo="other/absent"),
        dict(entry, name="absent2", repo="other/absent"),
        dict(entry, name="unread", scored=False),  # provenance only
    ]
    manifest = tmp_path / "manifest.json"
    manifest.write_text(json.dumps({"files": files}), encoding="utf-8")
    keys = tmp_path / "keys"
    keys.mkdir()
    for f in files:
        (keys / f"{f['name']}.json").write_text(json.dumps({"file": f"{f['name']}.pdf"}), encoding="utf-8")
    out = tmp_path / "out"
    written = lay_out(manifest, keys, tmp_path / "mirror", out)
    assert written == [out / "paper.pdf"]
    assert (out / "paper.pdf").read_bytes() == data
    assert sorted(p.name for p in (out / "keys").iterdir()) == ["paper.json"]
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2, err
    assert "not as in the manifest" in err[0] and "2 file(s) skipped" in err[1] and "other/absent" in err[1]


def test_manifest_entries_have_provenance_and_keys():
    """Every manifest entry names its repository, commit, path and sha256; every scored one has its
    light key in tests/wild/keys with the fields the light evaluation reads."""
    manifest = json.loads((ROOT / "tests" / "wild" / "manifest.json").read_text(encoding="utf-8"))
    for e in manifest["files"]:
        assert len(e["commit"]) == 40 and len(e["sha256"]) == 64 and e["repo"].count("/") == 1 and e["path"]
        if e.get("scored", True):
            key = json.loads(
                (ROOT / "tests" / "wild" / "keys" / f"{e['name']}.json").read_text(encoding="utf-8")
            )
            assert key["file"] == f"{e['name']}.pdf"
            assert key["title_zh"] and key["paragraphs"] and "abstract_en" in key
        else:
            assert e["why"]
