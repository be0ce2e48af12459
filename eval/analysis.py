"""Evaluate the analysis stage against the hand-checked gold in ``eval/gold/analysis/*.json``.

Prints precision / recall / F1 for sentence boundaries, date spans and quote spans, the accuracy of
resolved date values, of quote speakers and of proper-name lemmas. ``--json`` for machines.

Matching rules (chosen to measure what readers see, not tokenisation trivia):
- sentences: a boundary is a sentence's end offset; gold sentences are located in the text in order;
- dates: a predicted span matches a gold span when they overlap ("у січні" vs "січні" is one date);
  value accuracy is over matched pairs whose gold has a value: start and end dates both equal;
- quotes: word-token overlap ≥ QUOTE_OVERLAP of the longer of the two (quote marks and a trailing full
  stop do not matter); speaker accuracy is over matched quotes: the canonical speaker equals the gold
  one (case-insensitive), or the last words match on their first STEM characters ("Блінкен" for
  "Ентоні Блінкен"), or the heads match for a lower-case role/organisation phrase; where the gold
  names no speaker (null: "як стверджують тренери"), a prediction naming no one (none, or a
  lower-case generic phrase such as "тренери") is right;
- names: the lemma of the token(s) at the gold name's span equals the gold lemma (case-insensitive).

Gold files carry ``"split": "heldout"``, ``"heldout2"``, ``"heldout3"``, ``"heldout4"`` or ``"heldout5"``
when they are held out from tuning; all others are the dev set. ``--set dev`` (the default) scores the
dev set, ``--set heldout`` … ``--set heldout5`` the held-out ones, ``--set all`` every file. heldout and
heldout2 have since been used to tune the quote rules; heldout3 (annotated before the second round of
quote work) was the honest figure for that round; heldout4 (annotated while the third round was under
way, by someone who did not see the rules' output on it) was the honest figure for that round and is
now tuned on; heldout5 (annotated while the fourth round was under way, again unseen by the rules'
author) is the honest figure now: never tune on its errors.

Run: ``.venv/bin/python eval/analysis.py [--set dev|heldout|heldout2|heldout3|heldout4|heldout5|all]
[--json] [--errors]``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

from storyline.analyze import Analyzer

GOLD = Path(__file__).resolve().parent / "gold" / "analysis"
SETS = ("dev", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "all")
QUOTE_OVERLAP = 0.8
STEM = 5
_WORD = re.compile(r"\w+(?:['’ʼ-]\w+)*")


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "precision": round(p, 3),
        "recall": round(r, 3),
        "f1": round(f, 3),
        "tp": tp,
        "pred": n_pred,
        "gold": n_gold,
    }


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def overlap(a: str, b: str) -> float:
    wa, wb = Counter(words(a)), Counter(words(b))
    longest = max(sum(wa.values()), sum(wb.values()))
    return sum((wa & wb).values()) / longest if longest else 0.0


def same_speaker(pred: str | None, gold: str | None) -> bool:
    if not gold:  # the gold names no one ("як стверджують тренери"): right unless we named someone
        return not pred or pred[:1].islower()
    if not pred:
        return False
    p, g = words(pred), words(gold)
    if not p or not g:
        return False
    if p == g:
        return True
    if p[-1][:STEM] == g[-1][:STEM]:
        return True
    return pred[:1].islower() and p[0][:STEM] == g[0][:STEM]


def gold_spans(text: str, items: list[dict], key: str = "text") -> list[tuple[int, int]]:
    spans, pos = [], 0
    for it in items:
        if it.get("span"):
            spans.append(tuple(it["span"]))
            continue
        at = text.find(it[key], pos)
        if at < 0:
            at = text.find(it[key])
        spans.append((at, at + len(it[key])) if at >= 0 else (-1, -1))
        if at >= 0:
            pos = at + len(it[key])
    return spans


def split_of(path: Path) -> str:
    """ "heldout"…"heldout5" for files marked so, else "dev" (the original 44 articles carry no mark)."""
    return json.loads(path.read_text(encoding="utf-8")).get("split", "dev")


def select(files: list[Path], which: str) -> list[Path]:
    return files if which == "all" else [f for f in files if split_of(f) == which]


def evaluate(files: list[Path], show_errors: bool = False) -> dict:
    analyzer = Analyzer()
    c: Counter[str] = Counter()
    errors: list[str] = []
    t0 = time.perf_counter()
    for path in files:
        g = json.loads(path.read_text(encoding="utf-8"))
        text = g["text"]
        an = analyzer.analyze_text(text, published=g.get("published"), language=g.get("language"))
        # sentences
        gold_ends, pos = set(), 0
        for s in g["sentences"]:
            at = text.find(s, pos)
            if at >= 0:
                gold_ends.add(at + len(s))
                pos = at + len(s)
        pred_ends = {s.end for s in an.sentences}
        c["sent_tp"] += len(gold_ends & pred_ends)
        c["sent_pred"] += len(pred_ends)
        c["sent_gold"] += len(gold_ends)
        if show_errors:
            for e in sorted(pred_ends - gold_ends):
                errors.append(f"{g['id']} SENT+ …{text[max(0, e - 40) : e]}|{text[e : e + 30]}…")
            for e in sorted(gold_ends - pred_ends):
                errors.append(f"{g['id']} SENT- …{text[max(0, e - 40) : e]}|{text[e : e + 30]}…")
        # dates
        gspans = gold_spans(text, g["dates"])
        used: set[int] = set()
        c["date_pred"] += len(an.dates)
        c["date_gold"] += len(g["dates"])
        for gd, (gs, ge) in zip(g["dates"], gspans, strict=True):
            match = next(
                (
                    i
                    for i, d in enumerate(an.dates)
                    if i not in used and d.span.start < ge and gs < d.span.end
                ),
                None,
            )
            if match is None:
                if show_errors:
                    errors.append(f"{g['id']} DATE- {gd['text']!r} ({gd['start']}..{gd['end']})")
                continue
            used.add(match)
            d = an.dates[match]
            c["date_tp"] += 1
            c["date_exact"] += (d.span.start, d.span.end) == (gs, ge)
            if gd.get("start"):
                c["date_valued"] += 1
                ok = str(d.start) == gd["start"] and str(d.end) == gd["end"]
                c["date_value_ok"] += ok
                if not ok and show_errors:
                    errors.append(
                        f"{g['id']} DATE≠ {d.text!r} {d.start}..{d.end} gold {gd['start']}..{gd['end']}"
                    )
        if show_errors:
            for i, d in enumerate(an.dates):
                if i not in used:
                    errors.append(f"{g['id']} DATE+ {d.text!r} {d.start}..{d.end}")
        # quotes
        c["quote_pred"] += len(an.quotes)
        c["quote_gold"] += len(g["quotes"])
        used = set()
        for gq in g["quotes"]:
            best = max(
                ((overlap(q.text, gq["text"]), i) for i, q in enumerate(an.quotes) if i not in used),
                default=(0.0, -1),
            )
            if best[0] < QUOTE_OVERLAP:
                if show_errors:
                    errors.append(f"{g['id']} QUOTE- [{gq['kind']}] {gq['speaker']}: {gq['text'][:90]!r}")
                continue
            used.add(best[1])
            q = an.quotes[best[1]]
            c["quote_tp"] += 1
            c["kind_ok"] += q.kind == gq["kind"]
            ok = same_speaker(q.speaker_canonical, gq.get("speaker"))
            c["speaker_ok"] += ok
            if not ok and show_errors:
                errors.append(
                    f"{g['id']} SPEAKER {q.speaker_canonical!r} gold {gq.get('speaker')!r}: {gq['text'][:60]!r}"
                )
        if show_errors:
            for i, q in enumerate(an.quotes):
                if i not in used:
                    errors.append(f"{g['id']} QUOTE+ [{q.kind}] {q.speaker_canonical}: {q.text[:90]!r}")
        # proper-name lemmas
        for name, (ns, ne) in zip(g.get("names", []), gold_spans(text, g.get("names", [])), strict=True):
            toks = [t for t in an.tokens if t.start < ne and ns < t.end and t.pos != "PUNCT"]
            lemma = " ".join(t.lemma for t in toks)
            c["names"] += 1
            ok = lemma.lower() == name["lemma"].lower()
            c["names_ok"] += ok
            if not ok and show_errors:
                errors.append(f"{g['id']} LEMMA {name['text']!r} → {lemma!r} gold {name['lemma']!r}")
    elapsed = time.perf_counter() - t0

    def acc(ok: str, n: str) -> float:
        return round(c[ok] / c[n], 3) if c[n] else 0.0

    return {
        "articles": len(files),
        "sentences": prf(c["sent_tp"], c["sent_pred"], c["sent_gold"]),
        "dates": {
            **prf(c["date_tp"], c["date_pred"], c["date_gold"]),
            "exact_span": acc("date_exact", "date_tp"),
            "value_accuracy": acc("date_value_ok", "date_valued"),
            "valued": c["date_valued"],
        },
        "quotes": {
            **prf(c["quote_tp"], c["quote_pred"], c["quote_gold"]),
            "kind_accuracy": acc("kind_ok", "quote_tp"),
        },
        "speakers": {"accuracy": acc("speaker_ok", "quote_tp"), "n": c["quote_tp"]},
        "name_lemmas": {"accuracy": acc("names_ok", "names"), "n": c["names"]},
        "seconds": round(elapsed, 2),
        "errors": errors,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true", help="print JSON")
    ap.add_argument("--errors", action="store_true", help="list every miss and false alarm")
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument(
        "--set",
        choices=SETS,
        default="dev",
        help="dev (tune here), heldout…heldout5 (report) or all",
    )
    args = ap.parse_args()
    files = select(sorted(args.gold.glob("*.json")), args.set)
    if not files:
        print(f"no {args.set} gold files in {args.gold}", file=sys.stderr)
        return 1
    result = evaluate(files, show_errors=args.errors)
    if not args.errors:
        result.pop("errors")
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    print(f"analysis eval on {result['articles']} {args.set} gold articles ({result['seconds']} s)")
    print(f"{'task':<22}{'P':>7}{'R':>7}{'F1':>7}   other")
    for key in ("sentences", "dates", "quotes"):
        r = result[key]
        extra = ""
        if key == "dates":
            extra = f"value acc {r['value_accuracy']} (n={r['valued']}), exact span {r['exact_span']}"
        if key == "quotes":
            extra = f"kind acc {r['kind_accuracy']}"
        print(f"{key:<22}{r['precision']:>7}{r['recall']:>7}{r['f1']:>7}   {extra}")
    print(f"{'speaker accuracy':<22}{result['speakers']['accuracy']:>7}   (n={result['speakers']['n']})")
    print(
        f"{'name lemma accuracy':<22}{result['name_lemmas']['accuracy']:>7}   (n={result['name_lemmas']['n']})"
    )
    for line in result.get("errors", []):
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
