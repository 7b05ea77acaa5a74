#!/usr/bin/env python3
"""Lint every message of a JSON Lines corpus and count findings by rule.

Each line of the corpus is an object with a "text" field. The messages are
written to a temporary folder, one file each, and linted in batches with
`sorrylint check --format json`. The script prints how many messages got a
warning or an error, and the count of such findings for each rule. It
stops with an error if sorrylint crashes (exit status above 2) on any batch.

Usage: corpus_report.py CORPUS.jsonl[.gz] [--binary PATH] [-- CHECK-ARGS...]
"""

import argparse
import collections
import gzip
import json
import pathlib
import subprocess
import sys
import tempfile

BATCH = 2000


def read_messages(path):
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            yield json.loads(line)["text"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=pathlib.Path)
    parser.add_argument("--binary", default="target/release/sorrylint")
    parser.add_argument("check_args", nargs="*", help="extra arguments for `check`")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for index, text in enumerate(read_messages(args.corpus)):
            path = pathlib.Path(folder, f"{index:06}.txt")
            path.write_text(text, encoding="utf-8")
            paths.append(str(path))

        by_rule = collections.Counter()
        by_severity = collections.Counter()
        flagged = 0
        for start in range(0, len(paths), BATCH):
            batch = paths[start : start + BATCH]
            run = subprocess.run(
                [args.binary, "check", "--format", "json", *args.check_args, *batch],
                capture_output=True,
                text=True,
            )
            if run.returncode not in (0, 1):
                sys.exit(f"sorrylint exited {run.returncode} on batch {start}: {run.stderr[:2000]}")
            for line in run.stdout.splitlines():
                report = json.loads(line)
                serious = [f for f in report["findings"] if f["severity"] in ("warning", "error")]
                for finding in report["findings"]:
                    by_severity[finding["severity"]] += 1
                for finding in serious:
                    by_rule[finding["rule"]] += 1
                flagged += bool(serious)

    print(f"messages: {len(paths)}")
    print(f"with a warning or error: {flagged}")
    print("findings by severity: " + ", ".join(f"{k} {v}" for k, v in sorted(by_severity.items())))
    print("warning and error findings by rule:")
    for rule, count in by_rule.most_common():
        print(f"  {count:6}  {rule}")


if __name__ == "__main__":
    main()
