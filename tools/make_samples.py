#!/usr/bin/env python3
"""Makes the bundled sample submissions (input/*/). Run from the project root: python3 tools/make_samples.py

The 亳州 2020 sample splits the city totals of the real report (../shared/golden) into plausible
unit submissions: every unit's file passes every rule on its own, and the units add up to the
golden values exactly. The numbers of the units are invented; only the city totals are real.
"""
import csv, random, os, sys
from decimal import Decimal

T3_COLS = ["natural", "commercial", "research", "nonprofit", "legal_service", "other"]
T4_COLS = ["upheld", "corrected", "other", "pending"]
T4_ROWS = ["review", "litigation_direct", "litigation_after_review"]
RESULTS_2019 = ["3.1", "3.2"] + [f"3.3.{i}" for i in range(1, 9)] + [f"3.4.{i}" for i in range(1, 4)] \
    + [f"3.5.{i}" for i in range(1, 6)] + ["3.6"]
RESULTS_2021 = RESULTS_2019[:-1] + ["3.6.1", "3.6.2", "3.6.3"]


def split(rng, value, weights):
    """value split into len(weights) non-negative whole parts, roughly by weight, never equal shares."""
    if value == 0:
        return [0] * len(weights)
    jittered = [w * rng.uniform(0.55, 1.45) for w in weights]
    total = sum(jittered)
    if value < 400:
        parts = [0] * len(weights)
        for _ in range(value):
            r = rng.uniform(0, total)
            for i, w in enumerate(jittered):
                r -= w
                if r <= 0:
                    parts[i] += 1
                    break
            else:
                parts[-1] += 1
        return parts
    raw = [value * w / total for w in jittered]
    parts = [int(x) for x in raw]
    rest = value - sum(parts)
    order = sorted(range(len(weights)), key=lambda i: raw[i] - parts[i], reverse=True)
    for i in order[:rest]:
        parts[i] += 1
    return parts


def table3(rng, golden, weights, results):
    """Per unit, table 3 values that satisfy balance, results-total and row-total."""
    n = len(weights)
    units = [dict() for _ in range(n)]
    for col in T3_COLS:
        for row in results + ["4"]:
            for u, part in enumerate(split(rng, golden[("3", row, col)], weights)):
                units[u][(row, col)] = part
        outflow = [sum(units[u][(r, col)] for r in results) + units[u][("4", col)] for u in range(n)]
        carried = [0] * n
        for _ in range(golden[("3", "2", col)]):
            # carried-in requests belong to units that had work to finish
            u = max(range(n), key=lambda i: (outflow[i] - carried[i], rng.random()))
            carried[u] += 1
        for u in range(n):
            units[u][("2", col)] = carried[u]
            units[u][("3.7", col)] = sum(units[u][(r, col)] for r in results)
            units[u][("1", col)] = units[u][("3.7", col)] + units[u][("4", col)] - carried[u]
            assert units[u][("1", col)] >= 0
    rows = ["1", "2"] + results + ["3.7", "4"]
    for u in range(n):
        for row in rows:
            units[u][(row, "total")] = sum(units[u][(row, c)] for c in T3_COLS)
    return [{("3", r, c): v for (r, c), v in unit.items()} for unit in units]


def table4(rng, golden, weights):
    n = len(weights)
    units = [dict() for _ in range(n)]
    for row in T4_ROWS:
        for col in T4_COLS:
            for u, part in enumerate(split(rng, golden[("4", row, col)], weights)):
                units[u][("4", row, col)] = part
        for u in range(n):
            units[u][("4", row, "total")] = sum(units[u][("4", row, c)] for c in T4_COLS)
    return units


def change_split(rng, change, previous_parts, weights):
    """A yearly change split so that no unit ends with fewer than zero items."""
    parts = split(rng, abs(change), weights)
    if change < 0:
        for u in range(len(parts)):
            excess = parts[u] - previous_parts[u]
            if excess > 0:
                parts[u] -= excess
                v = max(range(len(parts)), key=lambda i: previous_parts[i] - parts[i])
                parts[v] += excess
        parts = [-p for p in parts]
    return parts


