"""atheris target: any bytes, as an article file, become one entry or one named error, and
the documents built from that entry are well-formed, bozo-free and pass our validator.

    python tests/fuzz/fuzz_loader.py -max_total_time=600 -timeout=20 CORPUS tests/articles

(see README, "Fuzzing"). The first byte picks the file's suffix (.txt, .md, ...).
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["feedwright"]):
    from harness import SUFFIXES, check_documents, load


def test_one_input(data: bytes) -> None:
    """One fuzz case: ``data[0]`` chooses the suffix, the rest is the file."""
    if not data:
        return
    source = "fuzz" + SUFFIXES[data[0] % len(SUFFIXES)]
    entry = load(data[1:], source=source)
    if entry is not None:
        check_documents([entry])


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
