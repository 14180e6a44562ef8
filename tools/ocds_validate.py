#!/usr/bin/env python3
"""Offline OCDS 1.1.5 validator (docs/ocds.md, "Validation").

Validates release packages, record packages and JSON lines of releases against the OCDS 1.1.5
schema patched (RFC 7386 JSON merge patch) with every extension the package lists, and with the
dependencies those extensions declare, ours included. Schemas come from this repository only
(tools/ocds-schema, extensions/): nothing is fetched.

    python3 tools/ocds_validate.py FILE...          exit 0 valid, 1 invalid, 2 unusable input

Needs jsonschema[format] (pinned in .ci/run) so that date-time and uri formats are checked.
"""

import json
import re
import sys
from pathlib import Path

import jsonschema
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "tools" / "ocds-schema"
RELEASE_ID = "https://standard.open-contracting.org/schema/1__1__5/release-schema.json"
OURS = ROOT / "extensions"


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def merge_patch(target, patch):
    """RFC 7386: objects merge member by member, null removes, anything else replaces."""
    if not isinstance(patch, dict):
        return patch
    if not isinstance(target, dict):
        target = {}
    out = dict(target)
    for key, value in patch.items():
        if value is None:
            out.pop(key, None)
        else:
            out[key] = merge_patch(out.get(key), value)
    return out


def extension_folder(url):
    """The folder in this repository holding the extension an `extensions` URL names."""
    for folder in sorted((SCHEMA / "extensions").iterdir()) + sorted(OURS.iterdir()):
        if not folder.is_dir():
            continue
        name = folder.name.removeprefix("cabinetoffice-")
        if re.search(r"[/_-]" + re.escape(name) + r"/", url) or url.rstrip("/").endswith(
            "/" + name + "/extension.json"
        ):
            return folder
    raise LookupError(f"no copy of the extension {url} in this repository")


def patched_release_schema(extension_urls):
    """The release schema patched with the extensions and their dependencies (each once)."""
    schema = load(SCHEMA / "release-schema.json")
    done = set()
    pending = list(extension_urls)
    while pending:
        folder = extension_folder(pending.pop(0))
        if folder in done:
            continue
        done.add(folder)
        meta = load(folder / "extension.json")
        pending += meta.get("dependencies", [])
        for name in meta.get("schemas", []):
            if name == "release-schema.json":
                schema = merge_patch(schema, load(folder / name))
    return schema, sorted(f.name for f in done)


def validator(schema_file, extension_urls):
    release, used = patched_release_schema(extension_urls)
    registry = Registry().with_resource(RELEASE_ID, Resource.from_contents(release, default_specification=DRAFT4))
    top = load(SCHEMA / schema_file) if schema_file else release
    cls = jsonschema.Draft4Validator
    return cls(top, registry=registry, format_checker=cls.FORMAT_CHECKER), used


def errors_of(document):
    """Problems of one package (or bare release), as `pointer: message` lines."""
    if "releases" in document:
        v, _ = validator("release-package-schema.json", document.get("extensions", []))
    elif "records" in document:
        v, _ = validator("record-package-schema.json", document.get("extensions", []))
    else:
        v, _ = validator(None, ARGS_EXTENSIONS)
    out = []
    for e in sorted(v.iter_errors(document), key=lambda e: list(map(str, e.absolute_path))):
        pointer = "/" + "/".join(str(p) for p in e.absolute_path)
        out.append(f"{pointer}: {e.message[:300]}")
    return out


# Bare releases (JSON lines) name no extensions: they are checked with every extension we export.
ARGS_EXTENSIONS = [
    "https://raw.githubusercontent.com/cabinetoffice/ocds_uk_extension/main/extension.json",
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_lots_extension/master/extension.json",
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_awardCriteria_extension/master/extension.json",
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_metrics_extension/1.1/extension.json",
    "http://localhost/ocds/extensions/commonweal_social_value/extension.json",
]


def main(paths):
    if not paths:
        print(__doc__, file=sys.stderr)
        return 2
    bad = 0
    for path in paths:
        try:
            text = Path(path).read_text(encoding="utf-8")
            if path.endswith(".jsonl"):
                documents = [(f"{path}:{n}", json.loads(line)) for n, line in enumerate(text.splitlines(), 1) if line]
            else:
                documents = [(path, json.loads(text))]
        except (OSError, ValueError) as e:
            print(f"error: {path}: {e}", file=sys.stderr)
            return 2
        for where, document in documents:
            try:
                found = errors_of(document)
            except LookupError as e:
                print(f"error: {where}: {e}", file=sys.stderr)
                return 2
            for line in found:
                print(f"{where}: {line}")
            bad += len(found)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
