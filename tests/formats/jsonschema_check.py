#!/usr/bin/python3
"""jsonschema_check.py SCHEMA FILE...: validates each JSON file against
the JSON Schema (draft 4 or 7, with format checks) and prints the first
errors; exit 0 when every file is valid, 1 otherwise."""
import json
import sys

import jsonschema


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    v = cls(schema, format_checker=jsonschema.FormatChecker())
    rc = 0
    for name in sys.argv[2:]:
        with open(name, encoding="utf-8") as f:
            doc = json.load(f)   # fails on invalid UTF-8 or JSON
        for e in list(v.iter_errors(doc))[:5]:
            print("%s: %s at %s" % (name, e.message[:300],
                  "/".join(str(p) for p in e.absolute_path)))
            rc = 1
    return rc


if __name__ == "__main__":
    sys.exit(main())
