"""``storyline entities``, ``storyline entity NAME`` and ``storyline train-ner``."""

from __future__ import annotations

import os
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from storyline.cli.app import app
from storyline.cli.common import (
    DbOption,
    JsonOption,
    console,
    day,
    err_console,
    not_found,
    open_store,
    print_json,
    print_table,
)

if TYPE_CHECKING:
    from storyline.entities.ner import TrainReport


def _shared() -> Path:
    """../shared beside the repository (or $STORYLINE_SHARED)."""
    env = os.environ.get("STORYLINE_SHARED")
    return Path(env) if env else Path.cwd().resolve().parent / "shared"


@app.command()
def entities(
    db: DbOption = None,
    kind: Annotated[str | None, typer.Option("--type", help="Only this type (PER, ORG, LOC).")] = None,
    query: Annotated[
        str | None, typer.Option("--query", "-q", help="Name or alias contains this text.")
    ] = None,
    limit: Annotated[int, typer.Option(help="At most this many.")] = 50,
    min_count: Annotated[int, typer.Option(help="Only entities mentioned at least this often.")] = 1,
    json_out: JsonOption = False,
) -> None:
    """List the corpus's entities, most mentioned first."""
    with open_store(db) as store:
        items = store.list_entities(kind=kind, query=query, limit=limit, min_count=min_count)
    if json_out:
        print_json(items)
        return
    print_table(
        ("id", "type", "name", "count", "first seen", "last seen", "aliases"),
        (
            (
                e.id,
                e.type,
                e.canonical,
                str(e.count),
                day(e.first_seen),
                day(e.last_seen),
                ", ".join(a for a in e.aliases if a != e.canonical)[:60],
            )
            for e in items
        ),
    )


@app.command()
def entity(
    name: Annotated[str, typer.Argument(help="Entity id, name or alias, in any inflection ('Лавровим').")],
    db: DbOption = None,
    limit: Annotated[int, typer.Option(help="At most this many articles.")] = 50,
    json_out: JsonOption = False,
) -> None:
    """Show one entity: names, aliases, counts and the articles that mention it."""
    from storyline.entities.canonical import canonical

    with open_store(db) as store:
        found = store.find_entity(name)
        if found is None:  # an inflected form: try its nominative as a person, then as a name
            for kind in ("PER", "ORG"):
                found = store.find_entity(canonical(name, kind, "uk"))
                if found is not None:
                    break
        if found is None:
            raise not_found(f"entity {name!r}")
        arts = store.entity_articles(found.id, limit=limit)
    if json_out:
        print_json({"entity": found, "articles": arts})
        return
    console.print(f"[bold]{found.canonical}[/bold]  {found.type}  {found.id}  mentions: {found.count}")
    if found.names:
        console.print("names: " + ", ".join(f"{k}: {v}" for k, v in sorted(found.names.items())))
    if found.aliases:
        console.print("aliases: " + ", ".join(found.aliases))
    print_table(
        ("article", "published", "outlet", "mentions", "title"),
        ((a.article_id[:10], day(a.published), a.outlet or "—", str(a.mentions), a.title[:80]) for a in arts),
    )


@app.command("train-ner")
def train_ner(
    data: Annotated[
        Path | None,
        typer.Option(
            help="uk: IOB training file (default: ../shared/data/ner-uk/v2.0/iob/train.iob); "
            "ru: the shared data folder (default: ../shared/data)."
        ),
    ] = None,
    out: Annotated[
        Path | None, typer.Option(help="Model file to write (default: the packaged model).")
    ] = None,
    lang: Annotated[
        str,
        typer.Option(help="uk: train on ner-uk; ru: distil slovnet on Russian news outside SlavicNER."),
    ] = "uk",
    evaluate: Annotated[bool, typer.Option(help="uk: score the new model on ner-uk test afterwards.")] = True,
    clusters: Annotated[
        bool,
        typer.Option(
            "--clusters",
            help="uk: first relearn the word clusters the features use (models/clusters-uk.tsv.gz) "
            "from ner-uk train and BRUK press text.",
        ),
    ] = False,
    json_out: JsonOption = False,
) -> None:
    """Rebuild an NER model (CRF): Ukrainian from ner-uk v2.0 train, Russian distilled from slovnet;
    deterministic, a few minutes."""
    from storyline.entities.ner import DEFAULT_MODEL, MENTION_TYPES, RU_MODEL, NerTagger, evaluate_iob, train

    if lang not in ("uk", "ru"):
        err_console.print(f"[red]error:[/red] --lang must be uk or ru, not {lang}")
        raise typer.Exit(2)
    if lang == "ru":
        _train_russian(data or _shared() / "data", out or RU_MODEL, json_out)
        return
    source = data or _shared() / "data" / "ner-uk" / "v2.0" / "iob" / "train.iob"
    if not source.exists():
        err_console.print(f"[red]error:[/red] training data not found: {source}")
        raise typer.Exit(4)
    result: dict = {}
    if clusters:
        from storyline.entities import clusters as word_clusters

        root = source.parent.parent
        words = word_clusters.build(
            root, _shared() / "data" / "news" / "bruk_press.jsonl", word_clusters.TABLE, source
        )
        result["clusters"] = {"words": words, "path": str(word_clusters.TABLE)}
    report = train(source, out or DEFAULT_MODEL)
    result["train"] = asdict(report)
    test = source.with_name("test.iob")
    if evaluate and test.exists():
        scores = evaluate_iob(NerTagger(Path(report.model_path)), test, MENTION_TYPES)
        result["test"] = {k: v.as_dict() for k, v in scores.items()}
    if json_out:
        print_json(result)
        return
    _print_report(report)
    if "test" in result:
        for k, v in result["test"].items():
            console.print(f"  {k:6} P {v['precision']:.3f}  R {v['recall']:.3f}  F1 {v['f1']:.3f}")


def _train_russian(shared_data: Path, out: Path, json_out: bool) -> None:
    from storyline.entities import russian
    from storyline.entities.ner import train_russian

    if not (shared_data / "pairs").exists() or not (shared_data / "slavicner" / "raw").exists():
        err_console.print(f"[red]error:[/red] Russian texts or SlavicNER not found under {shared_data}")
        raise typer.Exit(4)
    if not russian.available():
        err_console.print("[red]error:[/red] distilling the Russian model needs natasha (slovnet)")
        raise typer.Exit(4)
    report = train_russian(shared_data, out)
    if json_out:
        print_json({"train": asdict(report)})
        return
    _print_report(report)


def _print_report(report: TrainReport) -> None:
    console.print(
        f"trained on {report.sentences} sentences in {report.seconds:.0f} s -> {report.model_path} "
        f"({report.model_bytes / 1e6:.1f} MB)"
    )
