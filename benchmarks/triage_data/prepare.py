"""Build the real-data evaluation and training sets for triage from public repositories.

Reads fetched (bare) git repositories, maps every source's own labels to JunDesk roles with
categories.toml (next to this file), and writes, outside the repository:

    OUT/routing/<source>.jsonl   {"id", "text", "lang", "label", "role"}
    OUT/urgency/<source>.jsonl   {"id", "text", "lang", "label", "urgent"}
    OUT/SPLIT.json               which sources are for fitting ("train") and which are only
                                 ever scored ("report")

Usage:
    python benchmarks/triage_data/prepare.py [--mirror /work/.mirror] [--out /work/triage-data]

Needs py3langid (pip install py3langid) to tell the language of each crisis tweet. Each
source below names the repository, the commit it was read at and the paths it reads; the data
itself is third-party and never enters this repository (see jundesk/resources/triage/DATA.md).

Held-out checks that are never read here: SeeClickFix Newport (RI), Vitoria-Gasteiz's
"Buzón Ciudadano", the town-hall tweets of proyecto-nlp-uam, and CrisisLexT26's 2013 Spain
train crash and 2012 Guatemala earthquake collections.
"""

from __future__ import annotations

import argparse
import csv
import html
import io
import json
import random
import re
import subprocess
import sys
import tomllib
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
CAP = 6000
SEED = 1

# Never read, whatever a repository bundles with them.
EXCLUDED_PATHS = ("2013_Spain_train_crash", "2012_Guatemala_earthquake")


@dataclass(frozen=True)
class Row:
    id: str
    text: str
    label: str
    lang: str | None = None  # None: detect


@dataclass(frozen=True)
class Source:
    name: str  # file name under routing/ or urgency/
    task: str  # "routing" or "urgency"
    scheme: str  # table in categories.toml
    repo: str  # owner/name on GitHub
    commit: str
    paths: tuple[str, ...]
    read: Callable[[Git, Source], Iterator[Row]]
    lang: str | None = None  # a city's language; None: detect per row
    split: str = "train"
    # Rows whose label is not in categories.toml are left out (the label is not the city's:
    # e.g. a title the citizen typed) instead of stopping the conversion.
    only_mapped: bool = False
    # Sources whose texts this one must not repeat (the same city's training rows).
    unlike: tuple[str, ...] = ()


