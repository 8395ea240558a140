"""Check the question files against content/README.md without a database: `python scripts/check_content.py`."""
import pathlib
import sys
from collections import Counter

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent / "content"
playbook = yaml.safe_load((ROOT / "playbook.yaml").read_text())
categories = {c["key"] for c in playbook["categories"]}
levels = {lv["key"] for lv in playbook["levels"]}
tracks = {t["key"] for t in playbook["role_tracks"]}
areas = {"llm-fundamentals", "rag", "agents", "fine-tuning", "llmops", "safety"}

errors, keys, cells = [], Counter(), Counter()
for path in sorted((ROOT / "questions").glob("*.yaml")):
    for i, q in enumerate(yaml.safe_load(path.read_text()) or []):
        where = f"{path.name}[{i}] {q.get('key')}"
        keys[q.get("key")] += 1
        if q.get("category") not in categories:
            errors.append(f"{where}: unknown category {q.get('category')}")
        if not q.get("levels") or set(q["levels"]) - levels:
            errors.append(f"{where}: bad levels {q.get('levels')}")
        if not q.get("role_tracks") or set(q["role_tracks"]) - tracks:
            errors.append(f"{where}: bad role_tracks {q.get('role_tracks')}")
        if set(q.get("checklist_areas") or []) - areas:
            errors.append(f"{where}: bad checklist_areas {q.get('checklist_areas')}")
        rubric = q.get("rubric") or {}
        if len(rubric.get("key_points") or []) < 3 or not rubric.get("trade_offs") or not rubric.get("failure_modes"):
            errors.append(f"{where}: rubric needs >=3 key points, >=1 trade-off, >=1 failure mode")
        for field in ("title", "prompt", "model_answer"):
            if not (q.get(field) or "").strip():
                errors.append(f"{where}: missing {field}")
        source = q.get("source") or {}
        if source.get("kind") not in {"real_interview", "research", "original"} or not source.get("note"):
            errors.append(f"{where}: source needs kind and note")
        for level in q.get("levels") or []:
            cells[(q.get("category"), level)] += 1
errors += [f"duplicate key {k}" for k, n in keys.items() if n > 1]
for c in sorted(categories):
    print(c.ljust(18), " ".join(f"{lv}={cells[(c, lv)]}" for lv in ("junior", "mid", "senior", "staff")))
print(f"{sum(keys.values())} questions")
print("\n".join(errors) or "OK")
sys.exit(1 if errors else 0)
