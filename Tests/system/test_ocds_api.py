"""The OCDS API and the open data downloads on the running product (docs/ocds.md, "The API and the
open data page"): a page of releases, the next page by its cursor, a record and a year's JSON lines,
each validated offline against OCDS 1.1.5 patched with every extension listed (tools/ocds_validate.py).
"""

from __future__ import annotations

import json
import sys
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(REPO / "tools"))
import ocds_validate  # noqa: E402


def get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=60) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def validated(body: bytes, tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(body)
    assert ocds_validate.main([str(path)]) == 0, f"{name} is not valid OCDS"


def test_api_pages_records_and_downloads_are_valid_ocds(product, tmp_path):
    status, body = get(product.url("/api/v1/ocds/releases?limit=3"))
    assert status == 200
    first = json.loads(body)
    validated(body, tmp_path, "page1.json")
    assert len(first["releases"]) == 3
    next_url = first["links"]["next"]
    assert next_url.startswith(product.base_url + "api/v1/ocds/releases?limit=3&cursor=")
    status, body = get(next_url)
    assert status == 200
    validated(body, tmp_path, "page2.json")
    second = json.loads(body)
    ids = [r["id"] for r in first["releases"] + second["releases"]]
    assert len(ids) == len(set(ids)), "a release is on two pages"

    ocid = first["releases"][0]["ocid"]
    status, body = get(product.url(f"/api/v1/ocds/records/{ocid}"))
    assert status == 200
    validated(body, tmp_path, "record.json")
    assert [r["ocid"] for r in json.loads(body)["records"]] == [ocid]

    year = first["releases"][0]["date"][:4]
    status, body = get(product.url(f"/open-data/releases-{year}.jsonl"))
    assert status == 200
    validated(body, tmp_path, "year.jsonl")

    status, body = get(product.url("/api/v1/ocds/releases?limit=1000"))
    assert status == 422
    assert [p["field"] for p in json.loads(body)["problems"]] == ["limit"]


def test_our_extension_is_served_where_the_package_lists_it(product):
    status, body = get(product.url("/api/v1/ocds/releases?limit=1"))
    listed = json.loads(body)["extensions"][-1]
    assert listed == product.base_url + "ocds/extensions/commonweal_social_value/extension.json"
    folder = REPO / "extensions" / "commonweal_social_value"
    for name in ["extension.json", "release-schema.json", "README.md", "codelists/screeningResult.csv"]:
        status, body = get(listed.replace("extension.json", name))
        assert status == 200, name
        assert body == (folder / name).read_bytes(), f"the served {name} differs from the repo's"
    assert get(listed.replace("extension.json", "../../../../Package.swift"))[0] == 404
    assert get(listed.replace("extension.json", "other.json"))[0] == 404


def test_the_yearly_gzip_is_the_yearly_json_lines(product):
    import gzip

    status, body = get(product.url("/api/v1/ocds/releases?limit=1"))
    year = json.loads(body)["releases"][0]["date"][:4]
    status, plain = get(product.url(f"/open-data/releases-{year}.jsonl"))
    assert status == 200
    status, packed = get(product.url(f"/open-data/releases-{year}.jsonl.gz"))
    assert status == 200
    assert gzip.decompress(packed) == plain
    status, page = get(product.url("/open-data"))
    assert f'href="/open-data/releases-{year}.jsonl.gz"' in page.decode()