class Git:
    """Read files of one bare repository at one commit."""

    def __init__(self, mirror: Path, repo: str) -> None:
        self.dir = mirror / repo.replace("/", "+") / "repo"
        if not self.dir.is_dir():
            raise SystemExit(f"{repo}: not fetched (expected {self.dir})")

    def show(self, commit: str, path: str) -> bytes:
        return subprocess.run(
            ["git", "-C", str(self.dir), "show", f"{commit}:{path}"],
            check=True,
            capture_output=True,
        ).stdout

    def ls(self, commit: str, folder: str) -> list[tuple[str, str]]:
        out = subprocess.run(
            ["git", "-C", str(self.dir), "ls-tree", "-r", commit, "--", folder],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        rows = []
        for line in out.splitlines():
            meta, path = line.split("\t", 1)
            rows.append((meta.split()[2], path))
        return rows

    def blobs(self, shas: list[str]) -> list[bytes]:
        """Many blobs in one `git cat-file --batch` call."""
        out = subprocess.run(
            ["git", "-C", str(self.dir), "cat-file", "--batch"],
            input="".join(s + "\n" for s in shas).encode(),
            check=True,
            capture_output=True,
        ).stdout
        result, i = [], 0
        for _ in shas:
            end = out.index(b"\n", i)
            header = out[i:end].split()
            if header[-1] == b"missing":  # a file the snapshot lacks (4 MiB or more)
                result.append(b"")
                i = end + 1
                continue
            size = int(header[2])
            result.append(out[end + 1 : end + 1 + size])
            i = end + 1 + size + 1
        return result


# --- readers ------------------------------------------------------------------------------


def read_avisos_madrid(git: Git, src: Source) -> Iterator[Row]:
    """One HTML page per report (m/<id>.html): the service name and the citizen's text."""
    (folder,) = src.paths
    listing = git.ls(src.commit, folder)
    service = re.compile(r'<div class="Item__service">(.*?)</div>', re.S)
    content = re.compile(r'<div class="Item__content">\s*<p>(.*?)</p>', re.S)
    for (_, path), blob in zip(listing, git.blobs([sha for sha, _ in listing]), strict=True):
        page = blob.decode("utf-8", "replace")
        label, text = service.search(page), content.search(page)
        if label and text:
            yield Row(Path(path).stem, text.group(1), html.unescape(label.group(1)).strip())


def read_avisos_madrid_history(git: Git, src: Source) -> Iterator[Row]:
    """Earlier Madrid reports: the city's feed (`input.json`, its latest 100 requests) as the
    repository saved it every few minutes since June 2021; every 20th saved version is read,
    and only requests made before May 2024 (the HTML pages begin on 19 May 2024)."""
    (path,) = src.paths
    log = subprocess.run(
        ["git", "-C", str(git.dir), "log", "--format=%H", src.commit, "--", path],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    shas = [f"{commit}:{path}" for commit in log[19::20]]
    seen: set[str] = set()
    for blob in git.blobs(shas):
        try:
            feed = json.loads(blob)
        except ValueError:
            continue
        for request in feed if isinstance(feed, list) else []:
            rid = str(request.get("service_request_id") or "")
            made = str(request.get("requested_datetime") or "")
            if not rid or rid in seen or not made or made >= "2024-05-01":
                continue
            seen.add(rid)
            yield Row(rid, request.get("description") or "", request.get("service_name") or "")


def read_publicstuff(git: Git, src: Source) -> Iterator[Row]:
    """PublicStuff export: Title (the request type), Description (what the citizen wrote)."""
    for path in src.paths:
        text = git.show(src.commit, path).decode("utf-8", "replace")
        for fields in csv.DictReader(io.StringIO(text)):
            description = fields["Description"]
            if "submitted to NYC 311 without a description" in description:
                continue
            yield Row(fields["ID"], description, fields["Title"])


FORM_FIELD = re.compile(r"^\s*([^:|?]{2,60}[:?])\s*(.*)$", re.S)


def form_free_text(text: str) -> str:
    """Keep what the citizen wrote from a "Question: answer | Question: answer" form.

    Boston's app prefixes answers with its questions ("Make of the abandoned car: ...",
    "How is the car parked illegally? ..."), which name the category; only the free-text
    details are kept. A text that is only form answers becomes empty and is dropped.
    """
    if " | " not in text and not FORM_FIELD.match(text.split("\n")[0] or ""):
        return text
    kept = []
    for part in text.split(" | "):
        field = FORM_FIELD.match(part)
        if not field:
            kept.append(part)
        elif "detail" in field.group(1).casefold():
            kept.append(field.group(2))
    return " ".join(kept)


def read_open311_pages(git: Git, src: Source) -> Iterator[Row]:
    """Saved Open311 GeoReport v2 pages: lists of requests with service_name and description."""
    seen: set[str] = set()
    for folder in src.paths:
        listing = [(sha, p) for sha, p in git.ls(src.commit, folder) if p.endswith(".json")]
        for blob in git.blobs([sha for sha, _ in listing]):
            try:
                page = json.loads(blob)
            except ValueError:
                continue
            for request in page if isinstance(page, list) else []:
                rid = str(request.get("service_request_id", ""))
                if not rid or rid in seen or not request.get("description"):
                    continue
                seen.add(rid)
                text = form_free_text(request["description"])
                yield Row(rid, text, request.get("service_name") or "")


def read_crisislex_t26(git: Git, src: Source) -> Iterator[Row]:
    """Tweet ID, Tweet Text, Information Source, Information Type, Informativeness."""
    for path in src.paths:
        reader = csv.reader(io.StringIO(git.show(src.commit, path).decode("utf-8", "replace")))
        next(reader)
        for fields in reader:
            if len(fields) >= 5:
                yield Row(fields[0].strip().strip('"'), fields[1], fields[3].strip())


def read_crisisnlp(git: Git, src: Source) -> Iterator[Row]:
    """tweet_id <tab> tweet_text <tab> label."""
    for path in src.paths:
        lines = git.show(src.commit, path).decode("utf-8", "replace").splitlines()
        for line in lines[1:]:
            fields = line.split("\t")
            if len(fields) >= 3:
                yield Row(fields[0].strip("'\" "), fields[1], fields[2].strip())


# --- sources ------------------------------------------------------------------------------

CRISISLEX = "sajao/CrisisLex"
CRISISLEX_COMMIT = "d67cddd51131dbb28842209014f67cffe359ff42"
CRISISNLP = "SusuXu-s-Lab/Hierarchical-Earthquake-Casualty-Information-Retrieval"
CRISISNLP_COMMIT = "a98b860a3eafbafd4d16dc76b828a3ef6c85b6ee"
CRISISNLP_DIR = "data/CrisisNLP_labeled_data_crowdflower"


def crisislex(event: str, split: str) -> Source:
    return Source(
        name=f"crisislex_{event.lower()}",
        task="urgency",
        scheme="crisislex_t26",
        repo=CRISISLEX,
        commit=CRISISLEX_COMMIT,
        paths=(f"data/CrisisLexT26/{event}/{event}-tweets_labeled.csv",),
        read=read_crisislex_t26,
        split=split,
    )


def crisisnlp(event: str, file: str, split: str) -> Source:
    return Source(
        name=f"crisisnlp_{event.lower()}",
        task="urgency",
        scheme="crisisnlp",
        repo=CRISISNLP,
        commit=CRISISNLP_COMMIT,
        paths=(f"{CRISISNLP_DIR}/{event}/{file}",),
        read=read_crisisnlp,
        split=split,
    )


SOURCES: list[Source] = [
    Source(
        name="madrid_avisos",
        task="routing",
        scheme="madrid_avisos",
        repo="javierarce/avisos-madrid",
        commit="8f18f9d6a7511af66463d3a47ad0bedf012ef1cc",
        paths=("m",),
        read=read_avisos_madrid,
        lang="es",
        split="train",
    ),
    # The same city two to three years earlier: not an unseen city, so it is kept apart from
    # the report sources ("report_same_city"): it measures drift over time, nothing more.
    Source(
        name="madrid_avisos_2021_2024",
        task="routing",
        scheme="madrid_avisos",
        repo="javierarce/avisos-madrid",
        commit="8f18f9d6a7511af66463d3a47ad0bedf012ef1cc",
        paths=("input.json",),
        read=read_avisos_madrid_history,
        lang="es",
        split="report_same_city",
        unlike=("madrid_avisos",),
    ),
    Source(
        name="nyc_publicstuff",
        task="routing",
        scheme="nyc_publicstuff",
        repo="MileSquareDevelopers/City-311-Requests-To-CSV",
        commit="e67cfd8216e0854817198480d4ae3314c29b144f",
        paths=("Collections/NYC_20190522.csv",),
        read=read_publicstuff,
        lang="en",
        split="report",
        only_mapped=True,
    ),
    # Boston 311 (Open311 API pages saved for a few request types, 2008-2019).
    Source(
        name="boston_311",
        task="routing",
        scheme="boston_311",
        repo="balsama/bos311",
        commit="4e7adba1b4c50ef0587e272d6cd036918f01a492",
        paths=(
            "data/illegal-parking",
            "data/abandoned-vehicle",
            "data/abandoned-bicycle",
            "data/sidewalk-not-shovelled",
            "data/dangerous",
            "data/other",
            "data/updated-other",
            "data/new-tree-request",
        ),
        read=read_open311_pages,
        lang="en",
        split="train",
    ),
    # CrisisLexT26 (tweets of 2012-2013 crises). Spanish: Costa Rica, Venezuela.
    *(
        crisislex(event, "train")
        for event in (
            "2012_Costa_Rica_earthquake",
            "2012_Venezuela_refinery",
            "2012_Colorado_wildfires",
            "2012_Italy_earthquakes",
            "2012_Philipinnes_floods",
            "2012_Typhoon_Pablo",
            "2013_Alberta_floods",
            "2013_Australia_bushfire",
            "2013_Bohol_earthquake",
            "2013_Boston_bombings",
            "2013_Brazil_nightclub_fire",
            "2013_Colorado_floods",
            "2013_Glasgow_helicopter_crash",
            "2013_LA_airport_shootings",
            "2013_Lac_Megantic_train_crash",
            "2013_Manila_floods",
            "2013_NY_train_crash",
            "2013_Queensland_floods",
            "2013_Russia_meteor",
            "2013_Sardinia_floods",
            "2013_Savar_building_collapse",
            "2013_Singapore_haze",
            "2013_Typhoon_Yolanda",
            "2013_West_Texas_explosion",
        )
    ),
    # CrisisNLP "Twitter as a Lifeline" (2013-2015 crises). Its terms allow research use only,
    # so it is kept for scoring ("report"), never for fitting weights that ship.
    crisisnlp("2014_Chile_Earthquake_cl", "2014_Chile_Earthquake_cl_labeled_data.tsv", "report"),
    *(
        crisisnlp(event, f"{file}_CF_labeled_data.tsv", "report")
        for event, file in (
            ("2014_Chile_Earthquake_en", "2014_Chile_Earthquake_en"),
            ("2014_Hurricane_Odile_Mexico_en", "2014_Hurricane_Odile_Mexico_en"),
            ("2014_California_Earthquake", "2014_California_Earthquake"),
            ("2013_Pakistan_eq", "2013_Pakistan_eq"),
            ("2014_India_floods", "2014_India_floods"),
            ("2014_Pakistan_floods", "2014_Pakistan_floods"),
            ("2014_Philippines_Typhoon_Hagupit_en", "2014_Philippines_Typhoon_Hagupit_en"),
            ("2015_Cyclone_Pam_en", "2015_Cyclone_Pam_en"),
            ("2015_Nepal_Earthquake_en", "2015_Nepal_Earthquake_en"),
        )
    ),
]

# --- cleaning -----------------------------------------------------------------------------

LANGS = ("es", "en", "fr", "ca", "it", "pt")
MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\((?:https?://|mailto:)[^)]*\)")
BACKSLASH_ESCAPE = re.compile(r"\\([\\*_\[\]()#+\-.!`])")
# Texts staff typed to try a form, not reports.
PLACEHOLDERS = {"prueba", "pruebas", "test", "testing", "asdf", "asdfasdf", "n a", "na", "none"}
SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")


def clean(text: str) -> str:
    text = html.unescape(text)
    text = MARKDOWN_LINK.sub(r"\1", text)
    text = BACKSLASH_ESCAPE.sub(r"\1", text)
    text = unicodedata.normalize("NFC", text)
    lines = [SPACES.sub(" ", line).strip() for line in text.splitlines()]
    return "\n".join(line for line in lines if line)


def key(text: str) -> str:
    """What two texts share when they are the same post: case, accents, spacing, punctuation."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c if c.isalnum() else " " for c in folded if c.isascii()).split())


class LanguageOf:
    def __init__(self) -> None:
        try:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier
        except ImportError:
            raise SystemExit("needs py3langid: pip install py3langid") from None
        self.identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        # No collection read here has Catalan posts; short English or Tagalog tweets were
        # taken for Catalan when it was a candidate.
        self.identifier.set_languages(
            ["es", "en", "fr", "it", "pt", "de", "nl", "tl", "id", "ru", "ms"]
        )

    def __call__(self, text: str) -> str:
        # Hashtags, mentions and links say little about the language of a tweet.
        words = re.sub(r"(https?://\S+|[@#]\w+|\bRT\b)", " ", text)
        lang, _ = self.identifier.classify(words)
        return lang


def build(
    src: Source,
    git: Git,
    mapping: dict[str, object],
    lang_of: LanguageOf,
    taken: set[str] = frozenset(),  # type: ignore[assignment]
) -> list[dict]:
    unknown = Counter[str]()
    rows: list[dict] = []
    seen: set[str] = set()
    dropped = Counter[str]()
    names = {key(name) for name in mapping}
    for row in src.read(git, src):
        if any(part in p for p in src.paths for part in EXCLUDED_PATHS):
            raise SystemExit(f"{src.name}: reads a held-out collection")
        if row.label not in mapping:
            if src.only_mapped:
                dropped["label not in the city's list"] += 1
            else:
                unknown[row.label] += 1
            continue
        if mapping[row.label] == "drop":
            dropped[f"label {row.label!r} left out"] += 1
            continue
        text = clean(row.text)
        k = key(text)
        if not k:
            dropped["empty"] += 1
            continue
        if text.startswith("RT @") or text.startswith("RT@"):
            dropped["retweet"] += 1
            continue
        if k in names:
            dropped["only a category name"] += 1
            continue
        if k in PLACEHOLDERS:
            dropped["a test or placeholder"] += 1
            continue
        if k in seen:
            dropped["duplicate"] += 1
            continue
        if k in taken:
            dropped["same text as a training source"] += 1
            continue
        seen.add(k)
        lang = row.lang or src.lang or lang_of(text)
        if lang not in LANGS:
            dropped[f"language {lang}"] += 1
            continue
        out = {"id": f"{src.name}:{row.id}", "text": text, "lang": lang, "label": row.label}
        if src.task == "routing":
            out["role"] = mapping[row.label]
        else:
            out["urgent"] = bool(mapping[row.label])
        rows.append(out)
    if unknown:
        raise SystemExit(f"{src.name}: labels missing from categories.toml: {dict(unknown)}")
    if len(rows) > CAP:
        dropped[f"sampled down to {CAP}"] = len(rows) - CAP
        rows = sorted(random.Random(SEED).sample(rows, CAP), key=lambda r: r["id"])
    print(f"{src.task}/{src.name}: {len(rows)} rows; dropped {dict(dropped)}", file=sys.stderr)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mirror", type=Path, default=Path("/work/.mirror"))
    parser.add_argument("--out", type=Path, default=Path("/work/triage-data"))
    parser.add_argument("--only", nargs="*", help="source names to build (default: all)")
    args = parser.parse_args()

    with (HERE / "categories.toml").open("rb") as f:
        categories = tomllib.load(f)
    lang_of = LanguageOf()
    split: dict[str, dict[str, list[str]]] = {
        task: {"train": [], "report": []} for task in ("routing", "urgency")
    }
    summary: dict[str, dict[str, object]] = {}
    for src in SOURCES:
        split[src.task].setdefault(src.split, []).append(src.name)
        if args.only and src.name not in args.only:
            continue
        taken = set()
        for other in src.unlike:
            with (args.out / src.task / f"{other}.jsonl").open(encoding="utf-8") as f:
                taken |= {key(json.loads(line)["text"]) for line in f}
        git = Git(args.mirror, src.repo)
        rows = build(src, git, categories[src.task][src.scheme], lang_of, taken)
        folder = args.out / src.task
        folder.mkdir(parents=True, exist_ok=True)
        with (folder / f"{src.name}.jsonl").open("w", encoding="utf-8") as f:
            for row in rows:
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
        field = "role" if src.task == "routing" else "urgent"
        summary[f"{src.task}/{src.name}"] = {
            "rows": len(rows),
            "split": src.split,
            "langs": dict(Counter(r["lang"] for r in rows).most_common()),
            field: dict(Counter(str(r[field]) for r in rows).most_common()),
            "repo": src.repo,
            "commit": src.commit,
            "paths": list(src.paths),
        }
    (args.out / "SPLIT.json").write_text(json.dumps(split, indent=2) + "\n", encoding="utf-8")
    if not args.only:
        (args.out / "SUMMARY.json").write_text(
            json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )


if __name__ == "__main__":
    main()
