#!/usr/bin/python3
"""docs/openapi.yaml read as a tool reads it: valid YAML (a colon and a space
in a plain scalar once made it invalid without anyone noticing), an OpenAPI
3 document whose every operation has responses and whose every $ref
resolves. Exits non-zero with the reason."""
import sys

import yaml


def refs(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from refs(value)


def resolve(doc, ref):
    if not ref.startswith("#/"):
        return False
    node = doc
    for part in ref[2:].split("/"):
        if not isinstance(node, dict) or part not in node:
            return False
        node = node[part]
    return True


def main(path):
    try:
        with open(path, encoding="utf-8") as f:
            doc = yaml.safe_load(f)
    except yaml.YAMLError as e:
        sys.exit(f"{path}: not valid YAML: {e}")
    if not str(doc.get("openapi", "")).startswith("3."):
        sys.exit(f"{path}: no 'openapi: 3.x'")
    problems = []
    methods = {"get", "put", "post", "delete", "patch", "head", "options"}
    for route, item in (doc.get("paths") or {}).items():
        for method, op in item.items():
            if method in methods and not (isinstance(op, dict) and op.get("responses")):
                problems.append(f"{method.upper()} {route} has no responses")
    problems += [f"$ref {r} resolves to nothing" for r in refs(doc) if not resolve(doc, r)]
    if not doc.get("paths"):
        problems.append("no paths")
    if problems:
        sys.exit(f"{path}:\n  " + "\n  ".join(problems))
    print(f"{path}: {len(doc['paths'])} paths, every $ref resolves")


if __name__ == "__main__":
    main(sys.argv[1])
