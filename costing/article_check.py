"""Article check: the source article's published cost figures, recomputed.

The portal's domain comes from an analyst article (Likhon, "DeepSeek V4 in
2026: The $6M Model That Could Cost You Everything", 23 January 2026). Several
of its figures do not follow from its own prices and assumptions. This module
encodes each figure exactly as printed, recomputes it from the article's own
stated inputs with the cost engine (:func:`costing.api_cost.daily_api_cost`,
:class:`costing.calendars.CalendarBasis`, :class:`costing.options.SelfHostedOptionModel`,
:func:`costing.series.break_even_month`), and classifies it:

* ``consistent``: the recomputed value lies within the figure's tolerance;
* ``inconsistent``: it does not; the figure carries the difference and the
  likely cause;
* ``not_derivable``: the inputs the article gives do not determine the figure.

Tolerance: the article prints round numbers, so a figure is read as rounded at
its last non-zero digit ("$9,900" to the nearest $100, "$716,667" to the dollar)
and is consistent when the recomputed value is within half that unit, never less
than a cent. A figure may state its own tolerance instead (with the reason).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from costing.api_cost import ApiPrices, ApiUsage, daily_api_cost, effective_rates
from costing.assumptions import resolve_assumptions
from costing.calendars import BUSINESS_DAYS, CALENDAR_DAYS, calendar_basis
from costing.money import CENT, MILLION, ZERO, round_cents
from costing.options import SelfHostedOptionModel
from costing.self_hosting import CASH
from costing.series import break_even_month, yearly_totals

ARTICLE_AUTHOR = "Likhon"
ARTICLE_TITLE = "DeepSeek V4 in 2026: The $6M Model That Could Cost You Everything"
ARTICLE_DATE = date(2026, 1, 23)

CONSISTENT = "consistent"
INCONSISTENT = "inconsistent"
NOT_DERIVABLE = "not_derivable"
VERDICTS = (CONSISTENT, INCONSISTENT, NOT_DERIVABLE)

SECTION_SNAPSHOT = "Cost Snapshot: When DeepSeek Stops Being Cheaper"
SECTION_SELF_HOSTING = SECTION_SNAPSHOT + " (self-hosting cost comparison)"
SECTION_GPT4 = "Options on the Table: GPT-4 / GPT-4o (OpenAI)"
SECTION_CLAUDE = "Options on the Table: Claude Opus 4.5 (Anthropic)"
SECTION_O1 = "Options on the Table: OpenAI o1 / o1-pro (Reasoning Models)"
SECTION_SCENARIO_2 = "Decision Framework: Scenario 2, Mid-Market SaaS Company (B2B Customers)"
SECTION_NEXT_STEP = "Strategic Next Step: Architecture Review, Not Deployment"

USD_DAY = "USD per day"
USD_MONTH = "USD per month"
USD_YEAR = "USD per year"
USD = "USD"
MONTHS = "months"


@dataclass(frozen=True)
class ArticlePrice:
    """A list price as the article prints it (USD per million tokens)."""

    model: str
    prices: ApiPrices
    quoted: str


DEEPSEEK_V3 = ArticlePrice(
    "DeepSeek V3", ApiPrices(Decimal("0.27"), Decimal("1.10")), "$0.27/$1.10"
)
GPT_4 = ArticlePrice("GPT-4", ApiPrices(Decimal(30), Decimal(60)), "$30/$60")
CLAUDE_OPUS_4_5 = ArticlePrice("Claude Opus 4.5", ApiPrices(Decimal(5), Decimal(25)), "$5/$25")
O1 = ArticlePrice("o1", ApiPrices(Decimal(15), Decimal(60)), "$15/$60")

# The self-hosting lines of the article's table (8x A100 80GB cluster).
HARDWARE_CAPEX = Decimal(200_000)
HARDWARE_LIFE_YEARS = 3
ML_FTE_COUNT = 2
ML_FTE_COST = Decimal(200_000)  # the article: 2 FTEs, $400,000/year
INFRASTRUCTURE_PER_YEAR = Decimal(50_000)
HORIZON_MONTHS = HARDWARE_LIFE_YEARS * 12
ACTIVE_DAYS = 22  # the Cost Snapshot table: 22 business days a month


@dataclass(frozen=True)
class FormulaInput:
    name: str
    value: str
    source: str


@dataclass(frozen=True)
class ArticleFigure:
    """One published figure, recomputed and classified."""

    id: str
    article_section: str
    claim: str
    quoted: str
    unit: str
    published: Decimal
    published_high: Decimal | None  # set when the article prints a range ("8-9 months")
    tolerance: Decimal
    tolerance_note: str
    recomputed: Decimal | None
    formula: str
    inputs: tuple[FormulaInput, ...]
    working: str
    verdict: str
    cause: str
    explanation: str

    @property
    def is_money(self) -> bool:
        return self.unit != MONTHS

    @property
    def difference(self) -> Decimal | None:
        """Published minus recomputed (for a range: from its nearest end; 0 inside)."""
        if self.recomputed is None:
            return None
        high = self.published if self.published_high is None else self.published_high
        if self.recomputed < self.published:
            return self.published - self.recomputed
        if self.recomputed > high:
            return high - self.recomputed
        return ZERO

    @property
    def relative_difference(self) -> Decimal | None:
        """Difference as a share of the recomputed value (None when not computable)."""
        diff = self.difference
        if diff is None or self.recomputed is None or self.recomputed == 0:
            return None
        return diff / self.recomputed


def printed_tolerance(value: Decimal) -> Decimal:
    """Half the unit of the figure's last non-zero digit, never less than a cent."""
    if value == 0:
        return CENT
    exponent = value.normalize().as_tuple().exponent
    assert isinstance(exponent, int)
    half_unit = Decimal(5) * Decimal(10) ** (exponent - 1)
    return max(half_unit, CENT)


