"""Shared test helpers."""

from __future__ import annotations

from pathlib import Path

import yaml

from pipeline.rules import DEFAULT_RULES


def rules_copy(tmp_path: Path, **limits) -> Path:
    """A copy of the default rules file with other limits (dictionary paths made absolute)."""
    data = yaml.safe_load(DEFAULT_RULES.read_text(encoding="utf-8"))
    data["limits"] = {**data.get("limits", {}), **limits}
    root = DEFAULT_RULES.resolve().parent.parent
    for key in ("user_dict", "stop_words"):
        if data.get("keywords", {}).get(key):
            data["keywords"][key] = str(root / data["keywords"][key])
    path = tmp_path / "rules" / "limited.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path
