"""Draft a facts file from a news article, offline, with general rule-based patterns.

Every drafted item carries its exact quote, its character offsets and `draft: true`; kg build
leaves drafts out of the graph until a person reviews them (deletes the flag). Names are
linked to entities the project already knows (by name, alias, surname), so a new article
resolves to existing nodes; a name that only looks like a known one is flagged for review.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from kg import names
from kg.text import Article

WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a dozen": 12, "dozens": None}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
            "eighth": 8, "ninth": 9, "tenth": 10}
COUNTRIES = [
    "Afghanistan", "Algeria", "Bahrain", "Bangladesh", "Burkina Faso", "Cameroon", "Chad", "Egypt", "Ethiopia",
    "France", "Germany", "India", "Indonesia", "Iran", "Iraq", "Israel", "Jordan", "Kenya", "Kuwait", "Lebanon",
    "Libya", "Mali", "Mauritania", "Morocco", "Mozambique", "Niger", "Nigeria", "Pakistan", "Philippines",
    "Qatar", "Russia", "Saudi Arabia", "Somalia", "Sudan", "Syria", "Tunisia", "Turkey", "Türkiye",
    "United Kingdom", "United States", "Yemen", "Democratic Republic of the Congo", "Uganda", "Tanzania",
]
REGIONS = ["Middle East", "Sahel", "North Africa", "West Africa", "East Africa", "Central Asia", "Lake Chad",
           "Levant", "Horn of Africa", "Gulf"]
ORG_HEADS = r"(?:International|State|Command|Forces|Force|Army|Front|Brigades?|Group|Coalition|Organi[sz]ation|Movement|Council|Agency|Party|Network|Ministry|Qaeda|Haram|Shabaab|Province|Police|Guard|Corps|Alliance)"
ORG_NAME = r"(?:al-[A-Z][\w-]*|[A-Z][\w.-]*)(?:\s+(?:of\s+)?[A-Z][\w.-]*)*"
DEMONYMS = ["Afghan", "American", "Algerian", "British", "Egyptian", "French", "German", "Iraqi", "Iranian",
            "Jordanian", "Kenyan", "Libyan", "Malian", "Nigerian", "Pakistani", "Saudi", "Somali", "Syrian",
            "Tunisian", "Turkish", "Yemeni", "Australian", "Canadian", "Russian", "Indian"]
ROLE_WORDS = {"ruler": "ruler", "leader": "ruler", "emir": "ruler", "chief": "ruler", "head": "ruler",
              "caliph": "ruler", "commander": "commander"}
TITLES = r"(?:Gen\.|General|Lt\.|Col\.|Maj\.|Adm\.|Admiral|Sgt\.|Capt\.|President|Prime Minister|Minister|Sheikh|Dr\.|Mr\.|Mrs\.|Ms\.)"
NAME = r"(?:(?:Abu|Abd|Abdul|Ibn|bin|al|el|Al|El)[- ]?)?[A-Z][a-z'’]+(?:[- ](?:(?:al|el|bin|ibn|abu|Abu|Al|El|de|van|von)[- ])?[A-Z][a-z'’]+){1,4}"
MEASURES = [
    ("attacks_claimed", r"attacks?\b.{0,40}\bclaim|claimed (?:credit|responsibility) for (?:\w+ )?{N} attacks"),
    ("senior_leaders_killed", r"senior (?:\w+ )?(?:leaders|commanders).{0,25}\bkilled|killed.{0,25}senior (?:\w+ )?(?:leaders|commanders)"),
    ("senior_leaders_captured", r"senior (?:\w+ )?(?:leaders|commanders).{0,40}\bcaptured"),
    ("fighters_at_large", r"fighters?\b.{0,40}\b(?:at large|remain|still)|(?:at large|remain|still).{0,40}fighters?"),
    ("people_abducted", r"\b(?:kidnap\w*|abduct\w*)\b"),
    ("missions", r"\b(?:missions?|operations|raids|strikes|airstrikes)\b"),
    ("operatives_killed", r"\b(?:deaths?|killed|dead|killing)\b"),
    ("operatives_detained", r"\b(?:detain\w*|captur\w*|arrest\w*)\b"),
    ("attacks", r"\battacks?\b"),
]
BOUNDS = [(r"just over|more than|over|upwards of", "more_than"), (r"at least|no fewer than", "at_least"),
          (r"about|around|roughly|approximately|nearly|some|an estimated|estimated", "about"),
          (r"up to|at most|fewer than|less than", "at_most")]
HEDGES = [(r"believed to be|thought to be|is believed|are believed|reportedly|reported to be", "believed"),
          (r"a reported|reported|according to reports", "reported"), (r"suggested|suggests|may have", "suggested"),
          (r"on track to|expected to|projected|could", "projected")]


@dataclass
class Draft:
    """A drafted facts file: entities, periods and facts, each a dict in the facts-file schema."""

    article: dict[str, Any]
    entities: dict[str, dict[str, Any]] = field(default_factory=dict)
    periods: dict[str, dict[str, Any]] = field(default_factory=dict)
    facts: list[dict[str, Any]] = field(default_factory=list)
    known: set[str] = field(default_factory=set)  # entity ids that were already in the project
    review: list[str] = field(default_factory=list)  # possible matches to check by hand


class Extractor:
    def __init__(self, article_id: str, text: str, known: dict[str, tuple[str, str, list[str]]] | None = None,
                 as_of: int | None = None) -> None:
        """known: entity id -> (type, name, other names) from the project."""
        self.doc = Article(article_id, text)
        self.text = text
        self.known = known or {}
        years = [int(y) for y in re.findall(r"\b(19[5-9]\d|20\d\d)\b", text)]
        self.as_of = as_of or (max(years) if years else None)
        self.draft = Draft({"id": article_id, "file": f"{article_id}.txt"})
        if self.as_of:
            self.draft.article["as_of"] = self.as_of
        self._index: dict[str, str] = {}
        for eid, (etype, name, others) in self.known.items():
            for n in [name, *others]:
                for key in names.keys(n):
                    self._index.setdefault(key, eid)

    # --- entities ----------------------------------------------------------------------------

    def entity(self, name: str, etype: str, start: int) -> str:
        """The id of the entity named `name`: a known one when the name or an alias matches."""
        name = re.sub(r"^(?:the|The)\s+", "", name.strip(" ,.")).strip()
        name = re.sub(rf"^{TITLES}\s+", "", name)
        for key in names.keys(name) | names.surname_keys(name):
            eid = self._index.get(key)
            if eid and (eid in self.draft.entities or eid in self.known):
                self._mention(eid, name, start, self.known.get(eid, (etype,))[0])
                return eid
        eid = slug(name)
        if eid in self.known:
            self._mention(eid, name, start, self.known[eid][0])
            return eid
        close = difflib.get_close_matches(names.normalize(name), list(self._index), n=1, cutoff=0.85)
        if close and self._index[close[0]] != eid:
            self.draft.review.append(f"'{name}' looks like known entity '{self._index[close[0]]}': "
                                     "merge by using that id, or keep them apart")
        self._mention(eid, name, start, etype)
        for key in names.keys(name):
            self._index.setdefault(key, eid)
        return eid

    def _mention(self, eid: str, name: str, start: int, etype: str) -> None:
        if eid in self.known:
            self.draft.known.add(eid)
        if eid not in self.draft.entities:
            quote = self.text[start:start + len(name)] if self.text[start:start + len(name)] == name else name
            if quote not in self.text:
                return
            known_type = self.known.get(eid, (etype,))[0]
            self.draft.entities[eid] = {"id": eid, "type": known_type, "name": name, "quote": quote,
                                        "offsets": _span(self.text, quote, start), "draft": True}

    def find_entities(self) -> None:
        for m in re.finditer(r"\b((?:the )?(?:[A-Z][\w.'’-]*\s){0,5}[A-Z][\w.'’-]*)\s+\(([A-Z][A-Za-z.]{1,9})\)", self.text):
            name, acronym = m.group(1), m.group(2)
            name = re.sub(r"^(?:the|The)\s+", "", name)
            eid = self.entity(name, "Organization" if not re.search(r"State\b|Qaeda|Haram", name) else "ArmedGroup", m.start(1))
            e = self.draft.entities.get(eid)
            if e is not None and acronym not in e.setdefault("aliases", []):
                e["aliases"].append(acronym)
                for key in names.keys(acronym):
                    self._index.setdefault(key, eid)
        for m in re.finditer(rf"\b(?:the\s+)?((?:[A-Z][\w.'’-]*\s){{0,5}}{ORG_HEADS})\b", self.text):
            name = m.group(1).strip()
            if len(name.split()) >= 2 and not name.startswith(("In ", "The ", "While ", "But ")):
                etype = "MilitaryCommand" if name.endswith("Command") else "ArmedForce" if re.search(r"Forces?$|Army$|Police$|Guard$", name) \
                    else "Coalition" if name.endswith(("Coalition", "Alliance")) else "ArmedGroup"
                self.entity(name, etype, m.start(1))
        for place, etype in [(c, "Country") for c in COUNTRIES] + [(r, "Region") for r in REGIONS]:
            m = re.search(rf"\b{re.escape(place)}\b(?!\s+[A-Z])", self.text)
            if m:
                self.entity(place, etype, m.start())
        for m in re.finditer(r"(?<![A-Za-z-]\s)(?<![A-Z][a-z])\b(al-[A-Z][a-z]+)\b(?!\s+[A-Z])", self.text):
            if not re.search(r"[A-Z][a-z]+\s+$", self.text[max(0, m.start() - 20):m.start()]):
                self.entity(m.group(1), "ArmedGroup", m.start())
        for m in re.finditer(rf"\b{TITLES}\s+({NAME})", self.text):
            self.entity(m.group(1), "Person", m.start(1))
        for m in re.finditer(rf"\b({NAME}),\s+(?:who|the|a|an|commander|leader|head|chief|spokesman|\d)", self.text):
            if self._looks_like_person(m.group(1)):
                self.entity(m.group(1), "Person", m.start(1))
        for key, eid in list(self._index.items()):  # known names anywhere in the text
            etype, name, others = self.known.get(eid, ("", "", []))
            for n in [name, *others]:
                if n and len(n) > 3 and re.search(rf"(?<!\w){re.escape(n)}(?!\w)", self.text):
                    self.entity(n, etype, self.text.index(n))

    def _looks_like_person(self, name: str) -> bool:
        words = name.split()
        return (2 <= len(words) <= 6 and not re.search(ORG_HEADS + r"$", name)
                and not any(name.startswith(p) for p in ("The ", "In ", "On ", "Operation "))
                and not any(c in COUNTRIES or c in REGIONS for c in (name, " ".join(words[:2]))))

    def group_in(self, sentence: str) -> str | None:
        """The armed group a sentence names, or the article's only one."""
        groups = [eid for eid, e in self.draft.entities.items() if e["type"] == "ArmedGroup"]
        named = [g for g in groups if any(n and n in sentence for n in
                                          [self.draft.entities[g]["name"], *self.draft.entities[g].get("aliases", [])])]
        return named[0] if named else groups[0] if len(groups) == 1 else None

    def id_for(self, name: str) -> str | None:
        key = names.normalize(re.sub(rf"^{TITLES}\s+", "", name))
        return self._index.get(key) or self._index.get(key.replace(" ", "")) or next(
            (self._index[k] for k in names.surname_keys(name) if k in self._index), None)

    # --- facts -------------------------------------------------------------------------------

    def fact(self, ftype: str, quote: str, at: int, **fields: Any) -> dict[str, Any]:
        fid = f"{ftype}-{len(self.draft.facts) + 1}"
        fact = {"id": fid, "type": ftype, **{k: v for k, v in fields.items() if v not in (None, [], "")},
                "quote": quote, "offsets": _span(self.text, quote, at), "said_by": self.said_by(at),
                "draft": True}
        hedge, certainty = self.hedge(at, at + len(quote))
        if certainty and ftype not in ("statement",):
            fact.setdefault("certainty", certainty)
            fact.setdefault("hedge", hedge)
        self.draft.facts.append(fact)
        return fact

    def sentence_of(self, offset: int) -> tuple[int, int]:
        seg = self.doc.segment_at(offset)
        return seg.start, seg.end

    def said_by(self, offset: int) -> str:
        start, end = self.sentence_of(offset)
        sentence = self.text[start:end]
        if self.doc.segment_at(offset).kind == "headline":
            return "headline"
        m = re.search(rf"(?:according to|reporting by|said|says|warned|told)\s+(?:the\s+)?({NAME}|[A-Z]{{2,}})", sentence) \
            or re.search(rf"(?:the\s+)?({NAME}|[A-Z]{{2,}})\s+(?:said|says|warned|reported|announced|told)\b", sentence)
        if m:
            eid = self.id_for(m.group(1))
            if eid:
                return eid
        return "article"

    def hedge(self, start: int, end: int) -> tuple[str | None, str | None]:
        window = self.text[start:end]  # a hedge stands in the quote it qualifies
        for pattern, certainty in HEDGES:
            m = re.search(pattern, window)
            if m:
                return m.group(0), certainty
        return None, None

    def period(self, year: int, start: int) -> str:
        pid = str(year)
        if pid not in self.draft.periods:
            m = re.search(rf"\b{year}\b", self.text)
            if m:
                self.draft.periods[pid] = {"id": pid, "name": pid, "start": year, "end": year,
                                           "quote": str(year), "offsets": _span(self.text, str(year), m.start()),
                                           "draft": True}
        return pid

    def extract(self) -> Draft:
        self.find_entities()
        for seg in self.doc.segments:
            sentence = self.text[seg.start:seg.end]
            self.leadership(sentence, seg.start)
            self.operations(sentence, seg.start)
            self.events(sentence, seg.start)
            self.statistics(sentence, seg.start)
        return self.draft

    def leadership(self, s: str, base: int) -> None:
        for m in re.finditer(rf"({NAME}|[A-Z][a-z]+)\s+(?:was|is|became|was named|has been named)\s+(?:named\s+)?(?:as\s+)?the\s+"
                             rf"(?:(\d+)(?:st|nd|rd|th)|({'|'.join(ORDINALS)}))\s+(ruler|leader|emir|chief|head|caliph)\s+of\s+"
                             rf"(?:the\s+)?({ORG_NAME})", s):
            person = self.id_for(m.group(1)) or (self.entity(m.group(1), "Person", base + m.start(1))
                                                 if self._looks_like_person(m.group(1)) else None)
            if person is None:
                continue
            org = self.id_for(m.group(5)) or self.entity(m.group(5), "ArmedGroup", base + m.start(5))
            since = re.search(r"\b(?:in|since) (\d{4})", s[m.end():m.end() + 20])
            self.fact("leadership", s[m.start():m.end() + (since.end() if since else 0)], base + m.start(),
                      person=person, organization=org, role=ROLE_WORDS[m.group(4)],
                      ordinal=int(m.group(2)) if m.group(2) else ORDINALS[m.group(3)],
                      start=int(since.group(1)) if since else None)
        pattern = (rf"({NAME}),?\s+(?:who\s+(?:is|was)\s+)?(?:(believed|thought|said|reported) to be\s+)?the\s+"
                   rf"(?:(\d+)(?:st|nd|rd|th)|({'|'.join(ORDINALS)})\s+)?\s*(?:(?:current|new|former|late|top)\s+)?"
                   rf"(ruler|leader|emir|chief|head|caliph|commander)\s+of\s+(?:the\s+)?({ORG_NAME})")
        for m in re.finditer(pattern, s):
            person = self.entity(m.group(1), "Person", base + m.start(1))
            org = self.id_for(m.group(6)) or self.entity(m.group(6), "ArmedGroup", base + m.start(6))
            ordinal = int(m.group(3)) if m.group(3) else ORDINALS.get(m.group(4) or "")
            rest = s[m.end():m.end() + 80]
            since = re.search(r"since (\d{4})", rest)
            until = re.search(r"until (\d{4})", rest)
            died = re.search(r"(?:killed|died) in (\d{4})", s)
            quote = s[m.start():m.end() + (since.end() if since else 0)]
            self.fact("leadership", quote, base + m.start(), person=person, organization=org,
                      role=ROLE_WORDS[m.group(5)], ordinal=ordinal, start=int(since.group(1)) if since else None,
                      end=int(until.group(1)) if until else (int(died.group(1)) if died else None))
        for m in re.finditer(rf"({TITLES}\s+)?({NAME}),\s+(?:the\s+)?(commander|head|chief|leader) of\s+((?:the\s+)?(?:[A-Z][\w.'’-]*\s?)+)", s):
            org_name = m.group(4).strip()
            person = self.entity(m.group(2), "Person", base + m.start(2))
            org = self.id_for(org_name) or self.entity(org_name, "Organization", base + m.start(4))
            if not any(f["type"] == "leadership" and f.get("person") == person for f in self.draft.facts):
                self.fact("leadership", s[m.start():m.end()].strip(), base + m.start(), person=person,
                          organization=org, role=ROLE_WORDS[m.group(3)])
        self.statements(s, base)
        self.descriptions(s, base)

    def statements(self, s: str, base: int) -> None:
        """Quoted words and their speaker: '"...," said NAME' or 'NAME said (that) ...'."""
        for m in re.finditer(rf"[\"“]([^\"”]{{15,}}?)[,.]?[\"”]\s*,?\s+said\s+(?:{TITLES}\s+)?({NAME})", s):
            speaker = self.id_for(m.group(2)) or self.entity(m.group(2), "Person", base + m.start(2))
            self.fact("statement", m.group(1), base + m.start(1), speaker=speaker, text=m.group(1))
        for m in re.finditer(rf"(?:{TITLES}\s+)?\b({NAME}|[A-Z][a-z]+)\s+said\s+(?:that\s+)?([^\"“][^.]{{15,}})", s):
            speaker = self.id_for(m.group(1)) or (self.entity(m.group(1), "Person", base + m.start(1))
                                                  if self._looks_like_person(m.group(1)) else None)
            if speaker and not any(f["type"] == "statement" and f.get("speaker") == speaker for f in self.draft.facts):
                self.fact("statement", m.group(2).strip(), base + m.start(2), speaker=speaker, text=m.group(2).strip())

    def descriptions(self, s: str, base: int) -> None:
        """NAME, an Egyptian surgeon, ...  /  NAME was (believed to be) 71 years old."""
        for m in re.finditer(rf"({NAME}|[A-Z][a-z]+),\s+an?\s+({'|'.join(DEMONYMS)})\s+([a-z]+(?: [a-z]+)?)\s*,", s):
            subject = self.id_for(m.group(1))
            if subject:
                self.fact("description", s[m.start(2) - 3 if s[m.start(2) - 3:m.start(2)] == "an " else m.start(2) - 2:m.end(3)],
                          base + m.start(2) - 2, subject=subject, nationality=m.group(2), occupation=m.group(3))
        for m in re.finditer(rf"({NAME}|[A-Z][a-z]+)\s+(?:was|is)\s+(?:(?:believed|thought|said|reported)\s+to\s+be\s+)?(\d{{1,3}})\s+years old", s):
            subject = self.id_for(m.group(1)) or self._last_person(base + m.start())
            if subject:
                self.fact("description", s[m.start():m.end()], base + m.start(), subject=subject, age=int(m.group(2)))

    def _last_person(self, offset: int) -> str | None:
        """The person most recently named before `offset` (for "He was ...")."""
        best = None
        for eid, e in self.draft.entities.items():
            at = int(e["offsets"].split("-")[0])
            if e["type"] == "Person" and at < offset and (best is None or at > best[0]):
                best = (at, eid)
        for f in self.draft.facts:
            at = int(f["offsets"].split("-")[0])
            for key in ("person", "victim", "subject"):
                if f.get(key) in self.draft.entities and self.draft.entities[f[key]]["type"] == "Person" and at < offset \
                        and (best is None or at > best[0]):
                    best = (at, f[key])
        return best[1] if best else None

    def operations(self, s: str, base: int) -> None:
        for m in re.finditer(r"\bOperation\s+(?:[A-Z][\w'’-]*)(?:\s+[A-Z][\w'’-]*)*", s):
            name = m.group(0)
            honour = re.search(rf"{re.escape(name)}\s*,?\s*(?:named\s+)?in hono(?:u)?r of\s+(?:the\s+)?(.{{3,80}}?)(?:\s+who\b|,|\.|$)", s)
            year = re.search(r"\b(19[5-9]\d|20\d\d)\b", s)
            actor = re.search(rf"(?:a|an)\s+((?:[A-Z][\w.]*\s)+)(?:military\s+)?(?:operation|raid|strike)\s+(?:dubbed|called|named|code-named)\s+{re.escape(name)}", s)
            fields: dict[str, Any] = {"name": name, "date": int(year.group(1)) if year else None}
            if actor:
                label = actor.group(1).strip() + (" military" if "military" in s[actor.start():actor.end()] else "")
                fields["conducted_by"] = [self.entity(label, "ArmedForce", base + actor.start(1))]
            if honour:  # "Operation Kayla Mueller in honor of ...": the operation bears the person's name
                person_name = name.replace("Operation ", "")
                fields["named_in_honour_of"] = self.entity(person_name, "Person", base + m.start() + len("Operation "))
            if not any(f.get("name") == name for f in self.draft.facts):
                quote_end = honour.end(1) if honour else m.end()
                self.fact("operation", s[m.start():quote_end].strip(" ,."), base + m.start(), **fields)

    def events(self, s: str, base: int) -> None:
        person = rf"({NAME}|[A-Z][a-z]{{3,}}|(?:the\s+)?\d+-year-old\s+[\w\s]+?)"
        for verb, ftype in (("killed", "killing"), ("captured", "capture"), ("kidnapped", "capture"),
                            ("abducted", "capture"), ("taken hostage", "capture"), ("died", "killing")):
            for m in re.finditer(rf"{person},?\s+(?:[^.]{{0,80}}?\s)?(?:was|were|had been|has been)\s+{verb}(?:\s+by\s+((?:the\s+)?[A-Z][\w\s.-]+?))?(?:\s+in\s+(\d{{4}}))?\b", s):
                name = m.group(1)
                known = self.id_for(name) if " " not in name.strip() else None
                if not known and not self._looks_like_person(name):
                    continue
                victim = known or self.entity(name, "Person", base + m.start(1))
                perpetrator = self.id_for(m.group(2)) if m.group(2) else None
                year = int(m.group(3)) if m.group(3) else _year_near(s, m.end())
                op = re.search(r"\bOperation\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*", s[m.end():])
                fields = {"victim": victim, "date": year, "perpetrator": [perpetrator] if perpetrator else None}
                if ftype == "killing" and op:
                    fid = next((f["id"] for f in self.draft.facts if f.get("name") == op.group(0)), None)
                    fields["part_of"] = fid
                if not any(f["type"] == ftype and f.get("victim") == victim for f in self.draft.facts):
                    self.fact(ftype, s[m.start():m.end()], base + m.start(), **fields)
        for m in re.finditer(r"held (?:hostage|captive|prisoner) for (\w+) (years?|months?)", s):
            n = WORD_NUMBERS.get(m.group(1), int(m.group(1)) if m.group(1).isdigit() else None)
            capture = next((f for f in reversed(self.draft.facts) if f["type"] == "capture"), None)
            if n and capture:
                self.fact("captivity", s[m.start():m.end()], base + m.start(), victim=capture["victim"],
                          perpetrator=capture.get("perpetrator"), start=capture.get("date"),
                          duration=f"P{n}{'Y' if m.group(2).startswith('year') else 'M'}")

    def statistics(self, s: str, base: int) -> None:
        for m in re.finditer(r"\b(\d{1,3}(?:,\d{3})+|\d+|" + "|".join(w for w in WORD_NUMBERS if WORD_NUMBERS[w]) + r")\b", s):
            raw = m.group(1)
            value = WORD_NUMBERS.get(raw.lower()) if not raw[0].isdigit() else int(raw.replace(",", ""))
            if value is None or (1900 <= value <= 2100 and raw.isdigit()) or "year-old" in s[m.end():m.end() + 9]:
                continue
            after = s[m.end():m.end() + 60]
            if not re.match(r"\s*(?:\"|“)?(?:[\w-]+\s){0,3}(?:attacks?|missions?|operations|raids|strikes|operatives?|militants?|fighters?|members|leaders|commanders|deaths|people|civilians|soldiers|hostages|captured|killed|schoolgirls|girls|women|children|men)", after, re.I):
                continue
            measure = _nearest_measure(s, m.start(), m.end(), raw)
            if measure is None:
                continue
            before = s[max(0, m.start() - 25):m.start()]
            bound = next((b for pattern, b in BOUNDS if re.search(rf"(?:{pattern})\s*$", before)), "exact")
            places = [self.id_for(p) for p in _places_in(after + " " + s[m.end():])[:2]]
            places = [p for p in places if p]
            year = _year_near(s, m.start()) or self.as_of
            qstart = m.start() - len(re.search(r"((?:just over|more than|at least|about|around|nearly|a reported|an estimated)\s*)?$", s[:m.start()]).group(0))
            quote = s[qstart:m.end() + len(re.match(r"[^,.;]*", s[m.end():]).group(0))].strip()
            wording = s[qstart:m.end()].strip() if bound != "exact" or "reported" in before else None
            subject = self.group_in(s)
            fields = {"measure": measure, "value": value, "bound": None if bound == "exact" else bound,
                      "wording": wording, "place": places or None, "subject": subject,
                      "period": self.period(year, base) if year else None}
            if fields["period"] is None or subject is None:
                continue  # a figure is about a group: no group, no draft
            self.fact("statistic", s.strip(), base + (len(s) - len(s.lstrip())), **fields)


