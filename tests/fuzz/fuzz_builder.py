"""atheris target: entries → documents. Up to four articles are written from the fuzzer's
choices (metadata keys with hostile values, a body, YAML or key lines, a suffix); the
entries they load into are built into every document (subscription feeds, archive pages,
tag feeds), each of which must be well-formed, bozo-free and pass our validator.

    python tests/fuzz/fuzz_builder.py -max_total_time=600 -timeout=20 CORPUS

(see README, "Fuzzing").
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["feedwright"]):
    from harness import KEYS, SUFFIXES, article_text, articles_from, check_documents

#: Values the fuzzer may pick whole, beside arbitrary text: the shapes that broke builds.
SEEDS = (
    "2024-11-07 14:15",
    "2024-13-45",
    "1989-12-31",
    "2099-01-01T00:00:00Z",
    "https://example.org/a b",
    "https://bücher.example/café",
    "http://[::1",
    "JavaScript:alert(1)",
    "mailto:desk@example.org",
    "tag:example.org,2024:x",
    "urn:uuid:2f1c2b0e-7d4e-4a36-9d0e-6f6b2d8e5a11",
    "12345",
    "Jane Roe <jane@example.org>, John Doe",
    "\u202eevil\u202c",
    "a\x00b\x1bc",
    "]]>",
    "<script>alert(1)</script>",
    "&amp; &nbsp; &#0;",
    "en-GB",
    "not a lang!!",
    "[" * 40,
)


def test_one_input(data: bytes) -> None:
    """One fuzz case: the choices in ``data`` write up to four articles."""
    fdp = atheris.FuzzedDataProvider(data)
    parts = []
    for k in range(fdp.ConsumeIntInRange(1, 4)):
        fields = []
        for key in KEYS:
            if fdp.ConsumeBool():
                if fdp.ConsumeBool():
                    value = SEEDS[fdp.ConsumeIntInRange(0, len(SEEDS) - 1)]
                else:
                    value = fdp.ConsumeUnicode(40)
                fields.append((key, value))
        body = fdp.ConsumeUnicode(300)
        text = article_text(fields, body, yaml=fdp.ConsumeBool())
        suffix = SUFFIXES[fdp.ConsumeIntInRange(0, len(SUFFIXES) - 1)]
        parts.append((f"a{k}{suffix}", text.encode("utf-8", "surrogatepass")))
    check_documents(articles_from(parts))


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