def classify(
    published: Decimal,
    published_high: Decimal | None,
    recomputed: Decimal | None,
    tolerance: Decimal,
) -> str:
    if recomputed is None:
        return NOT_DERIVABLE
    high = published if published_high is None else published_high
    if published - tolerance <= recomputed <= high + tolerance:
        return CONSISTENT
    return INCONSISTENT


# --- presentation helpers (the arithmetic stays in the engine) ------------------


def usd(value: Decimal) -> str:
    return f"${round_cents(value):,.2f}"


def tokens(value: Decimal) -> str:
    if value >= 1_000_000_000:
        text = f"{value / 1_000_000_000:,.2f}".rstrip("0").rstrip(".")
        return f"{text}B"
    text = f"{value / MILLION:,.2f}".rstrip("0").rstrip(".")
    return f"{text}M"


def ratio(value: Decimal) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text


def percent(value: Decimal) -> str:
    return f"{value * 100:+.1f}%"


# --- engine calls ---------------------------------------------------------------


def api_daily(price: ArticlePrice, daily_in: Decimal, daily_out: Decimal) -> Decimal:
    usage = ApiUsage(daily_input_tokens=daily_in, daily_output_tokens=daily_out)
    return daily_api_cost(usage, effective_rates(price.prices, batch_eligible=False))


BUSINESS_MONTH = calendar_basis(BUSINESS_DAYS, ACTIVE_DAYS)
CALENDAR_YEAR = calendar_basis(CALENDAR_DAYS)


def self_hosted_model(
    daily_tokens: Decimal,
    *,
    accounting: str = CASH,
    infrastructure: Decimal = INFRASTRUCTURE_PER_YEAR,
    months: int = HORIZON_MONTHS,
) -> SelfHostedOptionModel:
    """One cluster with the article's three cost lines, no overheads, no exit costs."""
    assumptions = resolve_assumptions(
        {
            "hardware_capex_usd": HARDWARE_CAPEX,
            "hardware_life_years": HARDWARE_LIFE_YEARS,
            "ml_fte_count": ML_FTE_COUNT,
            "ml_fte_cost_usd": ML_FTE_COST,
            "infrastructure_usd_per_year": infrastructure,
            # The article prices one cluster for every workload it self-hosts.
            "cluster_capacity_tokens_per_day": max(daily_tokens, Decimal(1)),
            "include_hidden_overheads": False,
            "include_exit_costs": False,
        }
    )
    return SelfHostedOptionModel(
        daily_tokens=daily_tokens,
        growth_12m=Decimal(1),
        months=months,
        assumptions=assumptions,
        accounting=accounting,
    )


# --- inputs shown to the reader -------------------------------------------------


def _price_inputs(price: ArticlePrice, where: str) -> tuple[FormulaInput, ...]:
    return (
        FormulaInput(
            f"{price.model} input price",
            f"${price.prices.input_per_mtok} per million tokens",
            f"article, {where} ({price.quoted})",
        ),
        FormulaInput(
            f"{price.model} output price",
            f"${price.prices.output_per_mtok} per million tokens",
            f"article, {where} ({price.quoted})",
        ),
    )


def _volume_inputs(daily_in: Decimal, daily_out: Decimal, where: str) -> tuple[FormulaInput, ...]:
    return (
        FormulaInput("daily input tokens", tokens(daily_in), f"article, {where}"),
        FormulaInput("daily output tokens", tokens(daily_out), f"article, {where}"),
    )


SELF_HOSTING_INPUTS = (
    FormulaInput("hardware_capex_usd", "$200,000 one-time (8x A100 80GB)", "article, table"),
    FormulaInput("hardware_life_years", "3", "article, table"),
    FormulaInput("ml_fte_count x ml_fte_cost_usd", "2 x $200,000 = $400,000 a year", "article"),
    FormulaInput("infrastructure_usd_per_year", "$50,000", "article, table"),
    FormulaInput("clusters", "1", "article, table (one cluster for the heavy workload)"),
    FormulaInput("hidden overheads, exit costs", "off", "the table lists neither"),
)


