"""Whether a run of capitalised words names a person: by a title or a role before the name
(nameparser's titles, the vocabulary's roles), by what follows it (", who", ", 51,", " said",
" was killed", ", Y's deputy,"), by an event it is the object of; never where a place's name
stands ("the people of X", "near X")."""

from __future__ import annotations

import functools
import re

from kg.extract import lexicon
from kg.extract.context import Context
from kg.extract.events import FUNCTION_WORDS
from kg.extract.names import Run, org_type
from kg.names import normalize

PERSON_AFTER = re.compile(
    r"\s*(?:,\s*(?:who|whom|whose|the|a|an|another|one of|its|his|her|their|also known as|known as|better known as"
    r"|aged)\b"
    r"|,\s*\d{1,3}(?:\s*,|\.(?:\s|$))"  # "X Y, 33,": an age
    r"|,\s+(?:said|says|told|added|warned)\b"  # "its negotiator, X Y, said"
    r"|\s+(?:said|says|told|added|warned|was|were|had|has|is|died|led|headed|called|succeeded|took over|took command"
    r"|assumed command|remained"
    r"|became)\b"
    r"|\s+as\s+(?:his|her|its|their|the)\s+(?:new\s+)?[a-z-]+\b)")


def person(ctx: Context, run: Run) -> tuple[str, int] | None:
    """(name, start) when the run names a person: the words after its titles, on evidence."""
    tokens = [(m.start() + run.start, m.group(0)) for m in re.finditer(r"\S+", run.text)]
    cut = 0
    for i, (_, word) in enumerate(tokens):
        if not_name_word(word):
            cut = i + 1
    while cut > 1 and _inner_title(tokens[cut - 1][1]) and not not_name_word(tokens[cut - 2][1]):
        cut -= 2  # a title between name words is part of the name: "President X Sheikh Y"
        while cut > 0 and not not_name_word(tokens[cut - 1][1]):
            cut -= 1
    if len(tokens) - cut == 1 and cut and tokens[cut - 1][1] in lexicon.word_set("names", "honorifics"):
        cut -= 1  # "Mullah Omar": an honorific before a single name is kept with it
    name_tokens = tokens[cut:]
    honorific = len(name_tokens) == 2 and name_tokens[0][1] in lexicon.word_set("names", "honorifics")
    if not name_tokens or any(not_name_word(w) and not _inner_title(w) for _, w in name_tokens) \
            or (not_name_word(name_tokens[0][1]) and not honorific) or not_name_word(name_tokens[-1][1]):
        return None
    if _people_noun(name_tokens[-1][1]):
        return None  # "the two Aid Workers", a headline's "Local Soldiers": people counted, not named
    start = name_tokens[0][0]
    name = ctx.text[start:run.end]
    if lexicon.place(name) or org_type(name) or normalize(name) in lexicon.demonyms():
        return None
    # "Iron Lantern has broken ...": an operation's name said short is no person for a verb after it
    # alone ("Operation X Y" is often named after a person: "X Y was killed" still names them)
    operation = re.search(rf"\bOperation\s+{re.escape(name)}\b", ctx.text) is not None \
        and re.match(r"\s+(?:was|were|had|has|is)\b", ctx.text[run.end:]) is not None
    title = tokens[cut - 1][1] if cut else ""
    titled = honorific or bool(title) and is_title(title) and title.rstrip(".,") not in lexicon.word_set("names",
                                                                                                         "office")
    before = ctx.text[max(0, start - 60):start]
    told = ctx.text[max(0, start - 160):start]  # the verb may stand further back: "was abducted … together with"
    if not titled and not _role_before(ctx, before) and _place_slot(before):
        return None
    followed = PERSON_AFTER.match(ctx.text, run.end) is not None and not operation
    if titled or _role_before(ctx, before) or (len(name_tokens) >= 2 and followed) \
            or (len(name_tokens) >= 2 and _has_particle(name)) or (len(name_tokens) >= 2 and _event_object(told)) \
            or (len(name_tokens) >= 2 and _event_subject(ctx.text[run.end:run.end + 180])) \
            or (len(name_tokens) >= 2 and _leads_after(ctx.text[run.end:run.end + 80])) \
            or (len(name_tokens) >= 2 and re.search(r"[\"”],?\s+(?:said|says|added|told|wrote|asked)\s+$", before)) \
            or (len(name_tokens) >= 2 and _someones_role_after(ctx, ctx.text[run.end:run.end + 80])) \
            or (len(name_tokens) >= 2 and _role_after(ctx, ctx.text[run.end:run.end + 80])) \
            or (len(name_tokens) == 1 and _one_name(ctx, run, before)):
        return name, start
    return None


