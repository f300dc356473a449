"""Relations between entities: partners, family, what prompted what, related headlines,
descriptions (age, nationality, occupation, title) and names."""

from __future__ import annotations

from pyoxigraph import NamedNode

from kg.ask.answer import ANSWERED, NOT_STATED, Answer, Item
from kg.ask.families.terms import merged, terms
from kg.ask.link import AGENT, EVENT, ORG, PERSON, Entity
from kg.ask.question import Question
from kg.ask.words import sorted_join, value

ANY = AGENT | EVENT | frozenset({"Country", "Region", "City", "Place", "Area"})


def partners(q: Question) -> Answer:
    ctx = q.ctx
    if q.parsed.roles:  # 'who leads X's partners': a partnership has no roles to ask about
        words = " ".join(q.ctx.vocabulary.roles[r].pref for r in q.parsed.roles)
        return Answer(q.text, NOT_STATED, note=f"The graph records who took part in a partnership, not its "
                      f"roles ({words}).")
    context = q.take(EVENT)
    named = q.take_all(AGENT)  # 'is X affiliated with Y': partnerships with both of them
    rows = ctx.run("partnerships", partner=NamedNode(named[0].iri) if named else None,
                   context=NamedNode(context.iri) if context else None)
    groups: dict[str, list] = {}
    for r in rows:
        groups.setdefault(r["partnership"].value, []).append(r)
    groups = {fact: members for fact, members in groups.items()
              if {n.iri for n in named} <= {m["member"].value for m in members}}
    merged: dict[tuple[str, str], Item] = {}  # the same partners stated by two sources: one answer
    for fact, members in groups.items():
        names = sorted_join(m["memberLabel"].value for m in members)
        ctx_label = value(members[0], "contextLabel")
        item = ctx.item(names, fact, f"partners in {ctx_label}" if ctx_label else "partners")
        same = merged.setdefault((names, item.detail), item)
        if same is not item:
            same.evidence += [e for e in item.evidence if e not in same.evidence]
    items = list(merged.values())
    if not items:
        return Answer(q.text, NOT_STATED, note="The graph has no such partnership.")
    return Answer(q.text, ANSWERED, items)


def kinship(q: Question) -> Answer:
    ctx, relation = q.ctx, q.parsed.kinship
    if q.parsed.tokens[0].word in ("is", "was", "are", "were"):  # 'is A the son of B?'
        of = q.take(PERSON, where=q.after("of"))
        subject = q.take(PERSON) if of is not None else None
        if of is not None and subject is not None:
            return _is_relative(q, subject, of, relation)
        if of is not None:
            q.used.clear()  # not two people: read as 'who is the son of B?'
    relative = q.take(PERSON)
    rows = ctx.run("kinship", relative=NamedNode(relative.iri) if relative else None,
                   relation=NamedNode(ctx.vocabulary.kinships[relation].iri) if relation else None)
    if not rows and relative is not None:
        return _other_way(q, relative, relation)
    if not rows:
        return Answer(q.text, NOT_STATED, note=f"The graph names no {_relation(q, relation)} of anyone.")
    return Answer(q.text, ANSWERED, [
        ctx.item(r["personLabel"].value, r["person"].value,
                 f"{r['relationLabel'].value} of {r['relativeLabel'].value}", r["fact"].value) for r in rows])


def _relation(q: Question, relation: str | None) -> str:
    return q.ctx.vocabulary.kinships[relation].pref if relation else "relative"


def _is_relative(q: Question, person: Entity, of: Entity, relation: str | None) -> Answer:
    """'Is A the son of B?': yes where a source states it (or states B the cousin of A: a
    symmetric relation); otherwise not stated, with what the graph states of the two."""
    ctx = q.ctx
    iri = NamedNode(ctx.vocabulary.kinships[relation].iri) if relation else None
    rows = [r for r in ctx.run("kinship", person=NamedNode(person.iri), relative=NamedNode(of.iri), relation=iri)]
    if relation in SYMMETRIC:
        rows += ctx.run("kinship", person=NamedNode(of.iri), relative=NamedNode(person.iri), relation=iri)
    if rows:
        return Answer(q.text, ANSWERED, [
            ctx.item(r["personLabel"].value, r["person"].value,
                     f"{r['relationLabel'].value} of {r['relativeLabel'].value}", r["fact"].value) for r in rows])
    stated = "; ".join(sorted({f"{r['personLabel'].value} is the {r['relationLabel'].value} of "
                               f"{r['relativeLabel'].value}" for e in (person, of)
                               for r in ctx.run("kinship", person=NamedNode(e.iri))
                               + ctx.run("kinship", relative=NamedNode(e.iri))}))
    return Answer(q.text, NOT_STATED, note=f"The graph does not state that {person.label} is the "
                  f"{_relation(q, relation)} of {of.label}." + (f" It states: {stated}." if stated else ""))


SYMMETRIC = {"cousin"}  # relations that hold both ways whoever the two are (a brother's sibling may be a sister)


