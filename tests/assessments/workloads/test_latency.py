"""Latency evidence: parsing and nearest-rank percentiles against hand-computed values."""

import pytest
from django.urls import reverse
from django_scopes import scope

from assessments.workloads.latency import histogram, parse_samples, parse_samples_csv, percentiles
from tests.factories.assessments import WorkloadFactory


def test_percentiles_nearest_rank_by_hand():
    # 10 samples sorted: 100 120 130 150 180 200 250 300 900 2000
    samples = [300, 100, 2000, 150, 120, 900, 180, 130, 250, 200]
    # P50: rank ceil(0.5*10)=5 -> 180; P90: rank 9 -> 900; P99: rank ceil(9.9)=10 -> 2000
    assert percentiles(samples) == {"count": 10, "p50": 180, "p90": 900, "p99": 2000}
    # 200 samples 1..200: P50 rank 100, P90 rank 180, P99 rank 198
    assert percentiles(range(1, 201)) == {"count": 200, "p50": 100, "p90": 180, "p99": 198}
    assert percentiles([42]) == {"count": 1, "p50": 42, "p90": 42, "p99": 42}


def test_csv_and_json_inputs():
    assert parse_samples_csv(b"latency_ms\r\n812\r\n954.4\r\n\r\n") == [812, 954]
    assert parse_samples_csv("request,latency_ms\na,10\nb,20\n") == [10, 20]
    assert parse_samples([812, 954.5, "1020"]) == [812, 955, 1020]


@pytest.mark.parametrize(
    ("bad", "fragment"),
    [
        ([], "empty"),
        ([1, "fast"], "not a number"),
        ([1, -5], "negative"),
        ([1, 10_000_000], "ten minutes"),
        ({"a": 1}, "list"),
        ([True], "not a number"),
    ],
)
def test_bad_json_samples(bad, fragment):
    with pytest.raises(ValueError, match=fragment):
        parse_samples(bad)


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"ms\n1\n", "latency_ms column"),
        (b"latency_ms\n", "no latencies"),
        (b"latency_ms\n12\nabc\n", "row 3"),
        (b"latency_ms\n-1\n", "negative"),
    ],
)
def test_bad_csv_samples(content, fragment):
    with pytest.raises(ValueError, match=fragment):
        parse_samples_csv(content)


def test_histogram_counts_every_sample():
    bins = histogram(list(range(100)), bins=10)
    assert sum(b["count"] for b in bins) == 100
    assert bins[0] == {"low": 0, "high": 9, "count": 10}


@pytest.mark.django_db
def test_upload_page_shows_percentiles_and_histogram(client, triangle):
    from django.core.files.uploadedfile import SimpleUploadedFile

    with scope(organization=triangle.org_a):
        w = WorkloadFactory(organization=triangle.org_a)
    client.force_login(triangle.member_a)
    url = reverse("workload-latency", args=["acme", w.pk])
    csv_file = SimpleUploadedFile(
        "lat.csv", b"latency_ms\n" + b"\n".join(b"%d" % i for i in range(1, 101))
    )
    client.post(url, {"offering": "gpt-4o", "file": csv_file})
    page = client.get(reverse("workload-detail", args=["acme", w.pk])).content.decode()
    assert "<svg" in page and "gpt-4o" in page
    assert ">50<" in page and ">90<" in page and ">99<" in page
    response = client.post(url, {"offering": "gpt-4o", "samples": "[1, -1]"}, follow=True)
    assert "negative" in response.content.decode()
