"""Bulk import and export: all rows or none, errors by row and column, round trips."""

import io

import pytest
from django.urls import reverse
from django_scopes import scope
from openpyxl import load_workbook

from assessments.models import Workload
from assessments.workloads import selectors, services, spreadsheets
from portal.errors import ValidationFailed
from tests.factories.assessments import WorkloadFactory
from tests.factories.portal import OrganizationFactory

pytestmark = pytest.mark.django_db

HEADER = "name,status,use_case,data_categories,daily_input_tokens,daily_output_tokens\r\n"
GOOD = HEADER + (
    "Docs,production,documentation,internal;source_code,10M,1M\r\n"
    'Chat,pilot,customer_chat,personal_data,"2,000,000",500k\r\n'
    "Search,planned,search_rag,public,1.5k,300\r\n"
)
BAD = GOOD.replace("2,000,000", "-2,000,000")


def _upload(client, content, name="workloads.csv"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        reverse("workload-import", args=["acme"]),
        {"file": SimpleUploadedFile(name, content)},
    )


def test_one_bad_row_creates_nothing_and_names_row_and_column(client, triangle):
    client.force_login(triangle.member_a)
    response = _upload(client, BAD.encode())
    assert response.status_code == 400
    text = response.content.decode()
    assert "row 3, daily_input_tokens: Token volumes cannot be negative." in text
    with scope(organization=triangle.org_a):
        assert Workload.objects.count() == 0
    response = _upload(client, GOOD.encode())
    assert response.status_code == 302
    with scope(organization=triangle.org_a):
        assert sorted(Workload.objects.values_list("name", flat=True)) == [
            "Chat",
            "Docs",
            "Search",
        ]
        assert Workload.objects.get(name="Chat").daily_input_tokens == 2_000_000


def test_header_and_duplicate_problems(triangle):
    with scope(organization=triangle.org_a), pytest.raises(ValidationFailed) as err:
        rows = spreadsheets.read_csv(b"name,colour\r\nA,blue\r\n")
    assert "colour" in err.value.fields
    rows = spreadsheets.read_csv((HEADER + "A,planned,,,,\r\na,planned,,,,\r\n").encode())
    with scope(organization=triangle.org_a), pytest.raises(ValidationFailed) as err:
        services.workloads_import(organization=triangle.org_a, rows=rows)
    assert "row 3" in err.value.fields and "row 2" in err.value.fields["row 3"][0]


def _answers(org):
    return [
        {k: v for k, v in item.items() if k not in ("id", "latency_samples")}
        for item in selectors.workload_inputs(org)
    ]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_then_import_yields_identical_workloads(client, triangle, fmt):
    with scope(organization=triangle.org_a):
        WorkloadFactory(
            organization=triangle.org_a,
            name='Everything, "quoted"',
            description="Line one\nline two; with a semicolon",
            data_categories=["personal_data", "health_phi"],
            data_subject_regions=["eu_eea", "us_california"],
            regulations=["gdpr"],
            contract_data_residency=["eu_eea"],
            programming_languages=["go", "rust"],
            contracts_with_sovereignty_share="60.50",
            reasoning_multiplier="2.75",
            cached_input_share="0.3333",
            active_days_per_month=22,
            latency_sensitive=True,
            p99_latency_sla_ms=1500,
            expected_growth_12m="10",
            current_offering="",
            current_monthly_spend_usd="12500.00",
            streaming=True,
        )
        WorkloadFactory(organization=triangle.org_a, name="Draft", use_case="")
    client.force_login(triangle.member_a)
    exported = client.get(reverse("workload-export", args=["acme"]), {"format": fmt})
    assert exported.status_code == 200
    target = OrganizationFactory(slug="copy-target")
    rows = spreadsheets.read_upload(f"export.{fmt}", exported.content)
    with scope(organization=target):
        services.workloads_import(organization=target, rows=rows, actor=triangle.member_a)
    assert _answers(target) == _answers(triangle.org_a)


def test_templates_have_the_field_names_and_an_explanation_sheet(client, triangle):
    client.force_login(triangle.viewer_a)
    csv_t = client.get(reverse("workload-template", args=["acme"]), {"format": "csv"})
    assert csv_t.content.decode().strip().split(",") == list(spreadsheets.HEADERS)
    xlsx_t = client.get(reverse("workload-template", args=["acme"]), {"format": "xlsx"})
    book = load_workbook(io.BytesIO(xlsx_t.content))
    assert book.sheetnames == ["Workloads", "Allowed values"]
    assert [c.value for c in book["Workloads"][1]] == list(spreadsheets.HEADERS)
    explained = {row[0].value for row in book["Allowed values"].iter_rows(min_row=2)}
    assert explained == set(spreadsheets.HEADERS)


def test_garbage_files_are_refused_in_plain_words(triangle):
    for content, name in [
        (b"", "x.csv"),
        (b"PK\x03\x04junk", "x.xlsx"),
        (b"\xff\xfe\x00", "x.csv"),
    ]:
        with pytest.raises(ValidationFailed) as err:
            spreadsheets.read_upload(name, content)
        assert err.value.fields["file"]
