"""Write a seeded synthetic corpus of articles shaped like the sample (4-5 KB each).

Usage: python bench/make_corpus.py N DEST [--seed S]
"""

from __future__ import annotations

import argparse
import random
from datetime import datetime, timedelta
from pathlib import Path

WORDS = (
    "the minister said council harbour officials troops region report week government "
    "economy market prices energy winter city plans voters election court ruling police "
    "hospital school budget transport bridge river storm coast farmers trade talks border "
    "according statement briefing analysts expect growth decline support agreement "
    "investigation residents local national international spokesperson confirmed denied "
    "Zürich São Paulo café naïve Kraków Łódź Ålesund résumé"
).split()
EMOJI = ["🚀", "🌍", "📈", "⚡", "🎉"]
START = datetime(2015, 1, 1, 6, 0)


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 22))]
    if rng.random() < 0.05:
        words.insert(rng.randint(0, len(words)), rng.choice(EMOJI))
    text = " ".join(words)
    return text[0].upper() + text[1:] + rng.choice([".", ".", ".", "?", "!"])


def article(rng: random.Random, n: int, when: datetime) -> str:
    title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 12))).title()
    points = [sentence(rng) for _ in range(3)]
    paragraphs = []
    target = rng.randint(4000, 5000)
    count = rng.randint(8, 20)
    per = target // count
    for _ in range(count):
        para = sentence(rng)
        while len(para) < per:
            para += " " + sentence(rng)
        if rng.random() < 0.2:
            para = "“" + para + "” he said."
        paragraphs.append(para)
    dateline = when.strftime("%b %d, %Y, %I:%M %p ET") if n % 2 else ""
    head = ["close", "close", "", title, "", title, ""]
    if dateline:
        head += [dateline, ""]
    head += ["  • " + p for p in points] + [""]
    return "\n".join([*head, "\n\n".join(paragraphs)]) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("n", type=int)
    parser.add_argument("dest", type=Path)
    parser.add_argument("--seed", type=int, default=20241104)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    args.dest.mkdir(parents=True, exist_ok=True)
    span = timedelta(days=3650)
    for n in range(args.n):
        when = START + span * n / max(1, args.n)
        slug = f"{when:%Y-%m-%d}-{n:06d}" if n % 2 == 0 else f"story-{n:06d}"
        (args.dest / f"{slug}.txt").write_text(article(rng, n, when), encoding="utf-8")


if __name__ == "__main__":
    main()