def _api_working(price: ArticlePrice, daily_in: Decimal, daily_out: Decimal) -> str:
    daily = api_daily(price, daily_in, daily_out)
    return (
        f"({tokens(daily_in)} x ${price.prices.input_per_mtok} + {tokens(daily_out)} x "
        f"${price.prices.output_per_mtok}) per million = {usd(daily)} a day"
    )


def _tolerance_note(tolerance: Decimal) -> str:
    return f"printed as a round figure: read to within ±{usd(tolerance)}"


# --- figure builders ------------------------------------------------------------


@dataclass(frozen=True)
class _Claim:
    id: str
    section: str
    claim: str
    quoted: str
    unit: str
    published: Decimal
    published_high: Decimal | None = None
    tolerance: Decimal | None = None
    tolerance_note: str = ""


def _build(
    c: _Claim,
    *,
    recomputed: Decimal | None,
    formula: str,
    inputs: Sequence[FormulaInput],
    working: str,
    cause: str,
    if_consistent: str,
    if_inconsistent: str,
    if_not_derivable: str = "",
) -> ArticleFigure:
    tolerance = c.tolerance if c.tolerance is not None else printed_tolerance(c.published)
    note = c.tolerance_note or _tolerance_note(tolerance)
    verdict = classify(c.published, c.published_high, recomputed, tolerance)
    explanation = {
        CONSISTENT: if_consistent,
        INCONSISTENT: if_inconsistent,
        NOT_DERIVABLE: if_not_derivable,
    }[verdict]
    return ArticleFigure(
        id=c.id,
        article_section=c.section,
        claim=c.claim,
        quoted=c.quoted,
        unit=c.unit,
        published=c.published,
        published_high=c.published_high,
        tolerance=tolerance,
        tolerance_note=note,
        recomputed=recomputed,
        formula=formula,
        inputs=tuple(inputs),
        working=working,
        verdict=verdict,
        cause=cause if verdict == INCONSISTENT else "",
        explanation=explanation,
    )


@dataclass(frozen=True)
class SnapshotRow:
    key: str
    label: str
    daily_in: Decimal
    daily_out: Decimal
    published: dict[str, tuple[str, Decimal]]  # model -> (quoted, value)


SNAPSHOT_COLUMNS = (DEEPSEEK_V3, GPT_4, CLAUDE_OPUS_4_5)
SNAPSHOT_ROWS = (
    SnapshotRow(
        "light",
        "Light",
        Decimal(10_000_000),
        Decimal(2_000_000),
        {
            "DeepSeek V3": ("$100/month", Decimal(100)),
            "GPT-4": ("$9,900/month", Decimal(9_900)),
            "Claude Opus 4.5": ("$1,320/month", Decimal(1_320)),
        },
    ),
    SnapshotRow(
        "moderate",
        "Moderate",
        Decimal(50_000_000),
        Decimal(10_000_000),
        {
            "DeepSeek V3": ("$500/month", Decimal(500)),
            "GPT-4": ("$49,500/month", Decimal(49_500)),
            "Claude Opus 4.5": ("$6,600/month", Decimal(6_600)),
        },
    ),
    SnapshotRow(
        "heavy",
        "Heavy",
        Decimal(200_000_000),
        Decimal(40_000_000),
        {
            "DeepSeek V3": ("$2,000/month", Decimal(2_000)),
            "GPT-4": ("$198,000/month", Decimal(198_000)),
            "Claude Opus 4.5": ("$26,400/month", Decimal(26_400)),
        },
    ),
    SnapshotRow(
        "enterprise",
        "Enterprise",
        Decimal(1_000_000_000),
        Decimal(200_000_000),
        {
            "DeepSeek V3": ("$10,000/month", Decimal(10_000)),
            "GPT-4": ("$990,000/month", Decimal(990_000)),
            "Claude Opus 4.5": ("$132,000/month", Decimal(132_000)),
        },
    ),
)
HEAVY = SNAPSHOT_ROWS[2]


def _slug(model: str) -> str:
    return {"DeepSeek V3": "deepseek-v3", "GPT-4": "gpt-4", "Claude Opus 4.5": "claude-opus-4-5"}[
        model
    ]