def table2_2019(rng, golden, weights, rules_unit):
    n = len(weights)
    units = [dict() for _ in range(n)]
    for u in range(n):
        for col in ["made", "published", "total_published"]:
            units[u][("2", "20.1.rules", col)] = golden[("2", "20.1.rules", col)] if u == rules_unit else 0
    made = split(rng, golden[("2", "20.1.normative", "made")], weights)
    extra = split(rng, golden[("2", "20.1.normative", "total_published")] - golden[("2", "20.1.normative", "published")], weights)
    for u in range(n):
        units[u][("2", "20.1.normative", "made")] = made[u]
        units[u][("2", "20.1.normative", "published")] = made[u]
        units[u][("2", "20.1.normative", "total_published")] = made[u] + extra[u]
    for row in ["20.5.licensing", "20.5.other_services", "20.6.penalty", "20.6.coercion", "20.8.fees"]:
        prev = split(rng, golden[("2", row, "previous_items")], weights)
        change = change_split(rng, golden[("2", row, "change")], prev, weights)
        for u in range(n):
            units[u][("2", row, "previous_items")] = prev[u]
            units[u][("2", row, "change")] = change[u]
        if row != "20.8.fees":
            for u, part in enumerate(split(rng, golden[("2", row, "decisions")], weights)):
                units[u][("2", row, "decisions")] = part
    items = split(rng, golden[("2", "20.9.procurement", "items")], weights)
    thousandths = split(rng, int(golden[("2", "20.9.procurement", "amount")] * 1000), weights)
    for u in range(n):
        units[u][("2", "20.9.procurement", "items")] = items[u]
        units[u][("2", "20.9.procurement", "amount")] = Decimal(thousandths[u] if items[u] else 0) / 1000
    return units


def read_golden(path):
    golden = {}
    with open(path, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            value = Decimal(row["value"]) if "." in row["value"] else int(row["value"])
            golden[(row["table"], row["row"], row["column"])] = value
    return golden, list(golden.keys())


def write_unit(path, order, values):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["table", "row", "column", "value"])
        for key in order:
            v = values[key]
            w.writerow([*key, format(v, "f") if isinstance(v, Decimal) else v])


def write_registry(path, units):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["code", "name", "group"])
        for code, name, group, _ in units:
            w.writerow([code, name, group])


BOZHOU_UNITS = [
    ("qiaocheng", "谯城区人民政府", "县区", 0.20),
    ("guoyang", "涡阳县人民政府", "县区", 0.15),
    ("mengcheng", "蒙城县人民政府", "县区", 0.13),
    ("lixin", "利辛县人民政府", "县区", 0.12),
    ("sz-bangongshi", "亳州市人民政府办公室", "市直部门", 0.035),
    ("sz-gongan", "亳州市公安局", "市直部门", 0.07),
    ("sz-ziranziyuan", "亳州市自然资源和规划局", "市直部门", 0.085),
    ("sz-renshe", "亳州市人力资源和社会保障局", "市直部门", 0.05),
    ("sz-zhujian", "亳州市住房和城乡建设局", "市直部门", 0.06),
    ("sz-shichangjianguan", "亳州市市场监督管理局", "市直部门", 0.04),
    ("sz-shengtai", "亳州市生态环境局", "市直部门", 0.025),
    ("sz-jiaoyu", "亳州市教育局", "市直部门", 0.02),
    ("sz-weijian", "亳州市卫生健康委员会", "市直部门", 0.015),
]


