"""What the article says of people: other names ("X, also known as Y"), age, nationality,
occupation, title ("Gen. X", "X, 51,", "X, an Egyptian surgeon", "the Malaysian lecturer X",
"He was believed to be 71 years old") and family ("X, a cousin of Y", "with his brother Y").
Demonyms are kg/extract/data/demonyms.tsv, titles nameparser's, relations the vocabulary's."""

from __future__ import annotations

import re

from kg.extract import appositives, lexicon, phrases, refs
from kg.extract.context import Context
from kg.extract.masked import Masked, N, P

HEDGE = r"(?P<hedge>believed to be|thought to be|said to be|reported to be)"


def find(ctx: Context) -> None:
    demonym = "|".join(sorted((re.escape(d) for d in _demonym_forms()), key=len, reverse=True))
    occupation = r"(?P<occ>(?!(?:who|whom|whose|which|that)\b)[a-z][a-z-]+(?:\s+[a-z][a-z-]+){0,2}?)"
    for seg in ctx.sentences:
        mk = Masked(ctx, seg)
        for m in re.finditer(r"(?P<p>⟦[PGO]\d+⟧)(?:\s*\(⟦[GO]\d+⟧\))?,\s+"
                             r"(?:(?:also|better|formally|officially|widely|locally)\s+)?known\s+as\s+(?:the\s+)?"
                             r"(?P<alias>[\"“]?[A-Z][\w\s.'’-]{1,40}?[\"”]?)(?=[,.;]|\s+or\b|\s+\(|$)", mk.text):
            _alias(ctx, mk, m)
        for m in re.finditer(rf"(?P<p>{P}),\s+(?P<n>{N})(?:,|\s*[.!]?[\"”]?\s*$)", mk.text):  # "X, 34," "…, X, 34."
            _describe(ctx, mk, m, age=m.group("n"))
        for m in re.finditer(rf"(?P<p>{P}|^[Hh]e|^[Ss]he)\s+(?:is|was)\s+(?:{HEDGE}\s+)?"
                             rf"(?P<n>\d{{1,3}})\s+years?\s+old",
                             mk.text):
            _describe(ctx, mk, m, age=m.group("n"))
        for m in re.finditer(rf"(?P<p>{P}),\s+(?:{N},\s+)?an?\s+(?:(?P<nat>{demonym})\s+)?{occupation}"
                             rf"(?=\s*[,.]|\s+(?:who|and|of|in|at|for|believed|[a-z]+ed)\b)",  # not "… wanted for"
                             mk.text):
            _describe(ctx, mk, m, nationality=m.group("nat"), occupation=m.group("occ"))
        for m in re.finditer(rf"\b[Tt]he\s+(?P<nat>{demonym})\s+{occupation}\s+(?P<p>{P})", mk.text):
            _describe(ctx, mk, m, nationality=m.group("nat"), occupation=m.group("occ"))
        _titles(ctx, mk)
        _kinship(ctx, mk)


