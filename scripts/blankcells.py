#!/usr/bin/env python3
"""Blanks about 30% of the numeric cells of a report page in the official
layout (nianbao parse -f html), at random from the given seed: the test
fixtures of scripts/lopdf.sh and scripts/lodocx.sh.

usage: blankcells.py IN.html OUT.html SEED
"""
import random
import re
import sys

random.seed(sys.argv[3])
s = open(sys.argv[1], encoding="utf-8").read()


def rep(m):
    return m.group(1) + ("" if random.random() < 0.3 else m.group(2)) + m.group(3)


open(sys.argv[2], "w", encoding="utf-8").write(re.sub(r"(<td[^>]*>)([0-9.]+)(</td>)", rep, s))
