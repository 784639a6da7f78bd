"""The CKAN client against a loopback CKAN: paging, errors inside 200 answers, retries with
Retry-After, the request rate, the User-Agent and one deadline."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from odcore.portal.ckan import (
    DEFAULT_CKAN_URL,
    CkanClient,
    PortalError,
    TokenBucket,
    ckan_api_url,
    retry_after_seconds,
    site_url,
)
from tests.portal.fake_ckan import FakeCkan, FakeCkanServer, Fault


@pytest.fixture
def server() -> Iterator[FakeCkanServer]:
    running = FakeCkanServer().start()
    org = running.ckan.add_organization("zhmerynska-miska-rada", "Жмеринська міська рада")
    for number in range(7):
        running.ckan.add_package(org, f"zhm-{number}", f"Набір {number}", resources=[])
    other = running.ckan.add_organization("other", "Інша рада")
    running.ckan.add_package(other, "other-1", "Чужий набір", resources=[])
    yield running
    running.stop()


def _client(ckan: FakeCkan, sleeps: list[float] | None = None, **options: object
            ) -> CkanClient:
    record = sleeps.append if sleeps is not None else (lambda _: None)
    return CkanClient(ckan.api_url, bucket=TokenBucket(rate=1000, burst=1000),
                      sleep=record, **options)  # type: ignore[arg-type]


def test_organization_packages_are_paged_by_owner_org(server: FakeCkanServer) -> None:
    client = _client(server.ckan, page_rows=3)
    org = client.organization("zhmerynska-miska-rada")
    packages = client.organization_packages(org["id"])
    assert [p["name"] for p in packages] == [f"zhm-{n}" for n in range(7)]
    searches = [h for h in server.ckan.log if "package_search" in h[2]]
    assert len(searches) == 3
    assert all(f"owner_org%3A{org['id']}" in path and "rows=3" in path
               for _, _, path, _ in searches)


def test_a_200_answer_with_success_false_is_an_error(server: FakeCkanServer) -> None:
    server.ckan.plant("package_search", Fault(success_false=True))
    client = _client(server.ckan)
    with pytest.raises(PortalError, match="Search Query Error") as caught:
        client.organization_packages("x")
    assert caught.value.kind == "Search Query Error"


def test_unknown_organization_is_a_not_found_error(server: FakeCkanServer) -> None:
    with pytest.raises(PortalError, match="Not Found Error"):
        _client(server.ckan).organization("nobody")


def test_package_show_of_a_missing_package_is_none(server: FakeCkanServer) -> None:
    client = _client(server.ckan)
    assert client.package("nothing-here") is None
    assert client.package("other-1")["organization"]["name"] == "other"


def test_a_503_with_retry_after_is_retried_after_that_wait(server: FakeCkanServer) -> None:
    server.ckan.plant("organization_show", Fault(status=503, retry_after="2"),
                      Fault(status=429, retry_after="1"))
    sleeps: list[float] = []
    org = _client(server.ckan, sleeps).organization("zhmerynska-miska-rada")
    assert org["name"] == "zhmerynska-miska-rada"
    assert sleeps == [2.0, 1.0]
    assert len(server.ckan.calls("organization_show")) == 3


def test_a_failing_endpoint_gives_up_after_the_retries(server: FakeCkanServer) -> None:
    server.ckan.plant("organization_show", *[Fault(status=500)] * 4)
    sleeps: list[float] = []
    with pytest.raises(PortalError, match="Internal Server Error"):
        _client(server.ckan, sleeps, retries=3).organization("zhmerynska-miska-rada")
    assert sleeps == [1.0, 2.0, 4.0]  # no Retry-After: 1, 2, 4 seconds
    assert len(server.ckan.calls("organization_show")) == 4


def test_a_body_that_is_not_ckans_is_an_error(server: FakeCkanServer) -> None:
    server.ckan.plant("organization_show", Fault(status=502, body=b"<html>Bad gateway</html>"))
    with pytest.raises(PortalError, match="не як CKAN"):
        _client(server.ckan, retries=0).organization("zhmerynska-miska-rada")


def test_a_slow_endpoint_stops_at_the_runs_deadline(server: FakeCkanServer) -> None:
    server.ckan.plant("package_search", Fault(delay=4.0), Fault(delay=4.0))
    client = _client(server.ckan, deadline_seconds=1.0, timeout=30.0)
    started = time.monotonic()
    with pytest.raises(PortalError):
        client.organization_packages("x")
    assert time.monotonic() - started < 3.0


def test_requests_name_the_project(server: FakeCkanServer) -> None:
    _client(server.ckan).organization("zhmerynska-miska-rada")
    headers = server.ckan.calls("organization_show")[0]
    assert headers["User-Agent"].startswith("odcore/")


def test_a_stopped_portal_is_a_connection_error(server: FakeCkanServer) -> None:
    client = _client(server.ckan, retries=0)
    server.stop()
    with pytest.raises(PortalError, match="не вдалося зʼєднатися"):
        client.organization("zhmerynska-miska-rada")


def test_the_default_rate_is_one_request_a_second() -> None:
    now = [0.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    bucket = TokenBucket(clock=lambda: now[0], sleep=sleep)
    assert CkanClient("http://127.0.0.1:9/api/3/action/").bucket.rate == 1.0
    for _ in range(3):
        bucket.take()
    assert slept == [pytest.approx(1.0), pytest.approx(1.0)]
    now[0] += 5  # idle time refills one token only (burst 1)
    bucket.take()
    bucket.take()
    assert slept[2:] == [pytest.approx(1.0)]
    with pytest.raises(PortalError, match="вичерпано"):
        bucket.take(deadline=now[0] + 0.5)


def test_a_faster_bucket_for_tests_waits_less() -> None:
    now = [0.0]
    slept: list[float] = []
    bucket = TokenBucket(rate=10, clock=lambda: now[0], sleep=slept.append)
    bucket.take()
    bucket.take()
    assert slept == [pytest.approx(0.1)]


def test_retry_after_reads_seconds_and_http_dates() -> None:
    assert retry_after_seconds("3") == 3.0
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:10 GMT", now=1445412480.0) == 10.0
    assert retry_after_seconds("soon") is None and retry_after_seconds(None) is None


def test_the_api_address_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ODCORE_CKAN_URL", raising=False)
    assert ckan_api_url() == DEFAULT_CKAN_URL == "https://data.gov.ua/api/3/action/"
    monkeypatch.setenv("ODCORE_CKAN_URL", "http://127.0.0.1:5000/api/3/action")
    assert ckan_api_url() == "http://127.0.0.1:5000/api/3/action/"
    assert site_url(ckan_api_url()) == "http://127.0.0.1:5000"
