"""Founders: who founded which organisation, and when.

  "Y was founded in A by X and Z"      "Y was started in the north in the 1990s by X"
  "X founded Y", "X, who founded Y with his brother Z", "X, a former student, set up the group in A"
  "DATE - A and B found Y": the present of a chronology, on the entry's date
The role is the vocabulary's founder; the start is the year told with it (or the entry's)."""

from __future__ import annotations

import re

from kg.extract import refs
from kg.extract.context import Context
from kg.extract.dates import DateSpan
from kg.extract.masked import NICKNAME, ORG_OR_COUNTRY, D, Masked, P
from kg.extract.terms import add_term

GROUP = rf"(?:{refs.GROUP_REF}|[Ii]ts|[Tt]heir|\b[Ii]t\b)"
TITLE = r"(?:[A-Z][a-z]{1,4}\.\s+)?"
FOUNDED = r"(?P<verb>(?:co-)?(?:founded|established|formed|created|started|set\s+up))"
# "X, a former student, set up …", "X, who founded …": an aside about the founder
ASIDE = (r"(?:,\s+(?:(?:the|a|an)\s+(?:[^,;.⟦]|⟦[CLN]\d+⟧){1,50}?\s+who\s+|who\s+|(?:the|a|an)\s+[^,;.⟦]{1,50},\s+)"
         r"|,?\s+)")


def find(ctx: Context, mk: Masked) -> None:
    """Draft the founders a sentence names, each as a `founder` term of the organisation."""
    forms = [
        # "Y was founded in A by X and Z", "Y was started in the north in the 1990s by X"
        (rf"(?:(?P<org>{ORG_OR_COUNTRY})|(?P<grp>{GROUP}))\s+was\s+{FOUNDED}\b"
         rf"(?P<mid>(?:[^⟦.;]|⟦[CLD]\d+⟧){{0,60}}?)\s*\bby\s+(?:[A-Z][\w.]*\s+){{0,2}}?(?P<p>{P})"
         rf"(?:(?:[^.⟦]{{0,60}}(?:⟦[^P]\d+⟧|{NICKNAME}))*?[^.⟦]{{0,60}}?\s+(?:and|together with|along with)\s+{TITLE}"
         rf"(?P<q>{P}))?"),
        # "X founded Y (in A) (with his brother Z)", "X, a former student, set up the group in A"
        (rf"(?P<p>{P}){ASIDE}(?:had\s+)?{FOUNDED}\s+(?:(?:the\s+)?(?P<org>{ORG_OR_COUNTRY})|(?P<grp>{GROUP}))"
         rf"(?:\s+in\s+(?P<d>{D}))?(?:\s+with\s+(?:his|her)\s+[a-z]+\s+(?P<q>{P}))?"),
        # "DATE - A and B found Y": the present of a chronology (the object a name, not "the group")
        (rf"(?P<p>{P})(?:,\s+|\s+and\s+){TITLE}(?P<q>{P}),?\s+(?P<verb>found|founds|co-found|set\s+up|sets\s+up|establish)\s+"
         rf"(?:the\s+)?(?P<org>{ORG_OR_COUNTRY})(?:\s+in\s+(?P<d>{D}))?"),
        (rf"(?P<p>{P}),?\s+(?P<verb>founds|sets\s+up|establishes)\s+(?:the\s+)?(?P<org>{ORG_OR_COUNTRY})"
         rf"(?:\s+in\s+(?P<d>{D}))?"),
    ]
    for i, form in enumerate(forms):
        for m in re.finditer(form, mk.text):
            _founders(ctx, mk, m, present=i >= 2)


def _founders(ctx: Context, mk: Masked, m: re.Match[str], present: bool) -> None:
    org, why = refs.org(ctx, mk, m.group("org"), m.groupdict().get("grp"))
    spans = [mk.match_span(m)]
    date = _date(mk, m)
    if date is None and present:
        date = ctx.entry_date(mk.seg.start)
        if date is None:
            return  # "X and Y found Z" outside a dated entry: "found" may be the past of "find"
        spans.append((date.start, date.end))
    verb = re.sub(r"\s+", " ", m.group("verb"))
    inferred = {"organization": why} if why else {}
    if verb not in ("founded", "co-founded"):  # the vocabulary's words for a founder are "founded", "founder"
        inferred["role"] = f"'{verb}' it: its founder"
    for token in (m.group("p"), m.groupdict().get("q")):
        person = mk.ref(token)
        if person and org and ctx.draft.entities.get(person, {}).get("type") == "Person":
            add_term(ctx, spans, {"person": person, "organization": org, "role": "founder",
                                  "start": date.value if date else None}, inferred)


def _date(mk: Masked, m: re.Match[str]) -> DateSpan | None:
    """The date told with the founding: "in A" after it, or "in A" between the verb and "by"."""
    token = m.groupdict().get("d")
    if token is None:
        inside = re.search(rf"\bin\s+({D})", m.groupdict().get("mid") or "")
        token = inside.group(1) if inside else None
    slot = mk.slot(token)
    return slot.ref if slot and isinstance(slot.ref, DateSpan) else None