def _nearest_measure(s: str, start: int, end: int, raw: str) -> str | None:
    """The measure whose wording stands closest to the number, within its clause."""
    lo = max(0, start - 70)
    window = s[lo:end + 70]
    best: tuple[int, int, str] | None = None
    for rank, (name, pattern) in enumerate(MEASURES):
        for m in re.finditer(pattern.replace("{N}", re.escape(raw)), window, re.I):
            a, b = lo + m.start(), lo + m.end()
            distance = 0 if a <= start and end <= b else min(abs(a - end), abs(start - b))
            if best is None or (distance, rank) < best[:2]:
                best = (distance, rank, name)
    return best[2] if best and best[0] <= 45 else None


def _year_near(s: str, offset: int) -> int | None:
    years = [(abs(m.start() - offset), int(m.group(1))) for m in re.finditer(r"\b(19[5-9]\d|20\d\d)\b", s)]
    return min(years)[1] if years else None


def _places_in(text: str) -> list[str]:
    found = []
    for place in COUNTRIES + REGIONS:
        m = re.search(rf"\b{re.escape(place)}\b", text)
        if m:
            found.append((m.start(), place))
    return [p for _, p in sorted(found)]


def _span(text: str, quote: str, near: int) -> str:
    at = text.find(quote, max(0, near - len(quote)))
    if at < 0:
        at = text.find(quote)
    return f"{at}-{at + len(quote)}"


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", names.normalize(name).replace(" ", "-")).strip("-") or "entity"


def to_yaml(draft: Draft) -> str:
    """The draft as a facts file (a person reviews it, then deletes each `draft: true`)."""
    import yaml

    header = [f"# Draft facts for data/articles/{draft.article['file']}, made by kg extract.",
              "# Review every item against the article: fix it, delete it, or accept it by deleting",
              "# its `draft: true`. kg build leaves draft items out of the graph."]
    if draft.known:
        header.append(f"# Already known entities: {', '.join(sorted(draft.known))}")
    header += [f"# REVIEW: {r}" for r in draft.review]
    doc = {"article": draft.article, "entities": list(draft.entities.values()),
           "periods": list(draft.periods.values()), "facts": draft.facts}
    clean = {k: v for k, v in doc.items() if v}
    return "\n".join(header) + "\n" + yaml.safe_dump(clean, sort_keys=False, allow_unicode=True, width=110)