def _snapshot_cell(row: SnapshotRow, price: ArticlePrice) -> ArticleFigure:
    quoted, published = row.published[price.model]
    light = SNAPSHOT_ROWS[0]
    daily = api_daily(price, row.daily_in, row.daily_out)
    monthly = BUSINESS_MONTH.monthly(daily)
    implied_daily = published / ACTIVE_DAYS
    multiple = implied_daily / daily
    volume_multiple = row.daily_in / light.daily_in
    light_published = light.published[price.model][1]
    deepseek_published = row.published[DEEPSEEK_V3.model][1]
    if row is light:
        cause = (
            f"the cell does not follow from {price.model}'s prices: it is exactly "
            f"{ratio(published / deepseek_published)} x the DeepSeek cell of the same row "
            f"({usd(deepseek_published)}), as if the column were scaled from the DeepSeek column"
        )
    else:
        cause = (
            f"rows are scaled copies of the first row: this cell is the Light row's "
            f"{usd(light_published)} x {ratio(volume_multiple)} (the volume multiple), so it "
            f"repeats the Light row's error"
        )
    c = _Claim(
        id=f"snapshot-{row.key}-{_slug(price.model)}",
        section=SECTION_SNAPSHOT,
        claim=(
            f"{price.model} API, {row.label} workload ({tokens(row.daily_in)} in / "
            f"{tokens(row.daily_out)} out a day), a month of 22 business days: {quoted}"
        ),
        quoted=quoted,
        unit=USD_MONTH,
        published=published,
    )
    return _build(
        c,
        recomputed=monthly,
        formula="api_daily_cost, then business_days month (month = day x 22)",
        inputs=(
            *_volume_inputs(row.daily_in, row.daily_out, f"Cost Snapshot table, {row.label} row"),
            *_price_inputs(price, "Options on the Table"),
            FormulaInput("active days a month", "22", "article, Cost Snapshot table assumptions"),
        ),
        working=(
            f"{_api_working(price, row.daily_in, row.daily_out)}; x 22 days = {usd(monthly)} "
            "a month"
        ),
        cause=cause,
        if_consistent=(
            f"{price.model}'s prices give {usd(daily)} a day, {usd(monthly)} a month; the "
            f"printed {quoted} is that figure rounded "
            f"(within ±{usd(printed_tolerance(published))})."
        ),
        if_inconsistent=(
            f"{price.model}'s prices give {usd(daily)} a day, {usd(monthly)} a month over 22 "
            f"business days. The printed {quoted} implies {usd(implied_daily)} a day, as if the "
            f"workload were {ratio(multiple)} x the stated volume "
            f"({tokens(row.daily_in * multiple)} in / {tokens(row.daily_out * multiple)} out)."
        ),
    )


def snapshot_figures() -> list[ArticleFigure]:
    return [_snapshot_cell(row, price) for row in SNAPSHOT_ROWS for price in SNAPSHOT_COLUMNS]


