#!/usr/bin/python3
"""Check that every public struct and enum of an ABI baseline survives in a
newer ABI dump: each member keeps its name, offset and type, each
enumerator its value. New members at the end and new enumerators are fine.

    abi_layout.py BASELINE.abi CURRENT.abi BASELINE_ENUMS.txt INCLUDE_DIR
    abi_layout.py --dump-enums INCLUDE_DIR > BASELINE_ENUMS.txt

Enumerators and integer constant macros (not versions or counts) are read
from the headers: abidw only sees the enums that a function signature uses,
and ours pass plain integers.
"""
import glob
import os
import re
import sys
import xml.etree.ElementTree as ET

ENUMERATOR = re.compile(r"^\s*(VISION_[A-Z0-9_]+)\s*=\s*(-?\d+)\s*,?", re.M)
# Integer constants given as macros (event types, flags, sizes). Version
# numbers and counts are left out: they grow by design.
CONSTANT = re.compile(r"^#define\s+(VISION_[A-Z0-9_]+)\s+\(?(-?(?:0x[0-9a-fA-F]+|\d+))[uU]?\)?\s*$", re.M)
GROWS = re.compile(r"(_VERSION|_COUNT|VISION_VERSION_(MAJOR|MINOR|MICRO))$")


def header_enumerators(include_dir):
    values = {}
    for header in sorted(glob.glob(os.path.join(include_dir, "vision", "*.h"))):
        with open(header, encoding="utf-8") as handle:
            text = handle.read()
            for name, value in ENUMERATOR.findall(text):
                values[name] = int(value)
            for name, value in CONSTANT.findall(text):
                if not GROWS.search(name):
                    values[name] = int(value, 0)
    return values


def load(path):
    root = ET.parse(path).getroot()
    by_id = {}
    for element in root.iter():
        type_id = element.get("id")
        if type_id:
            by_id.setdefault(type_id, element)
    return root, by_id


def type_name(by_id, type_id, depth=0):
    """A readable, comparable name for a type id (typedef names kept)."""
    element = by_id.get(type_id)
    if element is None or depth > 20:
        return "?"
    tag = element.tag
    if tag == "pointer-type-def":
        return type_name(by_id, element.get("type-id"), depth + 1) + "*"
    if tag == "qualified-type-def":
        quals = "const " if element.get("const") == "yes" else ""
        return quals + type_name(by_id, element.get("type-id"), depth + 1)
    if tag == "array-type-def":
        size = element.get("size-in-bits", "?")
        return type_name(by_id, element.get("type-id"), depth + 1) + "[" + size + "b]"
    if tag == "function-type":
        return "function"
    return element.get("name", "?")


def public_types(root, by_id):
    structs, enums = {}, {}
    for element in root.iter("class-decl"):
        name = element.get("name", "")
        if name.startswith("vision_") and element.get("is-declaration-only") != "yes":
            members = {}
            for data_member in element.iter("data-member"):
                var = data_member.find("var-decl")
                members[var.get("name")] = (data_member.get("layout-offset-in-bits"),
                                            type_name(by_id, var.get("type-id")))
            structs[name] = members
    for element in root.iter("enum-decl"):
        name = element.get("name", "")
        if name.startswith("vision_"):
            enums[name] = {e.get("name"): e.get("value") for e in element.iter("enumerator")}
    return structs, enums


def main():
    if sys.argv[1] == "--dump-enums":
        for name, value in header_enumerators(sys.argv[2]).items():
            print(name, value)
        return 0
    old_root, old_ids = load(sys.argv[1])
    new_root, new_ids = load(sys.argv[2])
    old_structs, old_enums = public_types(old_root, old_ids)
    new_structs, new_enums = public_types(new_root, new_ids)
    problems = []
    for name, members in old_structs.items():
        if name not in new_structs:
            problems.append(f"struct {name} is gone")
            continue
        for member, layout in members.items():
            now = new_structs[name].get(member)
            if now != layout:
                problems.append(f"{name}.{member}: was offset/type {layout}, now {now}")
    for name, values in old_enums.items():
        for enumerator, value in values.items():
            now = new_enums.get(name, {}).get(enumerator)
            if now != value:
                problems.append(f"{name}::{enumerator}: was {value}, now {now}")
    with open(sys.argv[3], encoding="utf-8") as handle:
        old_values = dict(line.split() for line in handle if line.strip())
    now_values = header_enumerators(sys.argv[4])
    for name, value in old_values.items():
        if now_values.get(name) != int(value):
            problems.append(f"enumerator {name}: was {value}, now {now_values.get(name)}")
    for problem in problems:
        print("FAIL:", problem)
    if problems:
        return 1
    print(f"{len(old_structs)} structs and {len(old_values)} enumerators of the baseline unchanged")
    return 0


sys.exit(main())
