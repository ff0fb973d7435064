"""Shared test helpers."""

from __future__ import annotations

from pathlib import Path

import yaml

from pipeline.rules import DEFAULT_RULES, Rules


def rules_copy(tmp_path: Path, **limits) -> Path:
    """A copy of the default rules (its base merged in) with other limits, dictionary paths made
    absolute."""
    data = Rules.load(DEFAULT_RULES).data
    data["limits"] = {**data.get("limits", {}), **limits}
    root = DEFAULT_RULES.resolve().parent.parent
    for key in ("user_dict", "stop_words"):
        if data.get("keywords", {}).get(key):
            data["keywords"][key] = str(root / data["keywords"][key])
    path = tmp_path / "rules" / "limited.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path
