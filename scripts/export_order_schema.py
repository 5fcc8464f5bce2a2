"""Write docs/order.schema.json, the published JSON Schema of the order model (tradewarden.models.Order).

Run after changing ``src/tradewarden/models.py``; ``tests/test_models.py`` fails while the file is stale.

Example:
    .venv/bin/python scripts/export_order_schema.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from tradewarden.models import order_json_schema

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "docs" / "order.schema.json"


def render_schema() -> str:
    """The schema file's exact text: indented JSON with a final newline."""
    return json.dumps(order_json_schema(), indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str]) -> int:
    """Write the schema to ``argv[1]`` (default ``docs/order.schema.json``); return the exit status."""
    target = Path(argv[1]) if len(argv) > 1 else SCHEMA_PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render_schema(), encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
