"""Rewrites the committed spec into what both SDK generators read correctly.

1. poem-openapi documents a field whose type is a named schema as
   `allOf: [{$ref: X}, {description: ...}]`; openapi-python-client cannot take
   `allOf` of a non-object (our string enums) and drops the schema and every
   operation that uses it. Such an `allOf` becomes the `$ref` (with its description).
2. The API sends an absent optional field as `null` (`"last_used_at": null`), but
   the spec marks it only as not required; a generated model then fails on the
   null. Every optional property is marked `nullable` (a `$ref` is wrapped in
   `anyOf` so the flag is not ignored beside it).

Reads the spec on stdin, writes the result on stdout.
"""

import json
import sys


def is_doc_only(node: object) -> bool:
    return isinstance(node, dict) and set(node) <= {"description", "title", "example"}


def fold(node: object) -> object:
    if isinstance(node, list):
        return [fold(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: fold(value) for key, value in node.items()}
    parts = node.get("allOf")
    if isinstance(parts, list):
        refs = [p for p in parts if isinstance(p, dict) and "$ref" in p]
        if len(refs) == 1 and all(p is refs[0] or is_doc_only(p) for p in parts):
            rest = {k: v for k, v in node.items() if k != "allOf"}
            folded = {"$ref": refs[0]["$ref"]}
            if "description" in rest:
                folded["description"] = rest["description"]
            return folded
    return node


def nullable(prop: dict) -> dict:
    if "$ref" in prop:
        wrapped = {"anyOf": [{"$ref": prop["$ref"]}], "nullable": True}
        if "description" in prop:
            wrapped["description"] = prop["description"]
        return wrapped
    return {**prop, "nullable": True}


def optional_nullable(node: object) -> object:
    if isinstance(node, list):
        return [optional_nullable(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: optional_nullable(value) for key, value in node.items()}
    props = node.get("properties")
    if node.get("type") == "object" and isinstance(props, dict):
        required = set(node.get("required", []))
        node["properties"] = {
            name: prop
            if name in required or not isinstance(prop, dict)
            else nullable(prop)
            for name, prop in props.items()
        }
    return node


if __name__ == "__main__":
    spec = optional_nullable(fold(json.load(sys.stdin)))
    json.dump(spec, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