def bozhou(root, golden_path):
    rng = random.Random(20201231)
    golden, order = read_golden(golden_path)
    weights = [u[3] for u in BOZHOU_UNITS]
    t2 = table2_2019(rng, golden, weights, rules_unit=4)
    t3 = table3(rng, golden, weights, RESULTS_2019)
    t4 = table4(rng, golden, weights)
    folder = os.path.join(root, "input", "bozhou-2020")
    os.makedirs(os.path.join(folder, "submissions"), exist_ok=True)
    write_registry(os.path.join(folder, "units.csv"), BOZHOU_UNITS)
    sums = {k: 0 for k in order}
    for u, (code, *_rest) in enumerate(BOZHOU_UNITS):
        values = {**t2[u], **t3[u], **t4[u]}
        assert set(values) == set(order), set(order) ^ set(values)
        write_unit(os.path.join(folder, "submissions", code + ".csv"), order, values)
        for k in order:
            sums[k] += values[k]
    assert all(sums[k] == golden[k] for k in order)
    return order, [{**t2[u], **t3[u], **t4[u]} for u in range(len(BOZHOU_UNITS))]


SAMPLE_2021_UNITS = [
    ("xian-bangongshi", "示例县人民政府办公室", "县直部门", 0.10),
    ("xian-gongan", "示例县公安局", "县直部门", 0.22),
    ("xian-ziranziyuan", "示例县自然资源和规划局", "县直部门", 0.26),
    ("xian-renshe", "示例县人力资源和社会保障局", "县直部门", 0.12),
    ("chengguan", "示例县城关镇人民政府", "乡镇", 0.14),
    ("xinxing", "示例县新兴镇人民政府", "乡镇", 0.09),
    ("shuangqiao", "示例县双桥乡人民政府", "乡镇", 0.07),
]

# Invented county totals for a gov-2021 year; each unit's share is drawn from them.
SAMPLE_2021_TOTALS = {
    "issued": {"20.1.rules": 0, "20.1.normative": 37},
    "repealed": {"20.1.rules": 0, "20.1.normative": 9},
    "in_force": {"20.1.rules": 0, "20.1.normative": 214},
    "decisions": {"20.5.licensing": 48213, "20.6.penalty": 3127, "20.6.coercion": 211},
    "fees": Decimal("1873.4521"),
    "t3": {  # per result row, natural / commercial / research / nonprofit / legal_service / other
        "3.1": [41, 3, 0, 1, 0, 0], "3.2": [12, 1, 0, 0, 0, 0], "3.3.1": [0, 0, 0, 0, 0, 0],
        "3.3.2": [1, 0, 0, 0, 0, 0], "3.3.3": [0, 0, 0, 0, 0, 0], "3.3.4": [2, 1, 0, 0, 0, 0],
        "3.3.5": [1, 0, 0, 0, 0, 0], "3.3.6": [2, 0, 0, 0, 0, 0], "3.3.7": [0, 0, 0, 0, 0, 0],
        "3.3.8": [5, 0, 0, 0, 1, 0], "3.4.1": [23, 2, 0, 0, 0, 1], "3.4.2": [6, 0, 0, 0, 0, 0],
        "3.4.3": [3, 0, 0, 0, 0, 0], "3.5.1": [2, 0, 0, 0, 0, 0], "3.5.2": [4, 0, 0, 0, 0, 0],
        "3.5.3": [0, 0, 0, 0, 0, 0], "3.5.4": [1, 0, 0, 0, 0, 0], "3.5.5": [0, 0, 0, 0, 0, 0],
        "3.6.1": [3, 0, 0, 0, 0, 0], "3.6.2": [0, 0, 0, 0, 0, 0], "3.6.3": [2, 1, 0, 0, 0, 0],
        "4": [4, 1, 0, 0, 0, 0], "2": [3, 0, 0, 0, 0, 0],
    },
    "t4": {"review": [6, 1, 2, 1], "litigation_direct": [3, 0, 1, 1], "litigation_after_review": [2, 1, 0, 0]},
}