def _demonym_forms() -> list[str]:
    forms = []
    for line in (lexicon.DATA / "demonyms.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            adjective = line.split("\t")[1]
            if "." not in adjective and not adjective.isupper():
                forms.append(adjective)
    return forms


def _alias(ctx: Context, mk: Masked, m: re.Match[str]) -> None:
    person = mk.ref(m.group("p"))
    alias = m.group("alias").strip("\"“” ")
    if person and person in ctx.draft.entities and "⟦" not in alias:
        entity = ctx.draft.entities[person]
        if alias not in entity.get("aliases", []) and alias != entity["name"]:
            entity.setdefault("aliases", []).append(alias)
            quotes = entity["quote"] if isinstance(entity["quote"], list) else [entity["quote"]]
            start, end = mk.match_span(m)
            quote = ctx.text[start:end].rstrip("\"” ") if ctx.text[start:end].count("\"") % 2 else ctx.text[start:end]
            entity["quote"] = [*quotes, quote] if quote not in quotes else quotes


def _describe(ctx: Context, mk: Masked, m: re.Match[str], **fields: str | None) -> None:
    subject, why = refs.person(ctx, mk, m.group("p"), m.start("p"))
    if subject is None or ctx.draft.entities.get(subject, {}).get("type") != "Person":
        return
    values: dict[str, object] = {}
    if fields.get("age"):
        age = fields["age"] or ""
        slot = mk.slot(age)
        years = slot.ref.value if slot else int(age) if age.isdigit() else 0  # type: ignore[attr-defined]
        if not 10 <= years <= 110:
            return
        values["age"] = years
    for key in ("nationality", "occupation"):
        if fields.get(key):
            values[key] = fields[key]
    if re.search(rf"(?:{phrases.pattern(phrases.role_words(ctx.vocab))})$", str(values.get("occupation", ""))):
        return  # "a senior commander" is a role (kg.extract.leadership), no occupation
    if re.search(rf"(?:{phrases.pattern(phrases.kinship_words(ctx.vocab))})$", str(values.get("occupation", ""))):
        return  # "a cousin of Y" is a kinship (_kinship), no occupation
    if set(str(values.get("occupation", "")).split()) & appositives.NOT_NOUNS:
        return  # "the Swedish government said that X": a clause, no occupation
    if re.match(r"(?:suspected|alleged|presumed|purported|reputed)\b", str(values.get("occupation", ""))):
        return  # "a suspected planner": what someone is suspected of, no occupation
    if not values:
        return
    hedge = m.groupdict().get("hedge")
    if hedge:
        values.update(certainty=phrases.certainties(ctx.vocab).get(hedge.lower(), "believed"), hedge=hedge)
    if not ctx.is_fact("description", subject=subject,
                       **{k: v for k, v in values.items() if k in ("age", "occupation")}):
        ctx.fact("description", [mk.match_span(m)], {"subject": subject, **values}, {"subject": why} if why else None)


def _titles(ctx: Context, mk: Masked) -> None:
    """"Gen. X", "Brig. Gen. X": the titles written right before a person's name."""
    for token in mk.tokens(mk.text, "P"):
        slot = mk.slot(token)
        before = ctx.text[max(mk.seg.start, slot.start - 40):slot.start]  # type: ignore[union-attr]
        m = re.search(r"((?:\b[A-Z][a-z]*\.?\s+)+)$", before)
        if not m or slot is None:
            continue
        words = m.group(1).split()
        while words and not _title(words[0]):
            words = words[1:]
        if words and all(_title(w) for w in words):
            title = " ".join(words)
            start = slot.start - len(m.group(1)) + m.group(1).index(words[0])
            if not ctx.is_fact("description", subject=slot.ref, title=title):
                ctx.fact("description", [(start, slot.end)], {"subject": slot.ref, "title": title})


def _title(word: str) -> bool:
    return word.lower().rstrip(".") in lexicon.titles() and word.lower().rstrip(".") not in ("mr", "mrs", "ms")


def _kinship(ctx: Context, mk: Masked) -> None:
    relations = phrases.kinship_words(ctx.vocab)
    rel = phrases.pattern(relations)
    # "a younger brother of Y", "his first wife, X", "her former husband, X"
    adjective = r"(?:(?:younger|elder|older|youngest|eldest|late|twin|half|former|⟦T\d+⟧)\s+)?"  # ⟦T⟧: "first"
    age = rf"(?:{N},\s+)?"
    forms = [rf"(?P<a>{P}),\s+{age}(?:a|an|the)\s+{adjective}(?P<rel>{rel})\s+of\s+(?P<b>{P})",  # X, 41, a cousin of Y
             # "Y ... with his brother X"; "His eldest son, X, …": of the one named before
             rf"(?P<b>{P})[^.;⟦]{{0,60}}?\b(?:his|her)\s+{adjective}(?P<rel>{rel}),?\s+(?P<a>{P})",
             rf"^\s*(?P<b>His|Her)\s+{adjective}(?P<rel>{rel}),?\s+(?P<a>{P})",
             # the relation first: "A cousin of Y, X, …", "Y's younger brother, X"
             rf"\b(?:[Aa]n?|[Tt]he)\s+{adjective}(?P<rel>{rel})\s+of\s+(?P<b>{P}),\s+(?P<a>{P})(?!['’]s)",
             rf"(?P<b>{P})['’]s\s+{adjective}(?P<rel>{rel}),\s+(?P<a>{P})(?!['’]s)"]
    for form in forms:
        for m in re.finditer(form, mk.text):
            a = mk.ref(m.group("a"))
            b = mk.ref(m.group("b")) if m.group("b").startswith("⟦") else _subject_before(ctx, mk)
            relation = relations.get(m.group("rel").lower())
            if a and b and a != b and relation and not ctx.is_fact("kinship", person=a, relative=b):
                ctx.fact("kinship", [mk.match_span(m)], {"person": a, "relative": b, "relation": relation})


def _subject_before(ctx: Context, mk: Masked) -> str | None:
    """The one "His"/"Her" opening a sentence stands for: the person the sentence before names
    first, when it names no one else (with two, whose relative it is would be a guess) and does
    not itself open with "His"/"Her"."""
    found = refs.subject_before(ctx, mk)
    sentences = ctx.sentences
    index = next((i for i, s in enumerate(sentences) if s.start == mk.seg.start), 0)
    prev = sentences[index - 1] if index else None
    people = {m.eid for m in ctx.mentions_in(prev.start, prev.end, {"Person"})} if prev else set()
    if prev and re.match(r"\s*(?:His|Her|He|She)\s", ctx.text[prev.start:prev.end]):
        # "His brother, X, was killed. His son, Y, …": both "his" are of someone before X, not X; and so
        # "He then married X. His third wife, Y, …"
        return None
    return found[0] if found and len(people) == 1 else None
