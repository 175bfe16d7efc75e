"""Multilingual label normalisation and the word lists behind the label heuristics.

Labels are compared *folded*: Unicode-normalised (full-width forms become ASCII), case-folded,
accents removed (é → e, ü → u, ñ → n), punctuation, hyphens, underscores and apostrophes turned
into spaces, runs of spaces collapsed. Chinese characters are kept as they are. Word lists are
written naturally (with accents) and folded once at import.

Languages covered: English, French, German, Spanish and Chinese.

- :func:`is_follow_up` (HW202): a stage that is a follow-up, reminder, relaunch or chase.
- :func:`person_in` (HW102): a pipeline named after a person.
- :func:`product_in` (HW102): a pipeline named after a product.
- :func:`stage_key` (HW101, HW102): a stage label reduced for comparison between pipelines.
- :func:`compact` (HW301): a label or name with no spaces, to compare with native properties.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Iterable

# --- folding ------------------------------------------------------------------------------


_ASCII_NON_WORD = re.compile(r"[^a-z0-9]+")
_NON_WORD = re.compile(r"[\W_]+")
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u3099\u309a]")
"""Combining marks (accents) left by NFKD: é → e + U+0301."""

CACHE_SIZE = 1 << 16
"""Labels, names and option values of a large config (5,000 properties) all fit."""


@functools.lru_cache(maxsize=CACHE_SIZE)
def fold(text: str) -> str:
    """``"  Relancé-Client_2 "`` → ``"relance client 2"``; ``"跟进，客户"`` → ``"跟进 客户"``."""
    if text.isascii():
        return " ".join(_ASCII_NON_WORD.sub(" ", text.lower()).split())
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).casefold())
    return " ".join(_NON_WORD.sub(" ", _COMBINING.sub("", text)).split())


_WORD = re.compile(r"[^\W_]+")
"""A run of letters or digits in a label as written (before folding)."""


def tokens(text: str) -> list[str]:
    """The folded words of ``text``."""
    return fold(text).split()


def ascii_words(text: str) -> list[str]:
    """:func:`tokens` of an ASCII text, without the cache (for one-off values in bulk)."""
    return [w for w in _ASCII_NON_WORD.split(text.lower()) if w]


def compact(text: str) -> str:
    """Folded with no spaces: ``"Close-date"``, ``"close_date"``, ``"closedate"`` → ``"closedate"``."""
    return fold(text).replace(" ", "")


def _is_han(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"


def has_han(text: str) -> bool:
    return not text.isascii() and any(_is_han(c) for c in text)


PLURAL_ENDINGS = ("", "s", "es", "x", "n", "en", "e")
"""Endings accepted after a keyword: relance(s), seguimiento(s), erinnerung(en), nouveau(x)."""


def folded_words(text: str) -> frozenset[str]:
    """The folded, space-separated words of a word list written as one string."""
    return frozenset(fold(word) for word in text.split())


def _variants(words: Iterable[str]) -> frozenset[str]:
    """Folded, compacted keywords with their plural forms."""
    return frozenset(compact(word) + ending for word in words for ending in PLURAL_ENDINGS)


def word_forms(label: str) -> set[str]:
    """Each folded word of ``label``, and each pair of neighbouring words written together, so
    ``follow-up``, ``follow up`` and ``followup`` all give ``followup``."""
    words = tokens(label)
    forms = set(words)
    forms.update(a + b for a, b in itertools.pairwise(words))
    return forms


def singular(word: str) -> str:
    """A light, language-neutral singular for comparing two labels written in the same language."""
    if len(word) > 3 and word[-1] in "sx" and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@functools.lru_cache(maxsize=CACHE_SIZE)
def stage_key(label: str) -> str:
    """A stage label reduced for comparing pipelines: folded, words in the singular."""
    return " ".join(singular(w) for w in tokens(label))


# --- HW202: follow-up / reminder / relaunch stages -----------------------------------------

FOLLOW_UP_WORDS = _variants(
    (
        # English
        "follow up",
        "followup",
        "reminder",
        "remind",
        "reminding",
        "reminded",
        "chase",
        "chased",
        "chasing",
        "chaser",
        "relaunch",
        "relaunched",
        "relaunching",
        "nudge",
        "recontact",
        "re contact",
        # French (relancé, rappelé fold to relance, rappele)
        "relance",
        "relancer",
        "rappel",
        "rappeler",
        "rappelé",
        # German (compounds are caught by FOLLOW_UP_STEMS)
        "nachfassen",
        "nachhaken",
        # Spanish
        "seguimiento",
        "recordatorio",
        "recordar",
        "relanzar",
        "relanzamiento",
    )
)
"""Whole words (or two words written together) that make a stage a follow-up."""

FOLLOW_UP_STEMS = tuple(
    fold(stem)
    for stem in (
        # German compounds: Zahlungserinnerung, Angebotsnachfassung, Wiedervorlage ...
        "erinnerung",
        "nachfass",
        "nachgefasst",
        "nachhak",
        "wiedervorlage",
        "nachverfolg",
        # Chinese: follow up, remind, relaunch (the translated article's word), urge, callback
        "跟进",
        "提醒",
        "重新启动",
        "催促",
        "催单",
        "回访",
        "再次联系",
    )
)
"""Parts of a word that make a stage a follow-up wherever they appear in it."""


@functools.lru_cache(maxsize=CACHE_SIZE)
def is_follow_up(label: str) -> bool:
    """True for "Follow-up", "Relance client", "Rappels", "Nachfassen", "Seguimiento", "跟进" ...;
    False for "Quote sent", "Relations established", "Remise du devis", "Rapport envoyé" ...

    Deliberately not matched: French "suivi" and Chinese "跟踪" (they also mean order *tracking*,
    a legitimate administration stage).
    """
    if word_forms(label) & FOLLOW_UP_WORDS:
        return True
    folded = fold(label)
    return any(stem in folded for stem in FOLLOW_UP_STEMS)


# --- HW102: pipelines named after a person ------------------------------------------------

FIRST_NAMES = folded_words(
    # English
    "John James Michael David Robert William Richard Thomas Charles Daniel Matthew Anthony "
    "Paul Steven Andrew Kevin Brian George Edward Peter Kenneth Jason Ryan Eric Adam Scott "
    "Jeff Gary Josh Justin Brandon Harry Jack Oliver Tom Mike Dave Steve Chris Alex Ben "
    "Dan Joe Jim Tim Nick Tony Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica "
    "Sarah Karen Nancy Lisa Emily Emma Olivia Sophia Isabella Mia Charlotte Amelia Sophie "
    "Lucy Alice Laura Anna Kate Jane Julia Rachel Rebecca Hannah Michelle Amanda Nicole "
    "Stephanie Helen Claire Kelly Megan Ashley Lauren Henry Arthur Nathan Noah Liam Ethan "
    "Ava Freya Jules Gabriel Raphaël Léo Lina Donald Joshua Timothy Ronald Jeffrey Jacob "
    "Nicholas Stephen Larry Raymond Dennis Jerry Douglas Walter Terry Gerald Harold Lawrence "
    "Jesse Bryan Bruce Alan Albert Elijah Randy Ralph Bobby Russell Bradley Philip Eugene"
    # French
    " Jean Pierre Jacques Michel Philippe Alain Nicolas François Laurent Stéphane Christophe "
    "Marc Luc Yannick Gilles Hervé Pascal Didier Bruno Arnaud Cédric Jérôme Rémi Yves Loïc "
    "Sébastien Julien Antoine Louis Hugo Lucas Mathieu Olivier Vincent Guillaume Thierry "
    "Patrick Didier Bruno Benoît Yves Jérôme Fabrice Cédric Arnaud Romain Maxime Clément "
    "Baptiste Marie Isabelle Nathalie Catherine Sylvie Christine Valérie Camille Julie Céline "
    "Chloé Manon Léa Élodie Aurélie Émilie Sandrine Véronique Françoise Monique Anne Mathilde "
    "Pauline Margaux Inès Amélie Hélène Agnès Brigitte"
    # German
    " Hans Klaus Jürgen Wolfgang Stefan Andreas Uwe Dieter Helmut Günter Karl Heinz Werner "
    "Markus Tobias Lukas Felix Jonas Maximilian Sebastian Florian Matthias Christian Martin "
    "Sabine Petra Monika Ursula Karin Birgit Claudia Susanne Andrea Stefanie Katharina Anja "
    "Lena Leonie Jörg Jens Sven Kai Björn Heike Silke Gabriele"
    # Spanish
    " José Juan Carlos Luis Javier Miguel Antonio Manuel Francisco Pedro Jorge Alejandro Diego "
    "Pablo Sergio Fernando Raúl Ricardo Andrés Alberto María Carmen Ana Lucía Marta Elena "
    "Isabel Cristina Sofía Paula Sara Pilar Teresa Beatriz Raquel Valentina Camila "
    "Gabriela Javiera Mateo"
    # more English and international first names common in sales teams
    " Jake Marcus Luke Sean Connor Kyle Tyler Aaron Zach Zachary Logan Mason Caleb Dylan Evan "
    "Owen Ian Graham Neil Stuart Craig Gavin Wayne Dean Carl Ross Shaun Derek Trevor Keith "
    "Gordon Duncan Callum Jamie Jonathan Samuel Benjamin Joseph Alexander Christopher Nathaniel "
    "Chloe Zoe Ella Amy Katie Jenny Natalie Heather Tiffany Brittany Samantha Caroline Diana "
    "Fiona Gemma Abigail Madison Hailey Brooke Jasmine Vanessa Melissa Angela Kimberly Christina "
    "Priya Raj Rahul Amit Anil Sanjay Deepak Arjun Vikram Neha Pooja Anjali Ravi Suresh Rohan "
    "Aditya Kiran Sunita Hiroshi Yuki Kenji Takashi Haruto Sakura Hana Minh Thanh Ngoc "
    "Mohammed Mohamed Muhammad Ahmed Ahmad Omar Hassan Hussein Youssef Yusuf Ibrahim Khalid "
    "Tariq Bilal Hamza Amine Mehdi Karim Rachid Samir Nadir Farid Sofiane Nabil Walid Yassine "
    "Ayoub Fatima Aisha Aicha Leila Layla Samira Nour Yasmine Yasmina Nadia Salma Khadija Meriem "
    "Amira Sonia Rania Fatou Aminata Moussa Mamadou Ousmane Ibrahima Abdoulaye Kofi Kwame "
    "Marco Giulia Luca Giuseppe Francesca Alessandro Matteo Lorenzo Chiara Federica Davide "
    "Sven Lars Ingrid Astrid Erik Nils Olga Ivan Dmitri Sergei Natasha Katarzyna Piotr Tomasz "
    "Joao Tiago Rui Inês Beatriz Joana Pieter Jeroen Sanne Bram Daan"
    # more French first names
    " Théo Mathis Enzo Axel Quentin Adrien Damien Fabien Gaëtan Loïc Mickaël Tristan Valentin "
    "Corentin Killian Alexis Thibault Thibaut Jérémy Bastien Alexandre Rémi Rémy Cyril Xavier "
    "Frédéric Emmanuel Gilles Hervé Pascal Serge Francis Jean-Pierre Jean-Marc Jean-Luc "
    "Jean-François Marc-Antoine Yann Erwan Gwenaël Kévin Anthony Mathias Timothée "
    "Louise Clara Anaïs Audrey Justine Marion Morgane Laetitia Virginie Delphine Géraldine "
    "Karine Nadège Ophélie Coralie Margot Romane Léna Agathe Apolline Capucine Élise Estelle "
    "Eva Gaëlle Jeanne Juliette Maëlle Maëva Mélissa Noémie Perrine Salomé Solène Tiphaine "
    "Mélanie Océane Lucie Laure Yasmine Sylvain Ludovic Florent Aurélien Grégory Jérémie Joël "
    "Lionel Marcel René Roger Gérard Bernard Daniel Jacqueline Josiane Martine Nicole "
    "Chantal Corinne Danielle Évelyne Fabienne Murielle Pascale Patricia Sophie Stéphanie"
)
"""Common first names. Left out on purpose, because they are also words a pipeline may carry:
Mark, Will, Bill, Grant, Chase, Lance, Max, Sam, Jan, May, June, Rose, Victoria, Mercedes, Jordan,
Marina, Santiago."""

NOT_A_PERSON = folded_words(
    "sales partner partners customer customers client clients company team department "
    "business enterprise smb year quarter today month week product service services "
    "everyone manager"
)
"""Words that may carry a possessive ("Partner's pipeline", "Team's deals") without naming a person."""

_POSSESSIVE = re.compile(r"(?<![\w'’])([^\W\d_][\w-]+)['’]s?(?=\s|$)")
"""``John's``, ``John’s``, ``Hans'`` (German), ``James'``; not French elision (``l'équipe``)."""

CHINESE_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫"
    "孔向汤小老阿"
)
"""Common Chinese surnames, plus 小/老/阿 (小王, 老李, 阿明)."""

_CHINESE_OWNER = re.compile(r"([\u3400-\u9fff]{2,3})的")


@functools.lru_cache(maxsize=4096)
def person_in(label: str) -> str | None:
    """The person a pipeline label names, or None: "John's pipeline" → "John",
    "Pipeline Marie" → "marie", "Affaires de Pierre" → "pierre", "张伟的管道" → "张伟"."""
    for match in _POSSESSIVE.finditer(label):
        word = match.group(1)
        if word[:1].isupper() and word.replace("-", "").isalpha() and fold(word) not in NOT_A_PERSON:
            return word
    for word in _WORD.findall(label):
        if fold(word) in FIRST_NAMES:
            return word
    for match in _CHINESE_OWNER.finditer(unicodedata.normalize("NFKC", label)):
        name = match.group(1)
        if name[0] in CHINESE_SURNAMES:
            return name
    return None


# --- HW102: pipelines named after a product -----------------------------------------------

PRODUCT_WORDS = _variants(("product", "produit", "produkt", "producto", "prodotto", "gamme", "sku"))
"""Words that make a pipeline label about a product: "Product A", "Produit X", "Produkte"..."""

PRODUCT_STEMS = tuple(fold(s) for s in ("produkt", "产品", "商品"))
"""Parts of a word: German compounds (Produktlinie), Chinese (产品A管道)."""

PRODUCT_PROPERTY_STEMS = tuple(
    fold(s) for s in ("product", "produit", "produkt", "producto", "prodotto", "gamme", "产品", "商品")
)
"""A property whose name or label contains one of these is product-like (product_type,
"Type de produit", "Produktart", "产品类型"); its options are product names."""

GENERIC_OPTIONS = folded_words(
    "other others autre autres andere anderes sonstige sonstiges otro otros otra otras "
    "none aucun keine ninguno na n/a misc divers varios various all tous alle todos 其他 无 全部"
)
"""Option values too generic to call a pipeline "named after a product"."""


NOT_PRODUCT_PREFIXES = tuple(fold(p) for p in ("producti", "produkti", "produccio", "productiv"))
"""Production, Produktion, producción, productivity: not about products."""


def _about_product(word: str, stems: tuple[str, ...]) -> str | None:
    """The product stem inside a folded word, unless the word is about production."""
    if word.startswith(NOT_PRODUCT_PREFIXES):
        return None
    return next((stem for stem in stems if stem in word), None)


def is_product_like(name: str, label: str) -> bool:
    """A property holding product names, judged from its internal name and label
    (product_type, "Type de produit", "Produktart", "产品类型"; not production_status)."""
    words = tokens(name) + tokens(label)
    return any(_about_product(word, PRODUCT_PROPERTY_STEMS) for word in words)


class ProductNames:
    """Product names (option values of product-like properties) prepared for fast lookup: a
    label is matched against this set by its runs of consecutive words, never name by name."""

    def __init__(self, names: Iterable[str] = (), labels: Iterable[str] | None = None) -> None:
        """``labels``, when given, are the only labels :meth:`find` will be asked about: names
        with a word none of them has are skipped at once (a config may hold thousands)."""
        self.words: dict[tuple[str, ...], str] = {}
        self.han: dict[str, str] = {}
        vocabulary: set[str] | None = None
        han_text = ""
        if labels is not None:
            labels = list(labels)
            vocabulary = {singular(w) for label in labels for w in tokens(label)}
            han_text = " ".join(compact(label) for label in labels if has_han(label))
        for name in names:
            if name.isascii():
                raw = ascii_words(name)
                if vocabulary is not None and not all(
                    w in vocabulary or singular(w) in vocabulary for w in raw
                ):
                    continue  # fails at the first word no label has: cheap for thousands
                name_words = [singular(w) for w in raw]
            else:
                name_words = [singular(w) for w in tokens(name)]
            if not name_words or " ".join(name_words) in GENERIC_OPTIONS:
                continue
            key = "".join(name_words)
            if len(key) < 2:
                continue
            if has_han(name):
                key = compact(name)
                if labels is None or key in han_text:
                    self.han.setdefault(key, name)
            elif vocabulary is None or vocabulary.issuperset(name_words):
                self.words.setdefault(tuple(name_words), name)
        self.longest = max((len(k) for k in self.words), default=0)
        self.longest_han = max((len(k) for k in self.han), default=0)

    def find(self, label: str) -> str | None:
        words = [singular(w) for w in tokens(label)]
        for size in range(min(self.longest, len(words)), 0, -1):
            for start in range(len(words) - size + 1):
                found = self.words.get(tuple(words[start : start + size]))
                if found is not None:
                    return found
        if self.han:
            folded = compact(label)
            for size in range(min(self.longest_han, len(folded)), 1, -1):
                for start in range(len(folded) - size + 1):
                    found = self.han.get(folded[start : start + size])
                    if found is not None:
                        return found
        return None


def product_in(label: str, products: ProductNames | None = None) -> str | None:
    """The product a pipeline label names, or None: a product word ("Product A", "Produit X",
    "Produktlinie B", "产品A") or one of ``products`` (e.g. "Software" when a product_type
    property has that option)."""
    for word in _WORD.findall(label):
        folded_word = fold(word)
        if folded_word in PRODUCT_WORDS:
            return word
        stem = _about_product(folded_word, PRODUCT_STEMS)
        if stem is not None:
            return stem if has_han(stem) else word
    return products.find(label) if products is not None else None
