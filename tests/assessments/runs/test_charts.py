"""SVG charts: real text, escaped labels, and the portfolio tornado's arithmetic."""

from decimal import Decimal

from assessments.runs import charts


def test_cost_chart_has_text_and_escapes_labels():
    svg = charts.cost_chart(
        [
            {
                "offering": "x",
                "offering_name": "<script>alert(1)</script>",
                "role": "candidate",
                "cost": {"tco_usd": {"total": "1234.50", "p10": "1000", "p90": "1500"}},
                "compliance": {"status": "blocked"},
            },
            {
                "offering": "gpt-4o",
                "offering_name": "GPT-4o",
                "role": "baseline",
                "cost": {"tco_usd": {"total": "7128.00"}},
            },
        ],
        title="Costs",
    )
    assert svg.startswith("<svg") and "<title>Costs</title>" in svg
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "$1,234 blocked" in svg or "$1,235 blocked" in svg
    assert "$7,128" in svg


def test_aggregate_sensitivity_swings_one_driver_over_the_summed_base():
    api = [
        {
            "driver": "price",
            "label": "API prices",
            "base_usd": "100",
            "low_input_usd": "80",
            "high_input_usd": "120",
        },
    ]
    hosted = [
        {
            "driver": "staff",
            "label": "ML staff",
            "base_usd": "1000",
            "low_input_usd": "900",
            "high_input_usd": "1100",
        },
        {
            "driver": "price",
            "label": "API prices",
            "base_usd": "1000",
            "low_input_usd": "1000",
            "high_input_usd": "1000",
        },
    ]
    rows = {r["driver"]: r for r in charts.aggregate_sensitivity([api, hosted, []])}
    assert rows["price"]["base_usd"] == Decimal(1100)
    assert (rows["price"]["low_input_usd"], rows["price"]["high_input_usd"]) == (1080, 1120)
    assert (rows["staff"]["low_input_usd"], rows["staff"]["high_input_usd"]) == (1000, 1200)
    assert [r["driver"] for r in charts.aggregate_sensitivity([api, hosted])] == ["staff", "price"]
    svg = charts.tornado_chart(list(rows.values()), title="Tornado")
    assert "base $1,100" in svg and "$1,200" in svg
