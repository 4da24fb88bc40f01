"""Money amounts: one formatting rule for the widget (js/src/format.ts), the SVG and the charts."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from jmwidget.blueprint_marks import annotation_labels
from jmwidget.formatting import format_amount, format_cost

ROOT = Path(__file__).resolve().parents[1]
AMOUNTS = [0, 0.4, 1.9, 2.345, 2.5, 12, 999.995, 1234.5, 12000, 1e6 + 0.1]


@pytest.mark.parametrize(
    ("amount", "currency", "shown"),
    [
        (1.9, "EUR", "1.90 EUR"),
        (0.4, "EUR", "0.40 EUR"),
        (12, "EUR", "12 EUR"),
        (1234.5, "GBP", "1,234.50 GBP"),
        (12000, "", "12,000"),
    ],
)
def test_costs_show_two_decimals_unless_whole(amount: float, currency: str, shown: str) -> None:
    assert format_cost(amount, currency) == shown


@pytest.mark.parametrize("amount", AMOUNTS)
def test_the_svg_marks_use_the_same_rule(amount: float) -> None:
    labels = dict(annotation_labels({"cost": {"amount": amount, "currency": "EUR"}}))
    assert labels["note"] == f"Cost: {format_cost(amount, 'EUR')}"


def test_amounts_match_the_front_end(tmp_path: Path) -> None:
    esbuild = ROOT / "node_modules" / ".bin" / "esbuild"
    node = shutil.which("node")
    if node is None or not esbuild.exists():
        pytest.skip("node and the npm dev dependencies (npm ci) are needed to run js/src/format.ts")
    bundle = tmp_path / "format.mjs"
    subprocess.run(
        [str(esbuild), str(ROOT / "js/src/format.ts"), "--bundle", "--format=esm", f"--outfile={bundle}"],
        check=True,
        capture_output=True,
    )
    script = (
        f"import {{ formatAmount, formatCost }} from {json.dumps(bundle.as_uri())};"
        f"const amounts = {json.dumps(AMOUNTS)};"
        "console.log(JSON.stringify([amounts.map((a) => formatAmount(a)), amounts.map((a) => formatCost(a, 'EUR'))]));"
    )
    result = subprocess.run([node, "--input-type=module", "-e", script], check=True, capture_output=True, text=True)
    amounts, costs = json.loads(result.stdout)
    assert amounts == [format_amount(a) for a in AMOUNTS]
    assert costs == [format_cost(a, "EUR") for a in AMOUNTS]
