"""The system tests' product answers: health, and the OpenAPI document the fuzzing reads."""

import json
import urllib.request


def test_the_product_serves_health_and_its_openapi_document(product):
    with urllib.request.urlopen(product.url("healthz"), timeout=10) as r:
        assert r.status == 200
    with urllib.request.urlopen(product.url("api/v1/openapi.json"), timeout=10) as r:
        document = json.load(r)
    assert document["openapi"].startswith("3.")
    assert "/api/v1/procurements" in document["paths"]