def _one_name(ctx: Context, run: Run, before: str) -> bool:
    """"Police arrest X, a mechanic from …", "X, an explosives expert, is shot dead": a single name
    described as a person right after it, and killed or captured in the same sentence."""
    after = ctx.text[run.end:run.end + 200]
    described = re.match(r",\s+(?:a|an)\s+(?:[a-z-]+\s+){0,3}?[a-z-]+(?:\s+(?:from|of|in|for|who|wanted|with)\b|,)",
                         after)
    word = run.words[0]
    if not described or run.possessive or not word[:1].isupper() or word.isupper() or len(word) < 4 \
            or lexicon.place(word) or normalize(word) in lexicon.demonyms() or normalize(word) in lexicon.org_heads():
        return False
    return _event_object(before) or _event_subject(after)


def introduced_as_person(ctx: Context, run: Run) -> bool:
    """Whether a full name comes right after a role or a person's noun ("his successor, X Y",
    "spokesman X Y"): a person, whatever words follow it ("X Y, the rebels ...")."""
    before = ctx.text[max(0, run.start - 60):run.start]
    return len(run.words) >= 2 and not org_type(run.text) and not lexicon.place(run.text) \
        and (_role_before(ctx, before) or _event_object(before))


def _place_slot(before: str) -> bool:
    """Where a place's name stands, not a person's: after "the" (with an adverb: "the mainly
    X"), a preposition of place ("near X"), or a place's word and "of" ("the people of X")."""
    return bool(re.search(r"\b(?:[Tt]he|[Aa]n?)\s+(?:[a-z]+ly\s+)?$", before)
                or re.search(r"\b(?:in|near|at|into|across|outside|towards|around|throughout)\s+$", before)
                or after_place_word(before))


def after_place_word(before: str) -> bool:
    """A place's word and "of" end `before` ("the people of", "the government of", "the town of"):
    a place's name follows."""
    of = "|".join(map(re.escape, [*lexicon.word_set("places", "of_words"), *lexicon.word_set("places", "words"),
                                  *lexicon.word_set("places", "towns")]))
    return re.search(rf"\b(?:{of})\s+of\s+$", before, re.IGNORECASE) is not None


def _someones_role_after(ctx: Context, after: str) -> bool:
    """"X Y, Z's deputy,": a role or a relation of someone named (not "X, Y's capital")."""
    from kg.extract.phrases import kinship_words, role_words

    words = [*role_words(ctx.vocab), *kinship_words(ctx.vocab), *lexicon.words()["groups"]["person_nouns"]]
    return bool(re.match(rf",\s+(?:[A-Z][\w.-]*\s+)*[A-Z][\w.-]*['’]s\s+(?:[a-z-]+\s+){{0,2}}?"
                         rf"(?:{'|'.join(map(re.escape, words))})\b", after))


def _role_after(ctx: Context, after: str) -> bool:
    """"X Y, spokesman for Z": a role without an article, of someone or something, right after the name."""
    from kg.extract.phrases import role_words

    roles = "|".join(map(re.escape, role_words(ctx.vocab)))
    return bool(re.match(rf",\s+(?:(?:deputy|chief|senior|former|acting)\s+)?(?:{roles})\s+(?:of|for|to)\s", after))


def _event_subject(after: str) -> bool:
    """"X, was abducted", "X was killed", "X, …, who was arrested": what is killed, abducted or
    arrested is a person."""
    verbs = lexicon.words()["verbs"]
    words = "|".join(map(re.escape, [*verbs["killing"], *verbs["capture"]]))
    # and "X, described as the group's financier, who was arrested"
    return bool(re.match(rf"(?:,[^.;,]{{1,120}},)?,?\s+(?:who\s+)?(?:was|were|had been|has been|is|are)\s+"
                         rf"(?:{words})\b", after))


def _leads_after(after: str) -> bool:
    """"X Y leads the Z Militia", "X Y, 61, heads the Z Front": who leads, heads or commands a
    body whose name ends with an organisation's word is a person (an organisation's own name has
    its head word and is not read here)."""
    m = re.match(r"(?:,\s*\d{1,3},)?\s+(?:(?:also|now|still)\s+)?(?:leads|heads|commands)\s+(?:the\s+)?"
                 r"((?:[A-Z][\w'’-]*\s+){0,4}[A-Z][\w'’-]*)", after)  # "the Z Militia", not "the Z Region"
    return m is not None and normalize(m.group(1).split()[-1]) in lexicon.org_heads()


def _people_noun(word: str) -> bool:
    """A plural noun of people (the vocabulary's victims, members, leaders: "Workers", "Soldiers"),
    which ends no person's name."""
    return normalize(word.rstrip(".,")) in _plural_people()


@functools.cache
def _plural_people() -> frozenset[str]:
    """Built once: every capitalised word a draft reads is tested against it."""
    nouns = lexicon.words()["nouns"]
    return frozenset(w for key in ("victims", "members", "leaders") for w in nouns[key] if w.endswith(("s", "men")))