def sample_2021(root):
    rng = random.Random(20211231)
    s = SAMPLE_2021_TOTALS
    weights = [u[3] for u in SAMPLE_2021_UNITS]
    n = len(weights)
    golden = {}
    for row, cols in s["t3"].items():
        for col, v in zip(T3_COLS, cols):
            golden[("3", row, col)] = v
    for row, cols in s["t4"].items():
        for col, v in zip(T4_COLS, cols):
            golden[("4", row, col)] = v
    t3 = table3(rng, golden, weights, RESULTS_2021)
    t4 = table4(rng, golden, weights)
    t2 = [dict() for _ in range(n)]
    for row in ["20.1.rules", "20.1.normative"]:
        issued = split(rng, s["issued"][row], weights)
        repealed = split(rng, s["repealed"][row], weights)
        base = split(rng, s["in_force"][row] - s["issued"][row], weights)
        for u in range(n):
            t2[u][("2", row, "issued")] = issued[u]
            t2[u][("2", row, "repealed")] = min(repealed[u], base[u])
            t2[u][("2", row, "in_force")] = base[u] + issued[u]
        short = s["repealed"][row] - sum(t2[u][("2", row, "repealed")] for u in range(n))
        t2[0][("2", row, "repealed")] += short
    for row, total in s["decisions"].items():
        for u, part in enumerate(split(rng, total, weights)):
            t2[u][("2", row, "decisions")] = part
    fees = split(rng, int(s["fees"] * 10000), weights)
    for u in range(n):
        t2[u][("2", "20.8.fees", "amount")] = Decimal(fees[u]) / 10000
    order = [("2", r, c) for r, c in [("20.1.rules", "issued"), ("20.1.rules", "repealed"), ("20.1.rules", "in_force"),
                                      ("20.1.normative", "issued"), ("20.1.normative", "repealed"),
                                      ("20.1.normative", "in_force"), ("20.5.licensing", "decisions"),
                                      ("20.6.penalty", "decisions"), ("20.6.coercion", "decisions"),
                                      ("20.8.fees", "amount")]]
    for row in ["1", "2"] + RESULTS_2021 + ["3.7", "4"]:
        order += [("3", row, c) for c in T3_COLS + ["total"]]
    for row in T4_ROWS:
        order += [("4", row, c) for c in T4_COLS + ["total"]]
    folder = os.path.join(root, "input", "sample-county-2021")
    os.makedirs(os.path.join(folder, "submissions"), exist_ok=True)
    write_registry(os.path.join(folder, "units.csv"), SAMPLE_2021_UNITS)
    sums = {k: 0 for k in order}
    for u, (code, *_rest) in enumerate(SAMPLE_2021_UNITS):
        values = {**t2[u], **t3[u], **t4[u]}
        assert set(values) == set(order), set(order) ^ set(values)
        write_unit(os.path.join(folder, "submissions", code + ".csv"), order, values)
        for k in order:
            sums[k] += values[k]
    with open(os.path.join(root, "target", "sample-county-2021-expected.csv"), "w", encoding="utf-8") as f:
        for k in order:
            v = sums[k]
            f.write(",".join(k) + "," + (format(v.normalize(), "f") if isinstance(v, Decimal) else str(v)) + "\n")


PROBLEM_UNITS = [
    ("qiaocheng", "谯城区人民政府", "县区", "valid"),
    ("guoyang", "涡阳县人民政府", "县区", "balance"),
    ("mengcheng", "蒙城县人民政府", "县区", "missing"),
    ("lixin", "利辛县人民政府", "县区", "valid"),
    ("sz-gongan", "亳州市公安局", "市直部门", "results-total"),
    ("sz-jiaoyu", "亳州市教育局", "市直部门", "blank"),
]


def problems(root, order, bozhou_values):
    folder = os.path.join(root, "input", "sample-2020-problems")
    os.makedirs(os.path.join(folder, "submissions"), exist_ok=True)
    write_registry(os.path.join(folder, "units.csv"), PROBLEM_UNITS)
    by_code = {u[0]: bozhou_values[i] for i, u in enumerate(BOZHOU_UNITS)}
    for code, _name, _group, case in PROBLEM_UNITS:
        if case == "missing":
            continue
        values = dict(by_code[code])
        if case == "balance":  # new applications under-reported by 3
            values[("3", "1", "natural")] -= 3
            values[("3", "1", "total")] -= 3
        if case == "results-total":  # six more 予以公开 without updating （七）总计
            values[("3", "3.1", "natural")] += 6
            values[("3", "3.1", "total")] += 6
        if case == "blank":  # a zero left blank: accepted under blank-as-zero, with a warning
            assert values[("3", "3.3.7", "natural")] == 0
            values[("3", "3.3.7", "natural")] = ""
        write_unit(os.path.join(folder, "submissions", code + ".csv"), order, values)
    # a unit that named its file after itself instead of its code
    write_unit(os.path.join(folder, "submissions", "蒙城县2020年报.csv"), order, by_code["mengcheng"])