def _other_way(q: Question, person: Entity, relation: str | None) -> Answer:
    """The relations stated the other way round ('X is the brother of Y', asked about X's
    relatives) name Y; but 'X's brother' is not read from 'X is the brother of Y' (Y may be
    his sister) nor 'X's father' from any other relation: what is stated is told instead."""
    rows = q.ctx.run("kinship", person=NamedNode(person.iri))
    same = [r for r in rows if relation in SYMMETRIC and r["relation"].value == q.ctx.vocabulary.kinships[relation].iri]
    if same:  # 'X is the cousin of Y': Y is X's cousin
        return Answer(q.text, ANSWERED, [
            q.ctx.item(r["relativeLabel"].value, r["relative"].value,
                       f"{r['personLabel'].value} is the {r['relationLabel'].value} of {r['relativeLabel'].value}",
                       r["fact"].value) for r in same])
    stated = "; ".join(f"{r['personLabel'].value} is the {r['relationLabel'].value} of {r['relativeLabel'].value}"
                       for r in rows)
    if rows and relation is None:
        return Answer(q.text, ANSWERED, [
            q.ctx.item(r["relativeLabel"].value, r["relative"].value,
                       f"{r['personLabel'].value} is the {r['relationLabel'].value} of {r['relativeLabel'].value}",
                       r["fact"].value) for r in rows])
    return Answer(q.text, NOT_STATED, note=f"The graph names no {_relation(q, relation)} of {person.label}."
                  + (f" It states: {stated}." if stated else ""))


def causes(q: Question) -> Answer:
    ctx = q.ctx
    mention = q.take(ANY)
    rows = []
    if mention is not None:
        rows = ctx.run("causes", effect=NamedNode(mention.iri)) or ctx.run("causes", cause=NamedNode(mention.iri))
    else:
        rows = ctx.run("causes")
    if not rows:
        return Answer(q.text, NOT_STATED,
                      note="The graph states no cause" + (f" for {mention.label}." if mention else "."))
    return Answer(q.text, ANSWERED, [
        ctx.item(r["causeLabel"].value, r["fact"].value, f"prompted {r['effectLabel'].value}") for r in rows])


def headlines(q: Question) -> Answer:
    ctx = q.ctx
    about = q.take(ANY)
    rows = ctx.run("headlines", about=NamedNode(about.iri) if about else None)
    if not rows:
        return Answer(q.text, NOT_STATED, note="No related headline" + (f" is about {about.label}." if about else "."))
    return Answer(q.text, ANSWERED, [
        ctx.item(r["text"].value, r["claim"].value, "a related headline printed in the article"
                 + (f", quoting {r['claimantLabel'].value}" if value(r, "claimantLabel") else "")) for r in rows])


DESCRIPTION = {"age": ("age", "described as {} years old"), "nationality": ("nationality", "{}"),
               "occupation": ("occupation", "{}"), "title": ("title", "titled {}"), "rank": ("title", "titled {}")}


def describe(q: Question) -> Answer:
    ctx, p = q.ctx, q.parsed
    person = q.need(PERSON, "person")
    aspect = "age" if p.has(r"\b(how old|age|aged)\b") else "nationality" if p.has(r"\b(nationality|citizen)\b") \
        else "title" if p.has(r"\btitles?\b") else "rank" if p.has(r"\branks?\b") else "occupation"
    field, wording = DESCRIPTION[aspect]
    rows = [r for r in ctx.run("descriptions", person=NamedNode(person.iri)) if field in r]
    items = [ctx.item(person.label, person.iri, wording.format(r[field].value), r["description"].value) for r in rows]
    posts = _posts(q, person) if aspect in ("title", "rank") else []
    if aspect == "title":  # 'emir', 'secretary-general': a post held is a person's title too
        items += posts
    if not items:  # a rank is a described one ('Rear Adm.'), never read from a post
        held = "; ".join(f"{i.label}: {i.detail}" for i in posts)
        return Answer(q.text, NOT_STATED, note=f"No {aspect} is given for {person.label}."
                      + (f" Roles held: {held}." if held else ""))
    return Answer(q.text, ANSWERED, items)


def _posts(q: Question, person: Entity) -> list[Item]:
    """The posts a person held, in the organisation the question names if it names one."""
    org = q.take(ORG)
    return merged(q.ctx, terms(q.ctx, person=NamedNode(person.iri), org=NamedNode(org.iri) if org else None))


def aliases(q: Question) -> Answer:
    ctx = q.ctx
    entity = q.need(ANY, "entity")
    rows = ctx.run("aliases", node=NamedNode(entity.iri))
    names = sorted({(r["name"].value, r["kind"].value) for r in rows}, key=lambda x: (x[1], x[0].casefold()))
    detail = "; ".join(f"{n} ({k})" for n, k in names)
    return Answer(q.text, ANSWERED, [ctx.item(entity.label, entity.iri, f"also known as: {detail}")])


def profile(q: Question, entity=None) -> Answer:
    """Everything the graph says about one entity: only for "who is X" / "what is X"."""
    ctx = q.ctx
    entity = entity or q.need(ANY, "entity")
    kinds = ", ".join(sorted(t for t in entity.types))
    items = [ctx.item(entity.label, entity.iri, kinds)]
    seen = set()
    for r in ctx.run("mentions", node=NamedNode(entity.iri)):
        key = (r["fact"].value, r["roleLabel"].value)
        if key in seen:
            continue
        seen.add(key)
        items.append(ctx.item(r["factLabel"].value, r["fact"].value,
                              f"{r['type'].value} ({entity.label}: {r['roleLabel'].value})"))
    return Answer(q.text, ANSWERED, items)


