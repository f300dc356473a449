"""Generate a synthetic kg project: N articles with schema-true facts files.

Every quote really occurs in its generated article; succession ordinals are unique per
organisation, parts sum to their totals, nobody holds a role after their death; the same
seed gives the same files. About 560 triples an article: 20 articles ≈ 10k triples,
180 ≈ 100k, 1,800 ≈ 1M.

    python bench/generate.py OUT_DIR --articles 180 [--seed 1] [--plant 0]

--plant N breaks N articles on purpose (a duplicate ordinal in one source, parts that do not
add up, a term ending after its holder's death) for the validation tests.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

ORGS = 60  # organisations; terms rotate through them so ordinals stay unique per organisation
PLACES = [
    "Iraq",
    "Syria",
    "Yemen",
    "Libya",
    "Somalia",
    "Mali",
    "Niger",
    "Nigeria",
    "Afghanistan",
    "Pakistan",
    "Egypt",
    "Sudan",
    "Chad",
    "Mozambique",
    "Burkina Faso",
    "Cameroon",
    "Kenya",
    "Lebanon",
]
FIRST = ["Abu", "Omar", "Khalid", "Yusuf", "Ibrahim", "Hassan", "Tariq", "Salim", "Faris", "Nabil", "Karim", "Rami"]
LAST = ["Haddad", "Mansour", "Saleh", "Qasim", "Darwish", "Nasser", "Aziz", "Hamdan", "Jaber", "Khoury", "Sabri"]
MEASURES = ["missions", "operatives_killed", "operatives_detained"]
WORDS = {
    "missions": "missions",
    "operatives_killed": "operatives were killed",
    "operatives_detained": "operatives were detained",
}


def person(rng: random.Random, n: int) -> tuple[str, str]:
    name = f"{rng.choice(FIRST)} {rng.choice(FIRST)} al-{rng.choice(LAST)} {n}"
    return f"p{n}", name


def yaml_str(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def article(i: int, rng: random.Random, plant: bool, orgs: int = ORGS) -> tuple[str, str]:
    org = i % orgs
    ordinal = i // orgs + 1
    org_id, org_name = f"org{org}", f"Brigade {org} of the Northern Front"
    ally_id, ally_name = f"force{(org + 7) % orgs}", f"Security Force {(org + 7) % orgs}"
    pid, pname = person(rng, i)
    cid, cname = person(rng, 100_000 + i)
    vid, vname = person(rng, 200_000 + i)
    place_a, place_b = rng.sample(PLACES, 2)
    start = 1980 + ordinal * 2
    end = start + 1
    year = 2000 + i % 25
    op_name = f"Operation Granite {i}"
    parts = {m: (rng.randint(5, 90), rng.randint(5, 90)) for m in MEASURES}
    sentences = [
        f"{pname} became the {ordinal}{suffix(ordinal)} ruler of {org_name} in {start}.",
        f"{pname} led {org_name} until {end}, when he was killed in {op_name}.",
        f"{op_name} was carried out by {ally_name} in {place_a}.",
        f"{cname}, commander of {ally_name}, said the campaign would continue.",
        f"{org_name} captured {vname}, a {20 + i % 40}-year-old engineer, in {year}.",
        f"{vname} was held hostage for {1 + i % 4} years.",
    ]
    for k, m in enumerate(MEASURES):
        a, b = parts[m]
        total = a + b + (1 if plant and k == 0 else 0)  # planted: the source's parts do not add up
        sentences.append(
            f"In {year}, {total} {org_name} {WORDS[m]} in {place_a} and {place_b}, {a} of them in "
            f"{place_a} and {b} in {place_b}, according to {ally_name}."
        )
    sentences.append(f"Analysts said {org_name} is believed to have a reported {rng.randint(100, 5000):,} fighters.")
    if plant:  # planted: the source has the term end after its holder's death
        sentences.append(f"Another account says {pname} led {org_name} until {end + 3}.")
    text = " ".join(sentences) + "\n"
    ordinal_out, end_out = ordinal, end + 3 if plant else end
    lines = [
        "article:",
        f"  id: a{i}",
        f"  file: a{i}.txt",
        f"  as_of: {year}",
        "entities:",
        f"  - {{id: {org_id}, type: ArmedGroup, name: {yaml_str(org_name)}, quote: {yaml_str(org_name)}}}",
        f"  - {{id: {ally_id}, type: ArmedForce, name: {yaml_str(ally_name)}, quote: {yaml_str(ally_name)}}}",
        f"  - {{id: {pid}, type: Person, name: {yaml_str(pname)}, quote: {yaml_str(pname)}}}",
        f"  - {{id: {cid}, type: Person, name: {yaml_str(cname)}, quote: {yaml_str(cname)}}}",
        f"  - {{id: {vid}, type: Person, name: {yaml_str(vname)}, quote: {yaml_str(vname)}}}",
        f"  - {{id: {slug(place_a)}, type: Country, name: {place_a}, quote: {place_a}}}",
        f"  - {{id: {slug(place_b)}, type: Country, name: {place_b}, quote: {place_b}}}",
        "periods:",
        f"  - {{id: y{year}, name: '{year}', start: {year}, end: {year}, quote: 'In {year}'}}",
        "facts:",
        f"  - {{id: term, type: leadership, person: {pid}, organization: {org_id}, role: ruler, ordinal: {ordinal_out},"
        f" start: {start}, end: {end_out}, ended_by: killing, said_by: article,"
        f" quote: [{yaml_str(sentences[0][:-1])}, {yaml_str(sentences[-1 if plant else 1][:-1])}]}}",
        f"  - {{id: killing, type: killing, victim: {pid}, date: {end}, part_of: op, said_by: article,"
        f" quote: {yaml_str(sentences[1][:-1])}}}",
        f"  - {{id: op, type: operation, name: {yaml_str(op_name)}, conducted_by: [{ally_id}],"
        f" place: [{slug(place_a)}], date: {end}, said_by: article,"
        f" quote: [{yaml_str(sentences[2][:-1])}, {yaml_str(sentences[1][:-1])}]}}",
        f"  - {{id: command, type: leadership, person: {cid}, organization: {ally_id}, role: commander,"
        f" said_by: article, quote: {yaml_str(f'{cname}, commander of {ally_name}')}}}",
        f"  - {{id: statement, type: statement, speaker: {cid}, text: 'the campaign would continue', said_by: {cid},"
        f" quote: {yaml_str(sentences[3][:-1])}}}",
        f"  - {{id: capture, type: capture, victim: {vid}, perpetrator: [{org_id}], date: {year}, said_by: article,"
        f" quote: {yaml_str(sentences[4][:-1])}}}",
        f"  - {{id: captivity, type: captivity, victim: {vid}, perpetrator: [{org_id}], start: {year},"
        f" duration: P{1 + i % 4}Y, said_by: article,"
        f" quote: [{yaml_str(sentences[4][:-1])}, {yaml_str(sentences[5][:-1])}]}}",
        f"  - {{id: description, type: description, subject: {vid}, age: {20 + i % 40}, occupation: engineer,"
        f" said_by: article, quote: {yaml_str(sentences[4][:-1])}}}",
    ]
    if plant:  # a second holder of the same ordinal in the same source
        lines.append(
            f"  - {{id: term2, type: leadership, person: {vid}, organization: {org_id}, role: ruler,"
            f" ordinal: {ordinal}, said_by: article, quote: {yaml_str(sentences[0][:-1])},"
            " inferred: {person: planted for the validation tests}}"
        )
    for k, m in enumerate(MEASURES):
        a, b = parts[m]
        s = sentences[6 + k]
        total = a + b + (1 if plant and k == 0 else 0)
        lines += [
            f"  - {{id: {m}, type: statistic, measure: {m}, value: {total}, subject: {org_id}, place: [{slug(place_a)},"
            f" {slug(place_b)}], period: y{year}, reported_by: {ally_id}, said_by: article,"
            f" quote: {yaml_str(s[:-1])}}}",
            f"  - {{id: {m}-a, type: statistic, measure: {m}, value: {a}, subject: {org_id}, place: [{slug(place_a)}],"
            f" period: y{year}, part_of: {m}, reported_by: {ally_id}, said_by: article, quote: {yaml_str(s[:-1])}}}",
            f"  - {{id: {m}-b, type: statistic, measure: {m}, value: {b}, subject: {org_id}, place: [{slug(place_b)}],"
            f" period: y{year}, part_of: {m}, reported_by: {ally_id}, said_by: article, quote: {yaml_str(s[:-1])}}}",
        ]
    fighters = sentences[9]
    wording = fighters[fighters.index("a reported") : fighters.index(" fighters")]
    lines.append(
        f"  - {{id: fighters, type: statistic, measure: fighters_at_large,"
        f" value: {wording.split()[-1].replace(',', '')},"
        f" wording: {yaml_str(wording)}, certainty: reported, hedge: a reported, subject: {org_id},"
        f" period: y{year}, said_by: article, quote: {yaml_str(fighters[:-1])},"
        " inferred: {period: the article's year}}"
    )
    return text, "\n".join(lines) + "\n"


def suffix(n: int) -> str:
    return "th" if n % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def slug(name: str) -> str:
    return name.lower().replace(" ", "-")


def org_count(articles: int) -> int:
    """Organisations for a corpus: at least ORGS, and at most 50 rulers each, so that the
    succession years (1980 + 2 a ruler) stay before 2100 however many articles there are."""
    return max(ORGS, -(-articles // 50))


def write_killing_article(root: Path, article: str, person: str, name: str, year: int) -> None:
    """Write one more article (and its facts file) that says the person was killed in the year:
    the tests use it to make another source disagree with a term."""
    (root / "data" / "articles" / f"{article}.txt").write_text(f"{name} was killed in {year}.\n")
    (root / "data" / "facts" / f"{article}.yaml").write_text(
        f"article: {{id: {article}, file: {article}.txt}}\nentities:\n"
        f"  - {{id: {person}, type: Person, name: '{name}', quote: '{name}'}}\n"
        f"facts:\n  - {{id: k, type: killing, victim: {person}, date: {year}, said_by: article,"
        f" quote: '{name} was killed in {year}'}}\n")


def generate(out: Path, articles: int, seed: int = 1, plant: int = 0, orgs: int | None = None) -> Path:
    """Write data/articles and data/facts; planted articles come after the first of their
    organisation, so a planted ordinal collides with an earlier term."""
    rng = random.Random(seed)
    (out / "data" / "articles").mkdir(parents=True, exist_ok=True)
    (out / "data" / "facts").mkdir(parents=True, exist_ok=True)
    orgs = min(orgs or org_count(articles), articles)
    planted = set(random.Random(seed + 1).sample(range(orgs, articles), plant)) if plant else set()
    for i in range(articles):
        text, facts = article(i, rng, i in planted, orgs)
        (out / "data" / "articles" / f"a{i}.txt").write_text(text, encoding="utf-8")
        (out / "data" / "facts" / f"a{i}.yaml").write_text(facts, encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--plant", type=int, default=0)
    parser.add_argument("--orgs", type=int, default=None, help="organisations (default: enough for the size)")
    args = parser.parse_args()
    generate(args.out, args.articles, args.seed, args.plant, args.orgs)
    print(f"wrote {args.articles} articles to {args.out}/data")


if __name__ == "__main__":
    main()