def reality_check_figures() -> list[ArticleFigure]:
    """The "Month 6 reality check" and "Cost reality at scale" examples."""
    light = SNAPSHOT_ROWS[0]
    d_in, d_out = light.daily_in, light.daily_out
    where = "GPT-4 / GPT-4o, Month 6 reality check"
    gpt4 = api_daily(GPT_4, d_in, d_out)
    deepseek = api_daily(DEEPSEEK_V3, d_in, d_out)
    gpt4_year = CALENDAR_YEAR.annual(gpt4)
    volume = _volume_inputs(d_in, d_out, where)
    figures = [
        _build(
            _Claim(
                "gpt4-daily-example",
                SECTION_GPT4,
                "GPT-4 at 10M input and 2M output tokens a day: $900/day",
                "$900/day",
                USD_DAY,
                Decimal(900),
            ),
            recomputed=gpt4,
            formula="api_daily_cost",
            inputs=(*volume, *_price_inputs(GPT_4, where)),
            working=_api_working(GPT_4, d_in, d_out),
            cause=(
                "the figure is exactly 100 x the $9/day DeepSeek figure printed beside it, the "
                "article's \"roughly 100x cheaper\" headline, not GPT-4's prices (which make "
                f"GPT-4 {ratio(gpt4 / deepseek)} x DeepSeek V3 at this volume)"
            ),
            if_consistent="GPT-4's prices give the printed daily figure.",
            if_inconsistent=(
                f"GPT-4's prices give {usd(gpt4)} a day at this volume. $900 a day would need "
                f"{ratio(Decimal(900) / gpt4)} x the stated volume "
                f"({tokens(d_in * 900 / gpt4)} in / {tokens(d_out * 900 / gpt4)} out)."
            ),
        ),
        _build(
            _Claim(
                "deepseek-daily-example",
                SECTION_GPT4,
                "DeepSeek V3 at 10M input and 2M output tokens a day: $9/day",
                "$9/day",
                USD_DAY,
                Decimal(9),
            ),
            recomputed=deepseek,
            formula="api_daily_cost",
            inputs=(*volume, *_price_inputs(DEEPSEEK_V3, where)),
            working=_api_working(DEEPSEEK_V3, d_in, d_out),
            cause=(
                f"the figure is {ratio(Decimal(9) / deepseek)} x what DeepSeek V3's own prices "
                "give; the article shows no working for it, and its DeepSeek column in the Cost "
                "Snapshot table ($100 a month at the same volume) contradicts it"
            ),
            if_consistent="DeepSeek V3's prices give the printed daily figure.",
            if_inconsistent=(
                f"DeepSeek V3's prices give {usd(deepseek)} a day at this volume; $9 a day "
                f"would need {tokens(d_in * 9 / deepseek)} in / {tokens(d_out * 9 / deepseek)} "
                "out, a volume the example does not state."
            ),
        ),
        _build(
            _Claim(
                "gpt4-year-example",
                SECTION_GPT4,
                "GPT-4 at the same volume over 12 months: $328K",
                "$328K",
                USD_YEAR,
                Decimal(328_000),
            ),
            recomputed=gpt4_year,
            formula="api_daily_cost, then calendar_days year (year = day x 365)",
            inputs=(
                *volume,
                *_price_inputs(GPT_4, where),
                FormulaInput("days a year", "365", "the article's prose examples"),
            ),
            working=f"{_api_working(GPT_4, d_in, d_out)}; x 365 = {usd(gpt4_year)} a year",
            cause=(
                "correct arithmetic on a wrong daily figure: $900 x 365 = $328,500; the "
                "daily figure itself does not follow from GPT-4's prices"
            ),
            if_consistent="The yearly figure follows from the prices.",
            if_inconsistent=(
                f"GPT-4's prices give {usd(gpt4)} a day, {usd(gpt4_year)} over 365 days; the "
                "printed figure carries the $900/day error through."
            ),
        ),
    ]
    claude = api_daily(CLAUDE_OPUS_4_5, d_in, d_out)
    claude_year = CALENDAR_YEAR.annual(claude)
    claude_where = "Claude Opus 4.5, Month 6 reality check"
    figures.append(
        _build(
            _Claim(
                "claude-daily-example",
                SECTION_CLAUDE,
                "Claude Opus 4.5 at 10M input and 2M output tokens a day: $100/day",
                "$100/day",
                USD_DAY,
                Decimal(100),
            ),
            recomputed=claude,
            formula="api_daily_cost",
            inputs=(
                *_volume_inputs(d_in, d_out, claude_where),
                *_price_inputs(CLAUDE_OPUS_4_5, claude_where),
            ),
            working=_api_working(CLAUDE_OPUS_4_5, d_in, d_out),
            cause="",
            if_consistent=(
                f"Claude Opus 4.5's prices give exactly {usd(claude)} a day "
                f"({usd(claude_year)} over 365 days, matching the article's $36.5K/year). The "
                "Cost Snapshot table prints $1,320 a month for the same volume, which would be "
                "$60 a day: the table contradicts the article's own correct example."
            ),
            if_inconsistent=f"Claude Opus 4.5's prices give {usd(claude)} a day.",
        )
    )
    o1_in, o1_out = Decimal(10_000_000), Decimal(40_000_000)
    o1 = api_daily(O1, o1_in, o1_out)
    o1_where = "OpenAI o1 / o1-pro, Cost reality at scale"
    figures.append(
        _build(
            _Claim(
                "o1-daily-example",
                SECTION_O1,
                "o1 at 10M input and 40M reasoning plus output tokens a day: $2,550/day",
                "$2,550/day",
                USD_DAY,
                Decimal(2_550),
            ),
            recomputed=o1,
            formula="api_daily_cost (reasoning tokens billed as output)",
            inputs=(
                FormulaInput("daily input tokens", tokens(o1_in), f"article, {o1_where}"),
                FormulaInput(
                    "daily output tokens (reasoning + output)",
                    tokens(o1_out),
                    f"article, {o1_where}",
                ),
                *_price_inputs(O1, o1_where),
            ),
            working=_api_working(O1, o1_in, o1_out),
            cause="",
            if_consistent=(
                f"o1's prices give exactly {usd(o1)} a day ({usd(CALENDAR_YEAR.annual(o1))} over "
                "365 days, the article's $931K/year): this example is arithmetically sound."
            ),
            if_inconsistent=f"o1's prices give {usd(o1)} a day.",
        )
    )
    return figures


def _heavy_tokens() -> Decimal:
    return HEAVY.daily_in + HEAVY.daily_out


