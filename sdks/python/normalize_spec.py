"""Rewrites the committed spec into the shape openapi-python-client parses.

poem-openapi documents a field whose type is a named schema as
`allOf: [{$ref: X}, {description: ...}]`; openapi-python-client cannot take `allOf`
of a non-object (our string enums), drops the schema and every operation that uses
it. Folding such an `allOf` into the `$ref` (keeping the description beside it)
loses no type information. Reads the spec on stdin, writes the result on stdout.
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
            if "description" in rest:
                # a $ref with siblings is read as "the ref" by 3.0 tools; keep the text
                return {"$ref": refs[0]["$ref"], "description": rest["description"]}
            return {"$ref": refs[0]["$ref"]}
    return node


if __name__ == "__main__":
    json.dump(fold(json.load(sys.stdin)), sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
