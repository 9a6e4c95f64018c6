"""The four verdict pictures as standalone inline SVG: role spectrum, stage ladder, strategy 2×2, scenario groups.

Presentation attributes only (no style attribute, no script), so they pass a strict CSP; every text is
escaped. Labels come from knowledge/verdicts.yaml, so the pictures follow the knowledge base.
"""
from xml.sax.saxutils import escape

from ..texts import texts

WIDTH = 480
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"
INK, MUTED, LINE, PALE, ACCENT, ON_ACCENT, TINT = (
    "#1a1a1a", "#4a5361", "#667085", "#f2f4f7", "#0b5cab", "#ffffff", "#dbe8f7")
ROLE_ORDER = ("netwerkcoordinatie", "marktsturing", "regie")


def pictures(knowledge, advice, lang):
    """The four pictures for an advice (as returned by `Advisor.advise`), keyed by verdict section."""
    verdicts = knowledge.verdicts
    return {
        "role": role_by_domain(verdicts["role"], advice["role"]["by_domain"], lang)
        if len(advice["role"]["by_domain"]) > 1 else role_spectrum(verdicts["role"], advice["role"]["verdict"], lang),
        "coordination": stage_ladder(verdicts["stage"], advice["coordination"]["stage"],
                                     advice["coordination"]["next_stage"], lang),
        "strategy": strategy_matrix(verdicts["scope"], verdicts["focus"], advice["strategy"]["scope"],
                                    advice["strategy"]["focus"], lang),
        "procedure": scenario_diagram(verdicts["scenario"], advice["procedure"]["scenario"], lang),
    }


def svg(height, title, description, body):
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" '
            f'height="{height}" role="img" font-family="{escape(FONT, {chr(39): "&apos;"})}" font-size="13">'
            f"<title>{escape(title)}</title><desc>{escape(description)}</desc>{''.join(body)}</svg>")


def text(x, y, content, anchor="middle", fill=INK, weight="normal", size=13):
    return (f'<text x="{x}" y="{y}" text-anchor="{anchor}" fill="{fill}" font-weight="{weight}" '
            f'font-size="{size}">{escape(str(content))}</text>')


def box(x, y, w, h, fill, stroke, dashed=False, width=1.5):
    dash = ' stroke-dasharray="5 3"' if dashed else ""
    return (f'<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="6" fill="{fill}" stroke="{stroke}" '
            f'stroke-width="{width}"{dash}/>')


def wrap(label, width_px, size=13):
    """Split a label into lines that fit `width_px` (about 0.55 em per character)."""
    per_line = max(8, int(width_px / (size * 0.55)))
    lines, line = [], ""
    for word in label.split():
        if line and len(line) + 1 + len(word) > per_line:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return lines + [line] if line else lines


def label_lines(cx, top, label, width_px, fill=INK, weight="normal"):
    return [text(cx, top + 16 * i, line, fill=fill, weight=weight) for i, line in enumerate(wrap(label, width_px))]


def role_spectrum(verdict, role, lang):
    words = texts(lang)["pictures"]
    chosen = verdict.labels[role][lang] if role in ROLE_ORDER else words["undecided"]
    left, right, axis = 90, WIDTH - 90, 44
    step = (right - left) / (len(ROLE_ORDER) - 1)
    body = [f'<line x1="{left}" y1="{axis}" x2="{right}" y2="{axis}" stroke="{LINE}" stroke-width="3"/>']
    for i, value in enumerate(ROLE_ORDER):
        x = left + i * step
        lit = value == role
        body.append(f'<circle cx="{x}" cy="{axis}" r="{11 if lit else 6}" fill="{ACCENT if lit else PALE}" '
                    f'stroke="{ACCENT if lit else LINE}" stroke-width="2"/>')
        body += label_lines(x, axis + 30, verdict.labels[value][lang], step - 10,
                            fill=INK if lit else MUTED, weight="bold" if lit else "normal")
        if lit:
            body.append(f'<path d="M{x - 7} {axis - 26} L{x + 7} {axis - 26} L{x} {axis - 15} Z" fill="{ACCENT}"/>')
    if role not in ROLE_ORDER:
        body.append(text(WIDTH / 2, 16, chosen, fill=MUTED))
    return svg(118, f"{words['role']}: {chosen}", " — ".join(verdict.labels[v][lang] for v in ROLE_ORDER), body)


def role_by_domain(verdict, parts, lang):
    """The role spectrum with one row per policy domain (role.by_domain): the domain's position lit."""
    words = texts(lang)["pictures"]
    left, right, top, row_h = 190, WIDTH - 50, 44, 28
    step = (right - left) / (len(ROLE_ORDER) - 1)
    body = []
    for i, value in enumerate(ROLE_ORDER):
        body += label_lines(left + i * step, 16, verdict.labels[value][lang], step - 6, fill=MUTED)
    said = []
    for row, part in enumerate(parts):
        y = top + row * row_h + row_h / 2
        body.append(text(10, y + 5, part["domain_label"], anchor="start"))
        body.append(f'<line x1="{left}" y1="{y}" x2="{right}" y2="{y}" stroke="{LINE}" stroke-width="2"/>')
        for i, value in enumerate(ROLE_ORDER):
            lit = value == part["verdict"]
            body.append(f'<circle cx="{left + i * step}" cy="{y}" r="{8 if lit else 4}" '
                        f'fill="{ACCENT if lit else PALE}" stroke="{ACCENT if lit else LINE}" stroke-width="2"/>')
        if part["verdict"] not in ROLE_ORDER:
            body.append(text(right + 4, y + 5, "?", anchor="start", fill=MUTED, weight="bold"))
        chosen = verdict.labels[part["verdict"]][lang] if part["verdict"] in ROLE_ORDER else words["undecided"]
        said.append(f"{part['domain_label']}: {chosen}")
    return svg(top + len(parts) * row_h + 8, f"{words['role_by_domain']}", "; ".join(said), body)