def self_hosting_figures() -> list[ArticleFigure]:
    tokens_per_day = _heavy_tokens()
    cash = yearly_totals(self_hosted_model(tokens_per_day).monthly_series())
    accrual = yearly_totals(
        self_hosted_model(tokens_per_day, accounting="accrual").monthly_series()
    )
    gpt4_daily = api_daily(GPT_4, HEAVY.daily_in, HEAVY.daily_out)
    gpt4_year = BUSINESS_MONTH.annual(gpt4_daily)
    gpt4_three = gpt4_year * HARDWARE_LIFE_YEARS
    depreciation = HARDWARE_CAPEX / HARDWARE_LIFE_YEARS
    heavy_inputs = _volume_inputs(HEAVY.daily_in, HEAVY.daily_out, "self-hosting table (heavy)")
    api_inputs = (
        *heavy_inputs,
        *_price_inputs(GPT_4, "Options on the Table"),
        FormulaInput("active days", "22 a month, 12 months a year", "article, Cost Snapshot"),
    )
    sh_formula = "self_hosting_tco (cash basis), then yearly_totals"
    figures = [
        _build(
            _Claim(
                "self-hosting-year-1",
                SECTION_SELF_HOSTING,
                "Self-hosted DeepSeek V3, heavy workload, total year 1: $716,667",
                "$716,667",
                USD_YEAR,
                Decimal(716_667),
            ),
            recomputed=cash[0],
            formula=sh_formula,
            inputs=SELF_HOSTING_INPUTS,
            working=(
                f"cash: $200,000 hardware + $400,000 staff + $50,000 infrastructure = "
                f"{usd(cash[0])}; accrual: {usd(depreciation)} depreciation + $400,000 + "
                f"$50,000 = {usd(accrual[0])}"
            ),
            cause="hardware counted twice: full CapEx plus a year of depreciation",
            if_consistent="Year 1 follows from the table's lines.",
            if_inconsistent=(
                f"On a cash basis year 1 is {usd(cash[0])} (the hardware paid once); on an "
                f"accrual basis it is {usd(accrual[0])} (a year of depreciation). The printed "
                f"figure adds both: $200,000 + {usd(depreciation)} + $400,000 + $50,000. "
                f"Years 2 and 3 ($516,667 each) are the accrual figure, so the table mixes bases."
            ),
        ),
        _build(
            _Claim(
                "self-hosting-3-year",
                SECTION_SELF_HOSTING,
                "Self-hosted DeepSeek V3, heavy workload, 3-year total: $1,750,000",
                "$1,750,000",
                USD,
                Decimal(1_750_000),
            ),
            recomputed=sum(cash, ZERO),
            formula="self_hosting_tco over 36 months (cash and accrual agree)",
            inputs=SELF_HOSTING_INPUTS,
            working=(
                f"$200,000 + 3 x ($400,000 + $50,000) = {usd(sum(cash, ZERO))}; accrual "
                f"3 x {usd(accrual[0])} = {usd(sum(accrual, ZERO))}"
            ),
            cause=(
                "hardware counted twice: the $200,000 CapEx plus three years of depreciation "
                "(another $200,000)"
            ),
            if_consistent="The 3-year total follows from the table's lines.",
            if_inconsistent=(
                f"Over the hardware's 3-year life both bases give {usd(sum(cash, ZERO))}. The "
                "printed total is $200,000 higher: the sum of the table's year figures "
                "($716,667 + $516,667 + $516,667), which book the hardware once as CapEx and "
                "again as depreciation."
            ),
        ),
        _build(
            _Claim(
                "gpt4-api-year-1",
                SECTION_SELF_HOSTING,
                "GPT-4 API, heavy workload (200M in / 40M out a day), a year: $2,376,000",
                "$2,376,000",
                USD_YEAR,
                Decimal(2_376_000),
            ),
            recomputed=gpt4_year,
            formula="api_daily_cost, then business_days year (22 days x 12 months)",
            inputs=api_inputs,
            working=(
                f"{_api_working(GPT_4, HEAVY.daily_in, HEAVY.daily_out)}; x 22 x 12 = "
                f"{usd(gpt4_year)}"
            ),
            cause=(
                "it is 12 x the Cost Snapshot's heavy GPT-4 cell ($198,000), which is itself a "
                "scaled copy of the wrong Light row"
            ),
            if_consistent="The yearly API figure follows from GPT-4's prices.",
            if_inconsistent=(
                f"GPT-4's prices give {usd(gpt4_daily)} a day, {usd(gpt4_year)} a year on the "
                "article's own 22-business-day month (or "
                f"{usd(CALENDAR_YEAR.annual(gpt4_daily))} over 365 days)."
            ),
        ),
        _build(
            _Claim(
                "gpt4-api-3-year",
                SECTION_SELF_HOSTING,
                "GPT-4 API, heavy workload, 3-year total: $7,128,000",
                "$7,128,000",
                USD,
                Decimal(7_128_000),
            ),
            recomputed=gpt4_three,
            formula="api_daily_cost, business_days year, x 3 years",
            inputs=api_inputs,
            working=f"3 x {usd(gpt4_year)} = {usd(gpt4_three)}",
            cause="3 x the wrong yearly figure ($2,376,000)",
            if_consistent="The 3-year API figure follows from GPT-4's prices.",
            if_inconsistent=(
                f"Three years at GPT-4's prices are {usd(gpt4_three)} on 22-day months; the "
                "printed figure inherits the yearly error."
            ),
        ),
    ]
    three_year_sh = sum(cash, ZERO)
    savings = gpt4_three - three_year_sh
    figures.append(
        _build(
            _Claim(
                "self-hosting-3-year-savings",
                SECTION_SELF_HOSTING,
                "Savings of self-hosting over 3 years: $5,378,000 (75% reduction)",
                "$5,378,000 (75% reduction)",
                USD,
                Decimal(5_378_000),
            ),
            recomputed=savings,
            formula="GPT-4 API 3-year total minus self-hosted 3-year total",
            inputs=(*api_inputs, *SELF_HOSTING_INPUTS),
            working=(
                f"{usd(gpt4_three)} - {usd(three_year_sh)} = {usd(savings)} "
                f"({savings / gpt4_three * 100:.1f}% reduction)"
            ),
            cause=(
                "the subtraction is right ($7,128,000 - $1,750,000) but both totals are wrong: "
                "the API total uses the scaled-copy row, the self-hosted total counts the "
                "hardware twice"
            ),
            if_consistent="The savings follow from the recomputed totals.",
            if_inconsistent=(
                f"From the article's prices and cost lines the saving is {usd(savings)}, a "
                f"{savings / gpt4_three * 100:.1f}% reduction. The conclusion (self-hosting wins "
                "for this workload) survives; the figure does not."
            ),
        )
    )
    return figures