CITY_2021_UNITS = [
    ("sample-county", "示例县人民政府（示例县各单位的合计）", "县区", None),
    ("shi-jiaoyu", "示例市教育局", "市直部门", 0.55),
    ("shi-minzheng", "示例市民政局", "市直部门", 0.45),
]


def multilevel_city(root, county_consolidated):
    """The city level of the three-level example: the county's own consolidated.csv, unchanged,
    beside two city departments (gov-2021)."""
    rng = random.Random(20211130)
    golden = {}
    t3 = {"3.1": [9, 1, 0, 0, 0, 0], "3.2": [3, 0, 0, 0, 0, 0], "3.4.1": [4, 0, 0, 0, 0, 0],
          "3.5.2": [1, 0, 0, 0, 0, 0], "3.6.3": [1, 0, 0, 0, 0, 0], "4": [1, 0, 0, 0, 0, 0], "2": [1, 0, 0, 0, 0, 0]}
    for row in RESULTS_2021 + ["4", "2"]:
        for col, v in zip(T3_COLS, t3.get(row, [0] * 6)):
            golden[("3", row, col)] = v
    for row, cols in {"review": [2, 0, 1, 0], "litigation_direct": [1, 0, 0, 0],
                      "litigation_after_review": [0, 0, 0, 1]}.items():
        for col, v in zip(T4_COLS, cols):
            golden[("4", row, col)] = v
    weights = [u[3] for u in CITY_2021_UNITS[1:]]
    t3u = table3(rng, golden, weights, RESULTS_2021)
    t4u = table4(rng, golden, weights)
    folder = os.path.join(root, "input", "multilevel-city-2021")
    os.makedirs(os.path.join(folder, "submissions"), exist_ok=True)
    write_registry(os.path.join(folder, "units.csv"), CITY_2021_UNITS)
    order = [line.split(",")[:3] for line in open(county_consolidated, encoding="utf-8-sig").read().splitlines()[1:]]
    order = [tuple(o) for o in order]
    for u, (code, *_rest) in enumerate(CITY_2021_UNITS[1:]):
        values = {**t3u[u], **t4u[u]}
        for key in order:
            if key[0] == "2":
                values[key] = Decimal(rng.randint(1000, 9999)) / 100 if key[2] == "amount" else \
                    (0 if key[1] == "20.1.rules" else rng.randint(0, 300))
        for key in [("2", r, "in_force") for r in ("20.1.rules", "20.1.normative")]:
            values[key] = values[("2", key[1], "issued")] + rng.randint(0, 40)
            values[("2", key[1], "repealed")] = min(values[("2", key[1], "repealed")], values[key])
        write_unit(os.path.join(folder, "submissions", code + ".csv"), order, values)
    with open(county_consolidated, "rb") as src, \
            open(os.path.join(folder, "submissions", "sample-county.csv"), "wb") as dst:
        dst.write(src.read())


if __name__ == "__main__":
    root = sys.argv[1] if len(sys.argv) > 1 else "."
    os.makedirs(os.path.join(root, "target"), exist_ok=True)
    order, values = bozhou(root, os.path.join(root, "..", "shared", "golden", "bozhou-2020-city.csv"))
    sample_2021(root)
    problems(root, order, values)
    county = os.path.join(root, "output", "sample-county-2021", "consolidated.csv")
    if os.path.exists(county):  # run jobs/sample-county-2021.yml first
        multilevel_city(root, county)