def stage_ladder(verdict, stage, next_stage, lang):
    """The stages as a staircase, highest on top; the current stage filled, the next one dashed."""
    words = texts(lang)["pictures"]
    steps = [v for v in verdict.values if v]
    row_h, indent, top = 34, 28, 8
    body = []
    for i, value in enumerate(reversed(steps)):
        level = len(steps) - 1 - i
        x, y = 10 + level * indent, top + i * row_h
        current, upcoming = value == stage, value == next_stage and next_stage != stage
        fill = ACCENT if current else (TINT if upcoming else PALE)
        body.append(box(x, y + 2, WIDTH - 90 - x, row_h - 4, fill, ACCENT if (current or upcoming) else LINE,
                        dashed=upcoming))
        ink = ON_ACCENT if current else INK
        body.append(text(x + 12, y + row_h / 2 + 5, f"{value}  {verdict.labels[value][lang]}", anchor="start",
                         fill=ink, weight="bold" if current else "normal"))
        if current or upcoming:
            body.append(text(WIDTH - 74, y + row_h / 2 + 5, words["current"] if current else words["next"],
                             anchor="start", fill=ACCENT, weight="bold"))
    base = top + len(steps) * row_h
    if stage == 0:
        body.append(text(10, base + 18, f"{words['current']}: {words['none_yet']}", anchor="start",
                         fill=ACCENT, weight="bold"))
    current = verdict.labels[stage][lang] if stage is not None else words["undecided"]
    title = f"{words['stage']}: {current}"
    if next_stage is not None and next_stage != stage:
        title += f"; {words['next']}: {verdict.labels[next_stage][lang]}"
    return svg(base + (28 if stage == 0 else 6), title, title, body)


def strategy_matrix(scope_verdict, focus_verdict, scope, focus, lang):
    words = texts(lang)["pictures"]
    cols, rows = scope_verdict.values, focus_verdict.values
    left, top, cell_w, cell_h = 150, 34, (WIDTH - 160) / len(cols), 54
    body = []
    for c, col in enumerate(cols):
        body += label_lines(left + c * cell_w + cell_w / 2, 20, scope_verdict.labels[col][lang], cell_w - 8,
                            weight="bold" if col == scope else "normal")
    for r, row in enumerate(rows):
        y = top + r * cell_h
        body += label_lines(left / 2, y + cell_h / 2 + 4, focus_verdict.labels[row][lang], left - 16,
                            weight="bold" if row in focus else "normal")
        for c, col in enumerate(cols):
            certain = row in focus and col == scope
            possible = not certain and (row in focus and scope is None or col == scope and not focus)
            fill = ACCENT if certain else (TINT if possible else PALE)
            body.append(box(left + c * cell_w + 2, y + 2, cell_w - 4, cell_h - 4, fill,
                            ACCENT if (certain or possible) else LINE, dashed=possible))
            if certain:
                body.append(text(left + c * cell_w + cell_w / 2, y + cell_h / 2 + 5, "✓", fill=ON_ACCENT,
                                 weight="bold", size=18))
    chosen = [focus_verdict.labels[f][lang] for f in focus]
    if scope is not None:
        chosen.insert(0, scope_verdict.labels[scope][lang])
    title = f"{words['strategy']}: {', '.join(chosen) or words['undecided']}"
    return svg(top + len(rows) * cell_h + 8, title, title, body)


def scenario_diagram(verdict, scenario, lang):
    words = texts(lang)["pictures"]
    if scenario is None:
        lines = label_lines(WIDTH / 2, 30, words["no_scenario"], WIDTH - 40, fill=MUTED)
        return svg(30 + 16 * len(lines), f"{words['scenario']}: {words['undecided']}", words["no_scenario"], lines)
    name = verdict.labels[scenario][lang]
    rows = verdict.diagrams.get(scenario, ())
    body, row_h, gap, top = [text(WIDTH / 2, 18, name, weight="bold")], 44, 22, 30
    for r, row in enumerate(rows):
        y, w = top + r * (row_h + gap), (WIDTH - 20) / len(row)
        for c, label in enumerate(row):
            x = 10 + c * w
            body.append(box(x + 4, y, w - 8, row_h, TINT if r == 0 else PALE, ACCENT if r == 0 else LINE))
            lines = wrap(label[lang], w - 20)
            first = y + row_h / 2 + 5 - 8 * (len(lines) - 1)
            body += [text(x + w / 2, first + 16 * i, line) for i, line in enumerate(lines)]
        if r + 1 < len(rows):
            x_mid, y0 = WIDTH / 2, y + row_h
            tip = y0 + gap - 8
            body.append(f'<line x1="{x_mid}" y1="{y0 + 2}" x2="{x_mid}" y2="{y0 + gap - 6}" stroke="{LINE}" '
                        f'stroke-width="2"/><path d="M{x_mid - 5} {tip} L{x_mid + 5} {tip} L{x_mid} {tip + 7} Z" '
                        f'fill="{LINE}"/>')
    description = " → ".join(" + ".join(label[lang] for label in row) for row in rows)
    return svg(top + len(rows) * (row_h + gap) - gap + 8, f"{words['scenario']}: {name}", description, body)