@dataclass(frozen=True)
class BreakEvenWindow:
    """Monthly API spend (business-day months) for which break-even falls in a month range."""

    first_month: int
    last_month: int
    spend_above: Decimal  # exclusive
    spend_up_to: Decimal  # inclusive


def break_even_window(first_month: int, last_month: int) -> BreakEvenWindow:
    """The monthly API spend that makes one cluster (cash basis) break even in the window.

    The cluster costs ``c`` more in month 1 (the hardware) and ``r`` a month from then
    on, so against a constant spend ``a`` cumulative cost stays below from the first
    month ``n`` with ``a x n > c + r x n``: break-even in ``[first, last]`` for
    ``c / last + r < a <= c / (first - 1) + r``.
    """
    monthly = self_hosted_model(_heavy_tokens()).monthly_series()
    run_rate = monthly[1]
    upfront = monthly[0] - run_rate
    return BreakEvenWindow(
        first_month,
        last_month,
        spend_above=upfront / last_month + run_rate,
        spend_up_to=upfront / (first_month - 1) + run_rate,
    )


def break_even_figures() -> list[ArticleFigure]:
    heavy = self_hosted_model(_heavy_tokens())
    sh = heavy.monthly_series()
    gpt4_monthly = BUSINESS_MONTH.monthly(api_daily(GPT_4, HEAVY.daily_in, HEAVY.daily_out))
    api = [gpt4_monthly] * HORIZON_MONTHS
    month = break_even_month(sh, api)
    table_month = break_even_month(sh, [HEAVY.published[GPT_4.model][1]] * HORIZON_MONTHS)
    accrual_month = break_even_month(
        self_hosted_model(_heavy_tokens(), accounting="accrual").monthly_series(), api
    )
    window = break_even_window(8, 9)
    light_daily = api_daily(GPT_4, SNAPSHOT_ROWS[0].daily_in, SNAPSHOT_ROWS[0].daily_out)
    low_mult = BUSINESS_MONTH.daily_from_annual(window.spend_above * 12) / light_daily
    high_mult = BUSINESS_MONTH.daily_from_annual(window.spend_up_to * 12) / light_daily
    light = SNAPSHOT_ROWS[0]
    figures = [
        _build(
            _Claim(
                "break-even-8-9-months",
                SECTION_SELF_HOSTING,
                "Break-even of self-hosting against the GPT-4 API: 8-9 months",
                "8-9 months",
                MONTHS,
                Decimal(8),
                published_high=Decimal(9),
                tolerance=ZERO,
                tolerance_note="whole months: the range as printed",
            ),
            recomputed=Decimal(month) if month is not None else None,
            formula=(
                "break_even_month(self_hosting_tco cash monthly series, GPT-4 api_daily_cost x "
                "22 each month)"
            ),
            inputs=(
                *SELF_HOSTING_INPUTS,
                *_price_inputs(GPT_4, "Options on the Table"),
                *_volume_inputs(HEAVY.daily_in, HEAVY.daily_out, "self-hosting table"),
            ),
            working=(
                f"cluster: {usd(sh[0])} in month 1, {usd(sh[1])} a month after; GPT-4: "
                f"{usd(gpt4_monthly)} a month; cumulative self-hosting stays below from month "
                f"{month}"
            ),
            cause=(
                "not derived from the table it follows: its own numbers give month "
                f'{month}; "fully utilised" and shared ML staff could only make it earlier'
            ),
            if_consistent="The break-even follows from the table.",
            if_inconsistent=(
                f"With the table's heavy workload the cluster breaks even in month {month} on a "
                f"cash basis (month {accrual_month} on accrual), and in month {table_month} even "
                f"against the table's own $198,000 a month. 8-9 months would need a GPT-4 spend "
                f"between {usd(window.spend_above)} and {usd(window.spend_up_to)} a month, "
                f"about {tokens(light.daily_in * low_mult)}-{tokens(light.daily_in * high_mult)} "
                f"input and {tokens(light.daily_out * low_mult)}-"
                f"{tokens(light.daily_out * high_mult)} output tokens a day: a volume the "
                "article never states."
            ),
        )
    ]
    rows = []
    for row in SNAPSHOT_ROWS[:3]:
        monthly = BUSINESS_MONTH.monthly(api_daily(GPT_4, row.daily_in, row.daily_out))
        m = break_even_month(
            self_hosted_model(row.daily_in + row.daily_out).monthly_series(),
            [monthly] * HORIZON_MONTHS,
        )
        rows.append(f"{row.label}: {'not within 36 months' if m is None else f'month {m}'}")
    figures.append(
        _build(
            _Claim(
                "break-even-8-18-months",
                SECTION_NEXT_STEP,
                "Typical break-even of self-hosting, depending on scale: 8-18 months",
                "8-18 months",
                MONTHS,
                Decimal(8),
                published_high=Decimal(18),
                tolerance=ZERO,
                tolerance_note="whole months: the range as printed",
            ),
            recomputed=None,
            formula="break_even_month (self_hosting_tco with overheads and exit costs vs API)",
            inputs=(
                *SELF_HOSTING_INPUTS[:4],
                FormulaInput("workload volume", "not stated", "article"),
                FormulaInput("throughput of one cluster", "not stated", "article"),
                FormulaInput("overheads and exit costs", "ranges only", "article"),
            ),
            working="; ".join(rows) + " (three cost lines, one cluster, GPT-4 prices, cash)",
            cause="",
            if_consistent="",
            if_inconsistent="",
            if_not_derivable=(
                "The article names no workload for this range, gives no throughput per cluster "
                "(so the Enterprise row's cluster count is unknown), and states the drift, "
                "load-balancing and exit costs it asks to include only as ranges. On the table's "
                "own rows, with the three cost lines and one cluster, break-even is "
                + "; ".join(rows)
                + ": anything from month 2 to never."
            ),
        )
    )
    return figures


