"""Benchmark: CPU milliseconds per PDF report, before and after (same run): as before (fpdf2's add_font parsing
both font families in all three styles for every document) against now (fonts parsed once per process, the
pictures' family in the two styles they use), and the same report asked again (served from the cache of rendered
reports) through the app. CPU time, not wall-clock time: other processes on the machine do not count.

Usage: python bench/report.py [--rounds N]
"""
import argparse
import os
import statistics
import time

from regiewijzer.rules import default_advisor
from regiewijzer.service import create_app
from regiewijzer.service.report import build_report, pdf

SITUATIONS = [{"legal_power": False, "financial_flows": "stimulans", "advisory_right": "geen", "regie_assigned": True,
               "cooperation_level": "overleg", "officer_mandate": "betwist", "theme": "onthaal nieuwkomers"},
              {"legal_power": True, "cooperation_level": "informatie"}, {}]


def load():
    return "load {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def median_ms(function, rounds):
    """Median CPU milliseconds of `function()` over `rounds` calls."""
    times = []
    for _ in range(rounds):
        start = time.process_time()
        function()
        times.append((time.process_time() - start) * 1000)
    return statistics.median(times)


def fresh_fonts(document, family, style, path):
    document.add_font(family, style, str(path))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    advisor = default_advisor()
    documents = [build_report(advisor, s, "nl", "2026-01-01") for s in SITUATIONS]
    now = pdf._font, pdf.FAMILIES
    before = fresh_fonts, dict.fromkeys(pdf.FAMILIES, tuple(pdf.FONT_FILES))
    pdf.render_pdf(documents[0], "kb")          # warm up: fonts parsed, code paths loaded
    ways = {"before: fonts parsed for each PDF": before, "now: fonts parsed once": now}
    times = {name: [] for name in ways}
    for _ in range(args.rounds):                # interleaved, so that a slower minute hits both alike
        for name, (font, families) in ways.items():
            pdf._font, pdf.FAMILIES = font, families
            times[name] += [median_ms(lambda d=d: pdf.render_pdf(d, "kb"), 1) for d in documents]
    figures = {name: statistics.median(values) for name, values in times.items()}
    pdf._font, pdf.FAMILIES = now
    build = median_ms(lambda: [build_report(advisor, s, "nl", "2026-01-01") for s in SITUATIONS], args.rounds)
    client = create_app({"TESTING": True, "RATE_LIMIT": "0"}).test_client()
    body = {"situation": SITUATIONS[0]}
    client.post("/api/v1/report?format=pdf", json=body)
    counts = iter(range(500))       # a new situation each time: not in the cache
    endpoint_new = median_ms(lambda: client.post("/api/v1/report?format=pdf",
                                                 json={"situation": {"stakeholders_count": next(counts)}}), args.rounds)
    endpoint_again = median_ms(lambda: client.post("/api/v1/report?format=pdf", json=body), args.rounds)
    before = figures["before: fonts parsed for each PDF"]
    print(f"{load()}; medians of {args.rounds} rounds over {len(documents)} situations")
    print(f"building the document model (advice, what-if, pictures): {build / len(SITUATIONS):.1f} ms per report")
    for name, ms in figures.items():
        print(f"rendering the PDF, {name}: {ms:.0f} CPU ms per PDF ({ms / before:.2f} x before)")
    print(f"POST /api/v1/report?format=pdf, a new situation: {endpoint_new:.0f} CPU ms; the same one again (cache): "
          f"{endpoint_again:.1f} CPU ms ({endpoint_again / endpoint_new:.3f} x)")


if __name__ == "__main__":
    main()