def not_name_word(word: str) -> bool:
    w = word.rstrip(".,")
    key = normalize(w)
    office = lexicon.word_set("names", "office")
    return (is_title(w) or w in office or key in lexicon.demonyms()
            or key in lexicon.countries() or key in lexicon.org_heads()
            or w.isupper() and len(w) > 1 and not re.fullmatch(r"(?:[A-Z]\.)+[A-Z]?", w))  # "R.R." are initials


def _inner_title(word: str) -> bool:
    """A title that can stand inside a name (no abbreviation, no office): "Sheikh"."""
    return is_title(word) and "." not in word and word not in lexicon.word_set("names", "office")


def is_title(word: str) -> bool:
    """A title before a name, also one joined by hyphens to another ("Sub-Inspector")."""
    parts = word.split("-") if "-" in word.strip("-") else [word]
    return (word[:1].isupper() and all(p[:1].isupper() for p in parts)
            and any(p.lower().replace(".", "") in lexicon.titles() for p in parts))


def _has_particle(name: str) -> bool:
    parts = re.split(r"[\s-]+", name.lower())
    return any(p in lexicon.word_set("names", "particles") for p in parts[:-1])


def _role_before(ctx: Context, before: str) -> bool:
    """A role or kinship word just before the name: "leader Abubakar Shekau", "spokesman, X"."""
    from kg.extract.phrases import kinship_words, role_words

    words = [*role_words(ctx.vocab), *kinship_words(ctx.vocab)]
    roles = "|".join(map(re.escape, words))
    return bool(re.search(rf"\b(?:{roles})\s*,?\s*$", before, re.IGNORECASE)
                or re.search(rf"\b(?:{roles})\s+(?:of|for)\s+[^,;.]{{2,50}},\s*$", before)  # "a spokesman for Y, X"
                # "Its leader is X", "the group's founder was X": someone's role said with a copula
                or re.search(rf"(?:\b(?:[Ii]ts|[Hh]is|[Hh]er|[Tt]heir)|['’]s)\s+(?:[a-z-]+\s+)?(?:{roles})\s+"
                             r"(?:is|was)\s+(?:now\s+|still\s+)?$", before))


def _event_object(before: str) -> bool:
    verbs = lexicon.words()["verbs"]
    active = [*verbs["killing_active"], *verbs["capture_active"]]
    words = [*active, *(re.sub(r"(?:ed|d)$", "ing", v) for v in active), *verbs["appoint"], *verbs["succeed"],
             *verbs["killing_present"], *verbs["capture_present"],
             "predecessor", "successor", "founder", "captive", "hostage", "led by", "headed by", "founded by",
             "commanded by", "run by", *(f"{n} of" for n in ("killing", "assassination", "murder", "execution", "death",
                                                             "arrest", "capture", "abduction", "kidnapping"))]
    return bool(re.search(rf"\b(?:{'|'.join(map(re.escape, words))}),?\s+(?:as\s+)?$", before)  # "his successor, X"
                or re.search(r"\b(?:founded|established|formed|created|led|headed|replaced|succeeded)\s+"
                             r"(?:in|on)\s+[\w ,]{4,20}?\s+by\s+(?:(?:his|her)\s+[a-z]+,?\s+)?$", before)
                or re.search(rf"\b(?:{'|'.join(map(re.escape, active))})\s+(?:his|her|its|the|a|an)\s+"
                             r"[^,.;]{1,50},\s+$", before)  # "shot dead the group's treasurer, X"
                or _described_object(before, active)
                # "abducted 7 people, including the ferry captain, X", "killed 12, among them X and Y"
                or re.search(rf"\b(?:{'|'.join(map(re.escape, active))})\s+[^.;]{{0,80}}?,\s+(?:including|among\s+them)"
                             r"\s+(?:(?:the|a|an|his|her|its|their)\s[^,.;]{1,40},\s+)?"
                             r"(?:[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*,?\s+and\s+)?$", before)
                # "were arrested together with X", "was killed, as was his nephew, X", "…, as were Y and X"
                or re.search(rf"\b(?:was|were)\s+(?:{'|'.join(map(re.escape, [*verbs['killing'], *verbs['capture']]))})"
                             r"\b[^.;]{0,60}?(?:\b(?:together|along)\s+with|,\s+as\s+(?:was|were)|;\s+so\s+(?:was|were))"
                             r"\s+(?:(?:his|her|its|their|the)\s[^,.;]{1,40},\s+)?(?:[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*,?\s+and\s+)?$",
                             before))


def _described_object(before: str, active: list[str]) -> bool:
    """"seized the Italian engineer X": a person described by lower-case nouns after an event verb
    (not "captured the town of X", "seized the port of")."""
    m = re.search(rf"\b(?:{'|'.join(map(re.escape, active))})\s+(?:the|a|an)\s+(?:[A-Z][a-z]+\s+)?"
                  r"((?:[a-z-]+\s+){1,3})$", before)
    last = m.group(1).split()[-1] if m else ""
    stop = FUNCTION_WORDS | lexicon.word_set("places", "words") | lexicon.word_set("places", "towns")
    return bool(m) and last not in stop