def scenario_2_figures() -> list[ArticleFigure]:
    model = self_hosted_model(_heavy_tokens(), infrastructure=ZERO, months=12)
    series = model.series()
    components = series.component_totals()
    hardware, staff = components["hardware"], components["staff"]
    year_1 = sum(series.monthly_totals, ZERO)
    where = "Scenario 2"
    inputs = (
        FormulaInput("hardware_capex_usd", "$200,000 (8x A100 GPU cluster)", f"article, {where}"),
        FormulaInput("ML engineering", "2 FTEs, $400,000 a year loaded", f"article, {where}"),
        FormulaInput("infrastructure", "not mentioned in the scenario: $0", f"article, {where}"),
    )
    return [
        _build(
            _Claim(
                "scenario-2-capex",
                SECTION_SCENARIO_2,
                "First-year CapEx of self-hosting for the mid-market SaaS company: $600K",
                "$600K",
                USD,
                Decimal(600_000),
            ),
            recomputed=hardware,
            formula="self_hosting_tco (cash basis), hardware component, year 1",
            inputs=inputs,
            working=f"one 8-GPU cluster: {usd(hardware)} of hardware in month 1",
            cause=(
                "a year of ML engineering ($400K) added to the $200K hardware and called CapEx; "
                "the same scenario prices the cluster at $200K two lines earlier"
            ),
            if_consistent="The CapEx follows from the scenario's cluster price.",
            if_inconsistent=(
                f"The scenario itself prices the 8-GPU cluster at {usd(hardware)}, as does the "
                "self-hosting table. $600K is exactly $200K of hardware plus the $400K of yearly "
                "ML engineering, which is salary (OpEx), not capital expenditure."
            ),
        ),
        _build(
            _Claim(
                "scenario-2-first-year-total",
                SECTION_SCENARIO_2,
                "Total first-year cost of self-hosting for the same company: $1M",
                "$600K CapEx + $400K OpEx = $1M",
                USD,
                Decimal(1_000_000),
                tolerance=Decimal(500),
                tolerance_note=(
                    "printed as the exact sum $600K + $400K, so read to the nearest $1K (±$500)"
                ),
            ),
            recomputed=year_1,
            formula="self_hosting_tco (cash basis), year 1 total",
            inputs=inputs,
            working=f"{usd(hardware)} hardware + {usd(staff)} staff = {usd(year_1)}",
            cause="ML engineering counted twice: once inside the $600K 'CapEx', again as OpEx",
            if_consistent="The first-year total follows from the scenario's inputs.",
            if_inconsistent=(
                f"From the scenario's own inputs year 1 costs {usd(year_1)} (with the self-hosting "
                f"table's $50,000 of infrastructure, {usd(year_1 + INFRASTRUCTURE_PER_YEAR)}). "
                "Either way it is still more than the $500K GPT-4 spend, so the scenario's "
                "'negative ROI in year 1' conclusion stands, by a smaller margin."
            ),
        ),
    ]


@functools.cache
def article_figures() -> tuple[ArticleFigure, ...]:
    """Every checked figure, in the order a reader meets them on the page."""
    return (
        *snapshot_figures(),
        *reality_check_figures(),
        *self_hosting_figures(),
        *break_even_figures(),
        *scenario_2_figures(),
    )


def figure(figure_id: str) -> ArticleFigure:
    for f in article_figures():
        if f.id == figure_id:
            return f
    raise KeyError(figure_id)


def verdict_counts(figures: Sequence[ArticleFigure]) -> dict[str, int]:
    counts = dict.fromkeys(VERDICTS, 0)
    for f in figures:
        counts[f.verdict] += 1
    return counts
