#!/usr/bin/env python3
"""Renders README.md from docs/README.template.md, filling {{name}} with the tagged regions
(// tag::name[] ... // end::name[]) of the example sources, dedented, and with whole files of docs/
(the policy file the TLS authorization test uses). ReadmeSnippetsTest checks the result stays in
step with the sources."""
import glob, os, re, sys, textwrap

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
regions = {}
sources = [path for pattern in ("routeguide-examples/src/**/*.java",
                               "routeguide-spring-boot-*/src/**/*.java")
           for path in glob.glob(os.path.join(root, pattern), recursive=True)]
for path in sources:
    name, lines = None, []
    for line in open(path, encoding="utf-8").read().split("\n"):
        tag = re.match(r"^\s*// tag::([\w-]+)\[\]\s*$", line)
        end = re.match(r"^\s*// end::([\w-]+)\[\]\s*$", line)
        if tag:
            name, lines = tag.group(1), []
        elif end and name:
            regions[name] = textwrap.dedent("\n".join(lines)).strip("\n")
            name = None
        elif name:
            lines.append(line)
# Files shown whole in the README, so the README and what tests use cannot drift.
for region, name in (("everyone_reads_policy", "everyone-reads-policy.csv"),):
    regions[region] = open(os.path.join(root, "docs", name), encoding="utf-8").read().strip("\n")
perf_path = os.path.join(root, "docs", "performance-summary.md")
if os.path.exists(perf_path):
    regions["performance"] = open(perf_path, encoding="utf-8").read().strip("\n")
template = open(os.path.join(root, "docs", "README.template.md"), encoding="utf-8").read()
missing = sorted(set(re.findall(r"\{\{([\w-]+)\}\}", template)) - set(regions))
if missing:
    sys.exit("no region for: " + ", ".join(missing))
out = re.sub(r"\{\{([\w-]+)\}\}", lambda m: regions[m.group(1)], template)
open(os.path.join(root, "README.md"), "w", encoding="utf-8").write(out)
