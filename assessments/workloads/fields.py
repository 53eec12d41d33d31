"""The workload questionnaire's fields (QUESTIONNAIRE.md, "Workload"), in one table.

The model, the validation, the form, the API serializers and the spreadsheet
import/export all read this table, so a field's name, kind, choices, default and
help text live in exactly one place. No Django imports: this module is plain data.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

STATUS_CHOICES = (
    ("planned", "Planned"),
    ("pilot", "Pilot"),
    ("production", "In production"),
)
USE_CASE_CHOICES = (
    ("internal_tooling", "Internal tooling"),
    ("code_assistance", "Code assistance"),
    ("code_review", "Code review"),
    ("documentation", "Documentation"),
    ("customer_support", "Customer support"),
    ("customer_chat", "Customer-facing chat"),
    ("search_rag", "Search / retrieval (RAG)"),
    ("data_extraction", "Data extraction"),
    ("analytics", "Analytics"),
    ("agentic_automation", "Agentic automation"),
    ("research", "Research"),
    ("content_generation", "Content generation"),
    ("voice", "Voice"),
    ("other", "Other"),
)
DATA_CATEGORY_CHOICES = (
    ("public", "Public information"),
    ("synthetic", "Synthetic data"),
    ("internal", "Internal business data"),
    ("source_code", "Source code"),
    ("personal_data", "Personal data"),
    ("special_category_data", "Special-category personal data"),
    ("health_phi", "Health information (PHI)"),
    ("financial_records", "Financial records"),
    ("payment_card", "Payment card data"),
    ("student_records", "Student records"),
    ("export_controlled", "Export-controlled data"),
    ("government_classified", "Government classified"),
)
SUBJECT_REGION_CHOICES = (
    ("eu_eea", "EU / EEA"),
    ("uk", "United Kingdom"),
    ("us", "United States"),
    ("us_california", "California"),
    ("cn", "China (PRC)"),
    ("other", "Elsewhere"),
)
REGULATION_CHOICES = (
    ("gdpr", "GDPR"),
    ("uk_gdpr", "UK GDPR"),
    ("hipaa", "HIPAA"),
    ("ccpa", "CCPA"),
    ("finra", "FINRA"),
    ("glba", "GLBA"),
    ("pci_dss", "PCI DSS"),
    ("ferpa", "FERPA"),
    ("itar_ear", "ITAR / EAR"),
    ("fedramp", "FedRAMP"),
    ("eu_ai_act", "EU AI Act"),
)
RESIDENCY_CHOICES = (
    ("eu_eea", "EU / EEA"),
    ("uk", "United Kingdom"),
    ("us", "United States"),
    ("cn", "China (PRC)"),
    ("other", "Elsewhere"),
)
LANGUAGE_CHOICES = (
    ("python", "Python"),
    ("javascript", "JavaScript"),
    ("typescript", "TypeScript"),
    ("java", "Java"),
    ("go", "Go"),
    ("rust", "Rust"),
    ("cpp", "C++"),
    ("c", "C"),
    ("csharp", "C#"),
    ("other", "Other"),
)

SECTIONS = (
    ("identity", "Identity"),
    ("data", "Data and obligations"),
    ("traffic", "Traffic and performance"),
    ("current", "Current state"),
)

# Kinds: text, longtext, choice, multi, bool, int, tokens (int with human input),
# decimal, offering (catalog key).


@dataclass(frozen=True)
class FieldSpec:
    name: str
    kind: str
    section: str
    label: str
    help: str
    required: bool = False
    default: Any = None
    choices: tuple[tuple[str, str], ...] = ()
    min_value: Decimal | int | None = None
    max_value: Decimal | int | None = None
    min_exclusive: bool = False
    max_digits: int = 0
    decimal_places: int = 0
    max_length: int = 0

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(code for code, _ in self.choices)

    def label_of(self, code: str) -> str:
        return dict(self.choices).get(code, code)


MAX_TOKENS = 10**15

FIELDS: tuple[FieldSpec, ...] = (
    # Identity
    FieldSpec(
        "name",
        "text",
        "identity",
        "Workload name",
        "A short name your team recognises, such as \u201cSupport bot\u201d. "
        "Each workload in your organization needs its own name.",
        required=True,
        default="",
        max_length=200,
    ),
    FieldSpec(
        "description",
        "longtext",
        "identity",
        "Description",
        "What the model does here, for whom, and with which inputs. It helps the "
        "consultant understand the answers below.",
        default="",
        max_length=5000,
    ),
    FieldSpec(
        "status",
        "choice",
        "identity",
        "Status",
        "Production workloads carry the most weight in the portfolio verdict; "
        "planned ones are cheapest to steer.",
        required=True,
        default="planned",
        choices=STATUS_CHOICES,
    ),
    FieldSpec(
        "use_case",
        "choice",
        "identity",
        "Use case",
        "The kind of work decides which risks matter: code review cares about language "
        "quality, customer chat about latency and tone.",
        required=True,
        default="",
        choices=USE_CASE_CHOICES,
    ),
    FieldSpec(
        "customer_facing",
        "bool",
        "identity",
        "Customers see the output",
        "Output shown to customers raises the stakes for outages, latency and content risk.",
        default=False,
    ),
    # Data and obligations
    FieldSpec(
        "data_categories",
        "multi",
        "data",
        "Data the model sees",
        "Tick every kind of data that reaches the model, in prompts or retrieved "
        "documents. This decides which vendors are allowed at all.",
        required=True,
        default=(),
        choices=DATA_CATEGORY_CHOICES,
    ),
    FieldSpec(
        "data_subject_regions",
        "multi",
        "data",
        "Where the people in the data live",
        "Privacy law follows the people, not the servers: EU residents bring GDPR, "
        "Californians CCPA.",
        default=(),
        choices=SUBJECT_REGION_CHOICES,
    ),
    FieldSpec(
        "regulations",
        "multi",
        "data",
        "Regulations that apply",
        "Tick the ones you know apply. The portal also points out regulations your data "
        "implies, without changing your answer.",
        default=(),
        choices=REGULATION_CHOICES,
    ),
    FieldSpec(
        "contract_prohibits_china_transfer",
        "bool",
        "data",
        "A contract forbids transfer to China",
        "Some customer or partner contracts forbid sending data to the PRC; such a clause "
        "rules out vendors that store data there.",
        default=False,
    ),
    FieldSpec(
        "contract_data_residency",
        "multi",
        "data",
        "Where contracts require the data to stay",
        "Leave empty when no contract restricts where the data may be processed.",
        default=(),
        choices=RESIDENCY_CHOICES,
    ),
    FieldSpec(
        "contracts_with_sovereignty_share",
        "decimal",
        "data",
        "Contracts with data-sovereignty clauses (%)",
        "The percentage of your customer contracts that carry data-sovereignty clauses, "
        "0 to 100. A high share narrows the hosting options.",
        default=Decimal("0"),
        min_value=Decimal(0),
        max_value=Decimal(100),
        max_digits=5,
        decimal_places=2,
    ),
    FieldSpec(
        "sensitive_topics",
        "bool",
        "data",
        "Touches politically or historically sensitive topics",
        "Some models refuse or slant answers on such topics; the report warns where that matters.",
        default=False,
    ),
    FieldSpec(
        "programming_languages",
        "multi",
        "data",
        "Programming languages (code workloads)",
        "Model quality differs by language; leave empty for workloads that do not handle code.",
        default=(),
        choices=LANGUAGE_CHOICES,
    ),
    # Traffic and performance
    FieldSpec(
        "daily_input_tokens",
        "tokens",
        "traffic",
        "Input tokens per active day",
        "Prompt tokens sent on a busy working day. Write it as you like: 10M, 2,000,000 "
        "or 1.5k. This drives the cost estimate.",
        required=True,
        default=None,
        min_value=0,
        max_value=MAX_TOKENS,
    ),
    FieldSpec(
        "daily_output_tokens",
        "tokens",
        "traffic",
        "Output tokens per active day",
        "Visible answer tokens on a busy working day (10M, 250k ...). Output is usually "
        "priced several times higher than input.",
        required=True,
        default=None,
        min_value=0,
        max_value=MAX_TOKENS,
    ),
    FieldSpec(
        "reasoning_multiplier",
        "decimal",
        "traffic",
        "Reasoning multiplier",
        "Reasoning models bill hidden thinking tokens as output. 1 means none; reasoning "
        "models typically need 2 to 4.",
        default=Decimal("1"),
        min_value=Decimal(1),
        max_value=Decimal(100),
        max_digits=6,
        decimal_places=2,
    ),
    FieldSpec(
        "cached_input_share",
        "decimal",
        "traffic",
        "Share of input served from a prompt cache (0-1)",
        "Repeated prompt prefixes can be cached at a lower price. 0 means no caching, "
        "0.5 means half the input.",
        default=Decimal("0"),
        min_value=Decimal(0),
        max_value=Decimal(1),
        max_digits=5,
        decimal_places=4,
    ),
    FieldSpec(
        "batch_eligible",
        "bool",
        "traffic",
        "Can wait for a batch API",
        "Work that can wait hours can use batch prices, often half the normal price.",
        default=False,
    ),
    FieldSpec(
        "active_days_per_month",
        "int",
        "traffic",
        "Active days per month",
        "Leave empty to use the assessment's calendar (22 business days by default).",
        default=None,
        min_value=1,
        max_value=31,
    ),
    FieldSpec(
        "avg_context_tokens",
        "tokens",
        "traffic",
        "Typical prompt length (tokens)",
        "Long prompts (10k tokens and more) make the first token slow, especially on "
        "mixture-of-experts models.",
        default=0,
        min_value=0,
        max_value=100_000_000,
    ),
    FieldSpec(
        "streaming",
        "bool",
        "traffic",
        "Shows tokens as they arrive (streaming)",
        "Streaming hides much of the latency; APIs, batch jobs and voice feel all of it.",
        default=False,
    ),
    FieldSpec(
        "latency_sensitive",
        "bool",
        "traffic",
        "Latency-sensitive",
        "Tick when slow answers hurt users or break a process. You will then be asked for "
        "a P99 target.",
        default=False,
    ),
    FieldSpec(
        "p99_latency_sla_ms",
        "int",
        "traffic",
        "P99 latency target (ms)",
        "99 of 100 requests must finish within this many milliseconds. Required when the "
        "workload is latency-sensitive; gate 2 compares measured latency with it.",
        default=None,
        min_value=0,
        min_exclusive=True,
        max_value=3_600_000,
    ),
    FieldSpec(
        "expected_growth_12m",
        "decimal",
        "traffic",
        "Expected usage in 12 months (multiple)",
        "1 means flat, 10 means ten times today's volume. Strong growth can make "
        "self-hosting worth a look.",
        default=Decimal("1"),
        min_value=Decimal(0),
        min_exclusive=True,
        max_value=Decimal(10000),
        max_digits=10,
        decimal_places=2,
    ),
    # Current state
    FieldSpec(
        "current_offering",
        "offering",
        "current",
        "Runs on today",
        "The model the workload uses now, if any: it is the baseline every candidate is "
        "compared with.",
        default="",
        max_length=200,
    ),
    FieldSpec(
        "current_monthly_spend_usd",
        "decimal",
        "current",
        "Current monthly spend (USD)",
        "What the workload costs a month today, if known. It lets the report check our "
        "estimate against your bill.",
        default=None,
        min_value=Decimal(0),
        max_value=Decimal("999999999999.99"),
        max_digits=14,
        decimal_places=2,
    ),
    FieldSpec(
        "revert_max_downtime_pct",
        "decimal",
        "current",
        "Revert if downtime exceeds (%)",
        "A trigger for going back to the current model after a switch. 5% is a common "
        "starting point.",
        default=Decimal("5"),
        min_value=Decimal(0),
        max_value=Decimal(100),
        max_digits=5,
        decimal_places=2,
    ),
    FieldSpec(
        "revert_max_p99_ms",
        "int",
        "current",
        "Revert if P99 latency exceeds (ms)",
        "The second revert trigger; 2000 ms (2 seconds) is a common starting point.",
        default=2000,
        min_value=1,
        max_value=3_600_000,
    ),
)

FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in FIELDS)
BY_NAME: dict[str, FieldSpec] = {f.name: f for f in FIELDS}
REQUIRED_FIELDS: tuple[str, ...] = tuple(f.name for f in FIELDS if f.required)
MULTI_FIELDS: tuple[str, ...] = tuple(f.name for f in FIELDS if f.kind == "multi")


def fields_in(section: str) -> tuple[FieldSpec, ...]:
    return tuple(f for f in FIELDS if f.section == section)


def defaults() -> dict[str, Any]:
    """The answers a new workload starts with."""
    return {f.name: (list(f.default) if f.kind == "multi" else f.default) for f in FIELDS}
