"""What a pipeline's name says: a department or process, a person, a product, or something else.

The guide allows one pipeline per *department* that takes part in selling (Sales, then
Administration) and never one per product or per salesperson. A pipeline's label usually says
which it is; :func:`classify` reads it in English, French and Chinese (German and Spanish
through :mod:`hubwizard.lint.text`'s word lists) as one of four kinds:

- ``department``: a team or a process that takes part in selling ("Inside sales", "Appels
  d'offres", "Order processing", "招投标", "大客户部");
- ``person``: a salesperson ("John's deals", "Affaires de Karim", "孙悦管道");
- ``other``: a region or a country, a customer segment, a leftover or a generic name ("EMEA",
  "PME", "中小企业", "Pipeline 2", "Copy of Sales", "未命名");
- ``product``: a product, a product line, a service line, an offer, a brand or a model
  ("Heat pumps", "Pompes à chaleur", "咖啡机").

Departments, regions, segments and generic words are small closed vocabularies
(:mod:`hubwizard.lint.name_words`); products are not (any noun can be one), so a product is
what is left once those are read. A reading is ``sure`` when a word shows it (a product word such
as "software" or "套餐", a first name, a possessive); a product read only because nothing else
fits, or a capitalised word that only might be a first name ("Pipeline Anouk"), is not, and the
checks word their findings accordingly (:mod:`hubwizard.lint.design`).

Words are compared folded (:func:`hubwizard.lint.text.fold`): case, accents and punctuation do
not count; a trailing plural is ignored. Chinese words are found anywhere in the label.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from typing import Literal, NamedTuple

from hubwizard.config import Pipeline
from hubwizard.hubspot_rules import DEFAULT_DEAL_STAGE_IDS
from hubwizard.lint import name_words as vocab
from hubwizard.lint import text

Kind = Literal["department", "person", "product", "other"]
KINDS: tuple[Kind, ...] = ("department", "person", "product", "other")


class Reading(NamedTuple):
    """What a label names: ``kind``, the word that shows it (the product, the person, the
    department's concept such as "sales" or "tenders", the region or leftover word) and whether
    a word shows it for sure (see the module's docstring)."""

    kind: Kind
    word: str
    sure: bool = True


# --- matching helpers -------------------------------------------------------------------------


@functools.cache
def _key(phrase: str) -> tuple[str, ...]:
    """A phrase as the folded, singular words it is compared by (vocabularies are mostly ASCII:
    those skip the Unicode folding, which matters at import)."""
    words = text.ascii_words(phrase) if phrase.isascii() else text.tokens(phrase)
    return tuple(map(text.singular, words))


class _Phrases:
    """Phrases of whole (folded, singular) words, found in a label's words longest first."""

    def __init__(self, items: Iterable[tuple[str, str]]) -> None:
        self.by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for phrase, value in items:
            key = _key(phrase)
            if key and (phrase.isascii() or not text.has_han(phrase)):
                self.by_first.setdefault(key[0], []).append((key, value))
        for found in self.by_first.values():
            found.sort(key=lambda item: -len(item[0]))

    def find(self, words: list[str]) -> list[tuple[int, int, str]]:
        """(start, end, value) of each phrase found, left to right, without overlaps."""
        out: list[tuple[int, int, str]] = []
        i = 0
        while i < len(words):
            for key, value in self.by_first.get(words[i], ()):
                if tuple(words[i : i + len(key)]) == key:
                    out.append((i, i + len(key), value))
                    i += len(key)
                    break
            else:
                i += 1
        return out


def _han(items: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """Chinese words (those with a Han character, or such as "SaaS", "KA" given here), longest first."""
    return tuple(sorted(items, key=lambda item: -len(item[0])))


def _han_find(norm: str, words: tuple[tuple[str, str], ...]) -> tuple[int, str, str] | None:
    """(position, word, value) of the first of ``words`` found in ``norm``, longest first."""
    for word, value in words:
        at = norm.find(word)
        if at >= 0:
            return at, word, value
    return None


def _pairs(words: Iterable[str], value: str) -> list[tuple[str, str]]:
    return [(w, value) for w in words]


_DEPARTMENTS = _Phrases((w, concept) for concept, words in vocab.DEPARTMENTS.items() for w in words)
_DEPARTMENTS_HAN = _han(
    (w, concept) for concept, words in vocab.DEPARTMENTS.items() for w in words if text.has_han(w)
)
_LEFTOVERS = _Phrases(_pairs(vocab.LEFTOVERS, "leftover"))
_LEFTOVERS_HAN = _han(_pairs(vocab.LEFTOVERS_HAN, "leftover"))
_OTHER = _Phrases(
    [
        *_pairs(vocab.REGIONS, "region"),
        *_pairs(vocab.SEGMENTS, "segment"),
        *_pairs(vocab.GENERIC, "generic"),
        *_pairs(vocab.STOP_WORDS.split(), "generic"),
        *_pairs(vocab.PROCESS_OBJECTS.split(), "object"),
        *_pairs(vocab.SALES_CHANNELS, "channel"),
        *_pairs(vocab.LEFTOVERS_WEAK, "leftover"),
    ]
)
"""What a label may hold without naming a product: regions, segments, generic words, and the
objects of a sale (customers, accounts...)."""
_OTHER_HAN = _han(
    [
        *_pairs(vocab.REGIONS_HAN, "region"),
        *_pairs(vocab.SEGMENTS_HAN, "segment"),
        *_pairs(vocab.GENERIC_HAN, "generic"),
        *_pairs(vocab.PROCESS_OBJECTS_HAN, "object"),
        *_pairs(vocab.LEFTOVERS_HAN, "leftover"),
        *_pairs(vocab.LEFTOVERS_WEAK_HAN, "leftover"),
        *_pairs(vocab.SALES_CHANNELS_HAN, "channel"),
        *_pairs(vocab.TEAM_SUFFIXES_HAN, "team"),
    ]
)
_PROCESS = _Phrases(
    [*_pairs(vocab.PROCESS_OBJECTS.split(), "object"), *_pairs(vocab.PROCESS_ACTIONS.split(), "action")]
)
_PROCESS_HAN = _han(
    [*_pairs(vocab.PROCESS_OBJECTS_HAN, "object"), *_pairs(vocab.PROCESS_ACTIONS_HAN, "action")]
)
_KNOWN_HAN = _han([*_OTHER_HAN, *_DEPARTMENTS_HAN, *_LEFTOVERS_HAN, *_PROCESS_HAN])
"""Every Chinese word of the closed vocabularies, longest first (大客户 before 客户)."""
_SALES = _Phrases((w, "sales") for w in vocab.DEPARTMENTS["sales"])
_PLAIN = _Phrases(
    [
        *_pairs(vocab.REGIONS, "region"),
        *_pairs(vocab.GENERIC, "generic"),
        *_pairs(vocab.STOP_WORDS.split(), "generic"),
        *_pairs(vocab.LEFTOVERS_WEAK, "leftover"),
    ]
)
"""What naming a product leaves out: regions and generic words (a segment stays: "Enterprise
licences")."""
_NAMING_HAN = _han(
    [
        *_pairs(vocab.REGIONS_HAN, "region"),
        *_pairs(vocab.GENERIC_HAN, "generic"),
        *_LEFTOVERS_HAN,
        *((w, c) for w, c in _DEPARTMENTS_HAN if c == "sales"),
    ]
)
_TEAM = frozenset(text.singular(w) for w in text.tokens(vocab.TEAM_WORDS))
_PRODUCT_NOUNS = frozenset(text.singular(w) for w in text.tokens(vocab.PRODUCT_NOUNS))
_STOP = frozenset(text.tokens(vocab.STOP_WORDS))
_GENERIC = frozenset(text.singular(w) for w in text.tokens(" ".join(vocab.GENERIC)))
_GENERIC_HAN = _han(_pairs(vocab.GENERIC_HAN, "generic"))
_PROCESS_OBJECTS_HAN = _han(_pairs(vocab.PROCESS_OBJECTS_HAN, "object"))
_SERVICE_WORKS = frozenset(text.singular(w) for w in text.tokens(vocab.SERVICE_WORKS))
_MARKED_LEFTOVER = re.compile(
    r"[\[(（]\s*((?i:old|ancien|legacy|temp|tmp|demo|test|testing|archive|archived|obsolete|deprecated)|测试)\s*[\])）]"
    r"|\b(OLD|LEGACY|TEMP|TMP|DEMO|ANCIEN)\b"
)
"""An ordinary modifier marked as a leftover: "[OLD] Sales", "(legacy) Renewals", "OLD Sales"."""
_NUMBERED_COPY = re.compile(r"[(（]\s*\d{1,2}\s*[)）]\s*$")
"""The number a copy gets at the end of its name, as file managers and HubSpot's "clone" do:
"Sales Pipeline (1)", "Ventes (2)"."""
_SERVICE_DEPARTMENT = frozenset(
    ("service", "service department", "service dept", "service team", "le service")
)
"""A dealership's "Service" (beside Sales and Parts): the after-sales department, read from the
label as written; "Services" is a service line."""
_FRENCH_LINKS = frozenset(("de", "du", "des", "d", "pour", "a", "au", "aux", "en"))
"""Between a French head noun and what follows it ("Logiciel de comptabilité")."""

_FILLER = re.compile(r"\d+(?:st|nd|rd|th|er|e|eme|ere|re)?|(?:q|t|h|s|fy|v|n|no|p)\d{1,4}|[a-z]")
"""Numbers, quarters (Q4, T1), halves, fiscal years, versions and single letters."""
_MODEL = re.compile(r"[a-z]+\d+[a-z0-9]*|\d+[a-z]+[a-z0-9]*")
"""A model or a reference: X200, A4, 3D, iPhone15."""
_NOT_MODELS = frozenset(("b2b", "b2c", "b2g", "b2b2c", "p2p"))

_WRITTEN = re.compile(r"[^\W_]+")


def _han_char(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"


def _is_filler(word: str) -> bool:
    return bool(_FILLER.fullmatch(word))


def _norm(label: str) -> str:
    return unicodedata.normalize("NFKC", label).strip()


def _han_rest(norm: str, vocabulary: tuple[tuple[str, str], ...]) -> str:
    """The Chinese characters of ``norm`` that no word of ``vocabulary`` (longest first)
    accounts for."""
    rest = "".join(c if _han_char(c) else " " for c in norm)
    for word, _value in vocabulary:
        if word in rest:
            rest = rest.replace(word, " ")
    return "".join(rest.split())


# --- people -----------------------------------------------------------------------------------

_NAME_AFTER = re.compile(
    rf"(?i:^|\b)(?i:{vocab.NAME_AFTER_WORDS})"
    r"(?:\s+(?i:de\s+|d['’]\s*|of\s+|for\s+|pour\s+)?|\s*[-–—:(]\s*)"
    r"(?:[A-Z]\.\s*)?([A-ZÀ-Ý][a-zà-ÿ]+)"
    r"(?:\s+[A-Z]\.?|\s+(?i:le|la|de|du|van|von|da|di|del)\s+[A-ZÀ-Ý][a-zà-ÿ'’-]+"
    r"|\s+(?P<surname>[A-ZÀ-Ý][a-zà-ÿ'’-]+))?\)?\.?$"
)
"""A capitalised word that ends a label after "Pipeline", "Deals", "Affaires de" ...: the shape of
a person's pipeline even when the first name is not in the list ("Pipeline Anouk"), with an
initial or a surname beside it ("Pipeline - Marc D.", "Pipeline (J. Dawson)", "Commercial :
Yannick Le Gall"; a bare second word only after a first name of the list: "Deals - Priya Patel",
not "Pipeline Heat Pumps")."""
_NOUN_ENDING = re.compile(r"(?i:tion|sion|ment|age|ité|ity|ure|isme|ism|ing|ware|ship|ics|ness)s?$")
"""Endings of common nouns, never of a first name in the list's languages: "Pipeline Formation",
"Deals Consulting" name a service line ("Clément" is read from the list of first names first)."""
_TITLED = re.compile(rf"(?<![\w]){vocab.TITLES}\s*([A-ZÀ-Ý][\w'’-]+)")

_CHINESE_NICKNAME = re.compile(r"^[小老阿](\w)(?=$|[的总哥姐]|跟进|负责|名下|个人|管道|客户|商机|交易)")
"""How colleagues call a salesperson: 小 / 老 / 阿 and the surname ("小赵", "老王的客户")."""
_CHINESE_SEPARATORS = re.compile(r"[\s\-–—:：()（）/·、,，]+")


def _chinese_name(part: str) -> bool:
    """A 2–3 character name: a common surname, then a given-name character (王芳, 王小明)."""
    return bool(
        2 <= len(part) <= 3
        and all(_han_char(c) for c in part)
        and part[0] in text.CHINESE_SURNAMES
        and part[1] in vocab.CHINESE_GIVEN
        and (len(part) == 2 or part[2] in vocab.CHINESE_GIVEN)
    )


def _chinese_person(norm: str) -> str | None:
    """A Chinese name standing alone as a part of the label ("销售管道 - 王芳", "交易（李娜）"), at
    its start before what may follow a name ("孙悦管道", "李明个人管道", "何伟负责的交易"), or a
    surname with a title ("黄总", "李经理")."""
    parts = [p for p in _CHINESE_SEPARATORS.split(norm) if p]
    if len(parts) >= 2:
        for part in parts:
            if _chinese_name(part) and _known_han(part) is None:
                return part
    first = parts[0] if parts else ""
    nickname = _CHINESE_NICKNAME.match(first)
    if nickname is not None and nickname.group(1) in text.CHINESE_SURNAMES:
        return nickname.group(0)  # "小赵", "老王", "小李跟进"
    if first[:1] in text.CHINESE_SURNAMES:
        for title in vocab.CHINESE_TITLES:
            if first[1:].startswith(title):
                return first[: 1 + len(title)]
        for size in (3, 2):
            name, after = first[:size], first[size:]
            if (
                _chinese_name(name)
                and (not after or after.startswith(vocab.CHINESE_AFTER_NAME))
                and _known_han(name) is None
            ):
                return name
    return None


def _known_han(word: str) -> str | None:
    """A word of the closed vocabularies inside ``word`` (销售, 华东, 管道...), if any."""
    for vocabulary in (_DEPARTMENTS_HAN, _OTHER_HAN):
        found = _han_find(word, vocabulary)
        if found is not None:
            return found[1]
    if any(h in word for h in vocab.PRODUCT_HAN):
        return word
    return None


def _strong_person(norm: str) -> str | None:
    person = text.person_in(norm)
    if person is not None:
        return person
    match = _TITLED.search(norm)
    if match is not None:
        return match.group(0).strip()
    return _chinese_person(norm) if text.has_han(norm) else None


def _in_vocabulary(word: str) -> bool:
    """Whether a single word belongs to one of the closed vocabularies (or is a product word)."""
    words = [text.singular(w) for w in text.tokens(word)]
    if not words:
        return True
    return bool(
        _DEPARTMENTS.find(words)
        or _OTHER.find(words)
        or _LEFTOVERS.find(words)
        or _PROCESS.find(words)
        or words[0] in _PRODUCT_NOUNS
        or words[0] in _TEAM
        or text.fold(word) in text.PRODUCT_WORDS
        or text.fold(word) in _SERVICE_DEPARTMENT  # "After-Sales Service" is no Mr Service
    )


def _weak_person(norm: str, words: list[str]) -> str | None:
    match = _NAME_AFTER.search(norm)
    if match is None or _in_vocabulary(match.group(1)) or _NOUN_ENDING.search(match.group(1)):
        return None
    surname = match.group("surname")
    if surname is not None and text.fold(match.group(1)) not in text.FIRST_NAMES:
        return None  # two capitalised words are a name only after a known first name ("Heat Pumps")
    name = _key(match.group(1))
    in_phrase = any(  # "Développement commercial": a department, not Mr Commercial
        name and name[0] in words[start:end] for start, end, _ in _DEPARTMENTS.find(words) if end - start > 1
    )
    return None if in_phrase else match.group(1)


def weak_person(label: str) -> str | None:
    """A capitalised word after "Pipeline", "Deals", "Affaires de" ... that is no department,
    region, product or generic word and has no noun's ending ("Pipeline Anouk"): a person's
    pipeline only if its stages say so too."""
    reading = classify(label)
    return reading.word if reading.kind == "person" and not reading.sure else None


# --- products ---------------------------------------------------------------------------------

_PRODUCT_WORD_TEXT = re.compile(r"产品线|产品|商品")
_LINE_WORDS = frozenset(("line", "lines", "ligne", "lignes", "range"))


def _product_word(norm: str, words: list[str], products: text.ProductNames | None) -> tuple[int, str] | None:
    """(position, word) of what makes a label surely about a product: a product word ("Product
    A", "产品A"), a product noun ("Hardware", "Logiciels", "套餐"), a model ("X200") or an option
    of the setup's product dropdowns. Positions count words (or characters for Chinese)."""
    found = text.product_in(norm)
    if found is not None:
        return _position(found, words, norm), found
    for i in reversed(range(len(words))):  # the last one: the head noun ("Premium support plan")
        word = words[i]
        if word in _PRODUCT_NOUNS or (
            _MODEL.fullmatch(word) and word not in _NOT_MODELS and not _is_filler(word)
        ):
            return i, word
    for word in vocab.PRODUCT_HAN:
        at = norm.find(word)
        if at >= 0:
            return at, word
    if products is not None:
        found = products.find(norm)
        if found is not None:
            return _position(found, words, norm), found
    return None


def _position(found: str, words: list[str], norm: str) -> int:
    if text.has_han(found):
        return max(norm.find(found), 0)
    first = _key(found)[:1]
    return words.index(first[0]) if first and first[0] in words else 0


def _content(norm: str, words: list[str], naming: bool = False) -> str:
    """The words of a label that no closed vocabulary accounts for, as written: what a product
    would be called ("Heat pumps" in "Germany - Heat pumps", "咖啡机"). ``naming``: a product is
    being named, so only the sales team's words go, not what the product is for ("Accounting
    software", "财务软件"; "Hardware" in "Hardware sales")."""
    covered: set[int] = set()
    finders = (_PLAIN, _LEFTOVERS, _SALES) if naming else (_OTHER, _DEPARTMENTS, _LEFTOVERS, _PROCESS)
    for finder in finders:
        for start, end, _value in finder.find(words):
            covered.update(range(start, end))
    written = [w for w in _WRITTEN.findall(norm) if not text.has_han(w)]
    latin = [i for i, w in enumerate(words) if not text.has_han(w)]
    kept = []
    aligned = len(written) == len(latin)
    for n, i in enumerate(latin):
        word = words[i]
        if naming and aligned and len(written[n]) == 1 and written[n].isupper():
            kept.append(written[n])  # "Product A", "Gamme B": the letter is the product
            continue
        if i in covered or (_is_filler(word) and not (naming and word.isalpha())) or word in _TEAM:
            continue
        if text.fold(word) in text.PRODUCT_WORDS or word in _LINE_WORDS:
            continue
        kept.append(written[n] if aligned else word)
    rest = ""
    if text.has_han(norm):
        rest = _han_rest(norm, _NAMING_HAN if naming else _KNOWN_HAN)
        rest = _PRODUCT_WORD_TEXT.sub("", rest)
    return " ".join([*kept, rest] if rest else kept)


# --- departments ------------------------------------------------------------------------------


def _department_word(norm: str, words: list[str]) -> tuple[int, str, set[int], set[str]] | None:
    """(position, concept, positions covered, every concept found) of the last department or
    process word of a label: positions count words, or characters for Chinese."""
    found = _DEPARTMENTS.find(words)
    if found:
        covered = {i for start, end, _ in found for i in range(start, end)}
        _start, end, concept = found[-1]
        return end - 1, concept, covered, {c for *_, c in found}
    if text.has_han(norm):
        hits = [(norm.find(w), w, c) for w, c in _DEPARTMENTS_HAN if w in norm]
        if hits:
            at, word, concept = max(hits, key=lambda hit: (hit[0] + len(hit[1]), len(hit[1])))
            return at + len(word) - 1, concept, set(range(at, at + len(word))), {c for *_, c in hits}
    return None


def _product_is_head(product_at: int, department_at: int, words: list[str], han: bool) -> bool:
    """Which of a product word and a department word a label is about: its head noun, last in
    English and Chinese ("Accounting software", "财务软件" are products; "Software onboarding",
    "软件实施" processes), first in French when a linking word stands between them ("Logiciel de
    comptabilité" a product; "Intégration de logiciels" a process)."""
    if han:
        return product_at > department_at
    low, high = sorted((product_at, department_at))
    if any(w in _FRENCH_LINKS for w in words[low + 1 : high]):
        return product_at < department_at
    return product_at > department_at


def _process_shape(norm: str, words: list[str]) -> str | None:
    """A process or a team named in words of its own: an object of the sale with an action or a
    qualifier ("Order processing", "Gestion de compte", "Comptes stratégiques", "订单处理",
    "老客户维护"), or a team word with a name ("Alpha team", "Pôle Export", "华东团队", "市场部").
    Customers of a segment or a region are no process ("Enterprise customers", "政企客户")."""
    han = text.has_han(norm)
    latin = [w for w in words if w not in _STOP and not text.has_han(w)]
    if any(w in _TEAM for w in latin) and any(
        w not in _TEAM and w not in _GENERIC and not _is_filler(w) for w in latin
    ):
        return "team"
    content = [w for w in latin if w not in _GENERIC]
    rest = _han_rest(norm, _GENERIC_HAN) if han else ""
    if rest and (
        any(rest.endswith(s) and len(rest) > len(s) for s in vocab.TEAM_SUFFIXES_HAN)
        or (len(norm) > 1 and norm.endswith("组") and norm[-2] in "一二三四五六七八九十0123456789")
    ):
        return "team"
    if any(v in ("region", "segment") for *_, v in _OTHER.find(words)) or (
        han and any(v in ("region", "segment") for w, v in _OTHER_HAN if w in norm)
    ):
        return None
    if content:
        found = _PROCESS.find(content)
        covered = sum(end - start for start, end, _ in found)
        if covered == len(content) and any(value == "object" for *_, value in found):
            return "process"
    if rest and not _han_rest(rest, _PROCESS_HAN) and _han_find(rest, _PROCESS_OBJECTS_HAN):
        return "process"
    return None


# --- reading a label --------------------------------------------------------------------------


@functools.lru_cache(maxsize=8192)
def classify(label: str, products: text.ProductNames | None = None) -> Reading:
    """What a pipeline ``label`` names: a department or process, a person, a product or
    something else (see the module's docstring). ``products``: option values of the setup's
    product-like dropdowns (e.g. "Software" from ``product_type``), which make a label naming
    one of them surely a product."""
    norm = _norm(label)
    words = [text.singular(w) for w in text.tokens(norm)]
    if not words:
        return Reading("other", norm)
    han = text.has_han(norm)
    # a copy, a test, an old pipeline: a leftover whatever else it says
    marked = _MARKED_LEFTOVER.search(norm)
    if marked is not None:
        return Reading("other", marked.group(1) or marked.group(2))
    numbered = _NUMBERED_COPY.search(norm)
    if numbered is not None:
        return Reading("other", numbered.group(0).strip())
    leftover = _LEFTOVERS.find(words)
    if leftover:
        return Reading("other", " ".join(words[leftover[0][0] : leftover[0][1]]))
    if han:
        hit = _han_find(norm, _LEFTOVERS_HAN)
        if hit is not None:
            return Reading("other", hit[1])
    person = _strong_person(norm)
    if person is not None and _content(norm, words):  # "DOM-TOM" is a region, not Tom
        return Reading("person", person)
    weak = _weak_person(norm, words)
    if weak is not None:
        return Reading("person", weak, sure=False)
    if products is not None:
        option = products.find(norm)
        if option is not None and text.compact(option) == text.compact(norm):
            return Reading("product", option)  # the label is one of the setup's own products
    if text.fold(norm) in _SERVICE_DEPARTMENT:
        return Reading("department", "support")
    department = _department_word(norm, words)
    product = _product_word(norm, words, products)
    if product is not None and (
        department is None
        or department[1] == "sales"
        or (
            product[0] not in department[2]
            and _product_is_head(product[0], department[0], words, han and text.has_han(product[1]))
        )
    ):
        return Reading("product", _named_product(norm, words, product[1]))
    if department is not None:
        if all(words[i] in _SERVICE_WORKS for i in department[2] if i < len(words)):
            rest = _content(norm, words)
            if rest and not han:  # "Solar installations": the work sold, not the team doing it
                return Reading("product", norm, sure=False)
        sold = _content(norm, words) if department[3] == {"sales"} else ""
        if sold:  # "Wine sales", "葡萄酒销售": what the team sells, not how or where
            return Reading("product", _named_product(norm, words, sold), sure=False)
        return Reading("department", department[1])
    shape = _process_shape(norm, words)
    if shape is not None:
        return Reading("department", shape)
    rest = _content(norm, words)
    if not rest:
        return Reading("other", norm)
    return Reading("product", _named_product(norm, words, rest), sure=False)


def _named_product(norm: str, words: list[str], found: str) -> str:
    """The product as the label calls it, without the words around it: "Software products" →
    "Software", "软件产品" → "软件", "Product A" → "A", "Hardware sales" → "Hardware"."""
    rest = _content(norm, words, naming=True)
    return rest or found


@functools.lru_cache(maxsize=4096)
def product_or_person(label: str, products: text.ProductNames | None = None) -> Reading | None:
    """A product line or a person named by a pipeline ``label`` (:func:`classify`), or None for a
    department, a process or anything else. A name that only might be a person's is left to
    :func:`weak_person`."""
    reading = classify(label, products)
    if reading.kind == "product" or (reading.kind == "person" and reading.sure):
        return reading
    return None


def department_in(label: str) -> str | None:
    """The department or process a label names ("sales", "administration", "tenders",
    "onboarding", "renewals", "partners", "support", "recruitment", "marketing", or "process" /
    "team" when read from its shape), or None. Copies and tests are not departments."""
    reading = classify(label)
    return reading.word if reading.kind == "department" else None


# --- stages ---------------------------------------------------------------------------------

DEFAULT_STAGE_LABELS = frozenset(
    text.stage_key(label)
    for label in (
        "Appointment scheduled",
        "Qualified to buy",
        "Presentation scheduled",
        "Decision maker bought-in",
        "Contract sent",
        "Rendez-vous programmé",
        "Qualifié pour l'achat",
        "Présentation programmée",
        "Décideur convaincu",
        "Contrat envoyé",
        "已安排预约",
        "有购买意向",
        "已安排演示",
        "决策者已认可",
        "合同已发送",
    )
)
"""The open stages of HubSpot's default deal pipeline, as its English, French and Chinese
interfaces name them."""

DEFAULT_STAGE_MATCHES = 3
"""A pipeline still has HubSpot's default stages when at least this many of its open stages are
HubSpot's (by id or by label)."""


def has_default_stages(pipeline: Pipeline) -> bool:
    """Whether a pipeline's open stages are still the ones HubSpot gives a new pipeline."""
    ids = set(DEFAULT_DEAL_STAGE_IDS)
    found = sum(
        1
        for s in pipeline.stages
        if s.is_open
        and (s.id in ids or s.hubspot_id in ids or text.stage_key(s.label) in DEFAULT_STAGE_LABELS)
    )
    return found >= DEFAULT_STAGE_MATCHES
