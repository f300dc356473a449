"""kg extract, kg add, kg conflicts: more articles, kept apart and reconciled."""

from __future__ import annotations

import json
from pathlib import Path

import click

from kg.cli.common import Seconds, endpoint_option, format_option, out_file, project, reader


@click.command()
@click.argument("article", type=click.Path(dir_okay=False))
@click.option("--out", "-o", type=click.Path(dir_okay=False), help="Write the draft here (default: stdout).")
@click.option("--id", "aid", help="The article id (default: from the file name).")
@click.option("--force", is_flag=True, help="Replace the --out file if it exists.")
@click.option("--llm", metavar="URL",
              help="Ask a language model instead: an OpenAI-compatible chat-completions server "
                   "(API key, if needed, from $KG_LLM_API_KEY).")
@click.option("--model", metavar="NAME", help="The model to ask (with --llm).")
@click.option("--timeout", type=Seconds(min=1), default=120, show_default=True,
              help="Seconds to wait for the language model (with --llm).")
@click.pass_context
def extract(ctx: click.Context, article: str, out: str | None, aid: str | None, force: bool, llm: str | None,
            model: str | None, timeout: float) -> None:
    """Draft a facts file for ARTICLE (a .txt file), for review.

    Offline by default (rule-based): entities, leadership, killings, captures, operations,
    statistics, quotations and descriptions, with their quotes and offsets, marked
    `draft: true`, linked to the project's entities. Items the build would reject are left
    out and listed at the top of the draft.
    """
    from kg.errors import UsageError
    from kg.extract import to_yaml
    from kg.files import atomic_write, refuse_overwrite
    from kg.intake import extract as draft_of

    out = out_file(out)
    try:
        proj = project(ctx)
    except UsageError:
        proj = None  # outside a project: nothing to link to
    if out:
        refuse_overwrite(Path(out), force, proj.build if proj else None)
    drafted = draft_of(proj, Path(article), aid, llm, model, timeout)
    text = to_yaml(drafted)
    if drafted.dropped:
        click.echo(f"left out {len(drafted.dropped)} item(s): listed at the top of the draft", err=True)
    if out:
        atomic_write(Path(out), text.encode("utf-8"))
        click.echo(f"wrote {out}", err=True)
    else:
        click.echo(text, nl=False)


@click.command()
@click.argument("article", type=click.Path(dir_okay=False))
@click.option("--accept", is_flag=True,
              help="Take the drafted items as they are (scripted use); items drafted for review stay drafts.")
@click.option("--id", "aid", help="The article id (default: from the file name).")
@click.option("--force", is_flag=True, help="Draft an article added before again (replaces its facts file).")
@click.pass_context
def add(ctx: click.Context, article: str, accept: bool, aid: str | None, force: bool) -> None:
    """Copy ARTICLE into data/articles/ and draft its facts in data/facts/; then review the
    draft (kg review FILE, or pass --accept) and run kg build."""
    from kg.intake import add as add_article

    added = add_article(project(ctx), Path(article), accept, aid, force)
    click.echo(f"added {added.article}: {added.drafted} drafted item(s) in {added.facts_file}")
    if added.dropped:
        click.echo(f"  left out: {added.dropped} item(s) the build would reject (listed at the top of the file)")
    if added.held:
        click.echo(f"  kept as drafts: {added.held} item(s) with a review: reason")
    click.echo(f"  already known: {', '.join(added.known) or '(none)'}")
    click.echo(f"  new: {', '.join(added.new) or '(none)'}")
    for line in added.review:
        click.echo(f"  review: {line}")
    click.echo("  accepted as drafted; run: kg build" if added.accepted
               else f"  drafts stay out of the graph until reviewed: kg review {added.facts_file}, then kg build")


@click.command()
@format_option(("table", "json"))
@endpoint_option()
@click.pass_context
def conflicts(ctx: click.Context, fmt: str, endpoint: str | None, user: str | None,
              timeout: float) -> None:
    """List figures, leadership facts and event dates that two sources state differently,
    and events one source tells and another denies.

    Both versions stay in the graph, each attributed to its source; kg ask answers with both.
    """
    from kg.intake import conflicts as find
    from kg.output import table

    proj = project(ctx)
    rows = find(reader(proj, endpoint, user, timeout), proj)
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
    elif not rows:
        click.echo("no conflicts: the sources agree wherever they overlap")
    else:
        click.echo(table(["kind", "what", "one source says", "source", "another says", "source"],
                         [[r["kind"], r["what"], r["a"], r["source_a"], r["b"], r["source_b"]] for r in rows]))


@click.command()
@click.argument("facts_file", type=click.Path(dir_okay=False, exists=True))
@click.option("--accept", "accept", multiple=True, metavar="ID",
              help="Accept this drafted item (repeat; 'all' for every draft).")
@click.option("--reject", "reject", multiple=True, metavar="ID",
              help="Reject (delete) this item and the drafted items that refer to it (repeat).")
@click.option("--articles", type=click.Path(file_okay=False, exists=True),
              help="Where the article is (default: data/articles beside the facts file).")
def review(facts_file: str, accept: tuple[str, ...], reject: tuple[str, ...], articles: str | None) -> None:
    """Review a drafted FACTS_FILE: each drafted item beside its sentence, the sentences no
    item quotes (what the draft may have missed), and accept or reject items.

    On a terminal, asks item by item; with --accept/--reject (scripts) changes just those.
    The file is written only if it still loads.
    """
    import sys

    from kg.extract import review as rv

    doc = rv.load(Path(facts_file), Path(articles) if articles else None)
    if accept or reject:
        done, removed = rv.apply(doc, set(accept), set(reject))
        click.echo(f"{facts_file}: accepted {len(done)}, rejected {len(removed)}"
                   + (f" ({', '.join(removed)})" if removed else ""))
        return
    drafts = doc.drafts()
    interactive = sys.stdin.isatty() and sys.stdout.isatty()
    decisions: dict[str, str] = {}
    for item in drafts:
        click.echo(f"\n[{item.id}] {item.fields.get('type', item.section[:-1])}: {item.summary}")
        if item.fields.get("review"):
            click.echo(f"  review: {item.fields['review']}")
        click.echo(f"  sentence: {doc.sentence_of(item)}")
        if interactive:
            choice = click.prompt("  accept, reject, skip or quit?", type=click.Choice(["a", "r", "s", "q"]),
                                  default="s", show_choices=True)
            if choice == "q":
                break
            if choice in "ar":
                decisions[item.id] = choice
    missed = doc.missed()
    click.echo(f"\n{len(drafts)} drafted item(s); {len(missed)} sentence(s) with no item "
               "(what the draft may have missed):")
    for sentence in missed:
        click.echo(f"  - {sentence}")
    if decisions:
        done, removed = rv.apply(doc, {k for k, v in decisions.items() if v == "a"},
                                 {k for k, v in decisions.items() if v == "r"})
        click.echo(f"{facts_file}: accepted {len(done)}, rejected {len(removed)}")
    elif not interactive and drafts:
        click.echo("accept or reject with: kg review FILE --accept ID ... --reject ID ...")


COMMANDS = [extract, add, conflicts, review]
