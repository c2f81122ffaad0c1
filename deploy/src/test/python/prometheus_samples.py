#!/usr/bin/env python3
"""Parses Prometheus text exposition on stdin with the Prometheus project's own Python client parser
(Debian's python3-prometheus-client) and prints one sample per line: NAME<TAB>LABELS<TAB>VALUE, labels as
k=v pairs sorted and joined by commas. Exits non-zero when the text does not parse."""
import sys

from prometheus_client.parser import text_string_to_metric_families

for family in text_string_to_metric_families(sys.stdin.read()):
    for sample in family.samples:
        labels = ",".join(f"{k}={v}" for k, v in sorted(sample.labels.items()))
        print(f"{sample.name}\t{labels}\t{sample.value!r}")
