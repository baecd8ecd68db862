#!/usr/bin/env python3
"""Writes src/test/resources/variants/: one valid submission (谯城区 of the 亳州 sample) in every
form docs/file-format.md says real files come in, each encoded by a real encoder, as Excel, WPS or a
hand editor on Chinese Windows would save it. Run from the project root."""
import csv, io, os

SOURCE = "input/bozhou-2020/submissions/qiaocheng.csv"
OUT = "src/test/resources/variants"
FULLWIDTH = str.maketrans("0123456789+-.", "０１２３４５６７８９＋－．")


def rows():
    with open(SOURCE, encoding="utf-8") as f:
        return [r for r in csv.reader(f)][1:]


def labels():
    """Official labels from the golden-free template text, good enough for people to read."""
    return {"2": "表二", "3": "表三", "4": "表四"}


def text(rows, header=("table", "row", "column", "value"), newline="\n", label=False, extra=None):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator=newline)
    w.writerow(list(header) + (["label"] if label else []))
    for i, r in enumerate(rows):
        w.writerow(r + ([labels()[r[0]] + " " + r[1] + " " + r[2] + " 说明"] if label else []))
        if extra:
            for line in extra(i):
                buf.write(line + newline)
    return buf.getvalue()


def write(name, data):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


def value_map(fn):
    return [r[:3] + [fn(r)] for r in rows()]


os.makedirs(OUT, exist_ok=True)
write("utf8.csv", text(rows()).encode("utf-8"))
write("utf8-bom.csv", text(rows(), label=True).encode("utf-8-sig"))
write("utf8-crlf.csv", text(rows(), newline="\r\n").encode("utf-8"))
write("gbk-crlf-label.csv", text(rows(), newline="\r\n", label=True).encode("gbk"))
write("gb18030-label.csv", text(rows(), label=True).encode("gb18030"))
write("utf16le-bom.csv", text(rows(), newline="\r\n", label=True).encode("utf-16"))  # Python writes LE with BOM
write("utf16be-bom.csv", b"\xfe\xff" + text(rows(), label=True).encode("utf-16-be"))
write("spaces.csv", text(value_map(lambda r: "  " + r[3] + " ")).encode("utf-8"))
write("ideographic-spaces.csv", text(value_map(lambda r: "\u3000" + r[3] + "\u3000")).encode("utf-8"))
write("fullwidth-digits.csv", text(value_map(lambda r: r[3].translate(FULLWIDTH))).encode("utf-8"))
write("leading-plus.csv", text(value_map(lambda r: r[3] if r[3].startswith("-") else "+" + r[3])).encode("utf-8"))


def grouped(v):
    neg = v.startswith("-")
    whole, _, frac = v.lstrip("-").partition(".")
    g = "{:,}".format(int(whole)) + ("." + frac if frac else "")
    return ("-" if neg else "") + g


write("thousands-separators.csv", text(value_map(lambda r: grouped(r[3]))).encode("utf-8"))
write("amount-in-wanyuan.csv",
      text(value_map(lambda r: r[3] + "万元" if r[2] == "amount" else r[3])).encode("utf-8"))
write("blank-lines-and-commas.csv",
      text(rows(), extra=lambda i: ["", ",,,"] if i % 40 == 0 else []).encode("utf-8") + b",,,\n,,,\n\n")
# what a county office's Excel on Chinese Windows writes: GBK, CRLF, labels, grouped numbers,
# 万元 after the amount, and the empty rows Excel keeps below the table
write("excel-gbk-everything.csv",
      (text([r[:3] + [grouped(r[3]) + ("万元" if r[2] == "amount" else "")] for r in rows()],
            newline="\r\n", label=True) + ",,,,\r\n,,,,\r\n").encode("gbk"))
