"""The names people give HubSpot's own properties, in English, French and Chinese.

A sales manager looking for "source", "chiffre d'affaires" or "金额" means HubSpot's Original
Source or Amount; a custom property with that name is the copy the guide warns against (missing
from default views, reports built by hand). These names feed both readers of
:mod:`hubwizard.natives`: HW301 (a custom property that duplicates a native one) and the
wizard's native-property search (:func:`hubwizard.natives.search`).

Two kinds of knowledge live here:

- :data:`SYNONYMS`: more names per native property, added to the catalogue's own synonyms
  (HubSpot's labels in its French and Chinese interfaces among them);
- :data:`OBJECT_WORDS`: words that only repeat which object the property is on ("*Deal* revenue",
  "Source *du contact*", "*商机*金额"). They are dropped before comparing, so "Contact source" is
  Original Source and "Valeur de l'affaire" is Amount.

No import from :mod:`hubwizard.lint` (it imports the catalogue): folding is done here.
"""

from __future__ import annotations

import re
import unicodedata

SYNONYMS: dict[tuple[str, str], tuple[str, ...]] = {
    ("contacts", "hs_analytics_source"): (
        "source",
        "provenance",
        "lead source",
        "original source",
        "origin",
        "source d'origine",
        "origine",
        "canal d'acquisition",
        "canal d'origine",
        "canal",
        "channel",
        "acquisition channel",
        "渠道",
        "获客来源",
        "获客渠道",
        "来源",
        "原始来源",
    ),
    ("deals", "amount"): (
        "revenue",
        "turnover",
        "ca",
        "chiffre d'affaires",
        "chiffre d'affaire",
        "收入",
        "营收",
        "销售额",
        "成交金额",
        "营业额",
        "交易额",
        "成交额",
        "总额",
    ),
    ("deals", "closedate"): (
        "date de fermeture",
        "close",
        "clôture",
        "signature date",
        "signing date",
        "date de signature",
        "成交时间",
        "签约日期",
        "签单日期",
        "关单日期",
        "关单时间",
    ),
    ("deals", "closed_lost_reason"): (
        "reason lost",
        "lost reason",
        "loss reason",
        "why lost",
        "raison de la perte",
        "motif de perte",
        "丢单原因",
        "输单原因",
    ),
    ("contacts", "phone"): (
        "tel",
        "tél",
        "phone number",
        "telephone number",
        "numéro",
        "numéro de téléphone",
        "电话号码",
        "联系电话",
        "office phone",
        "work phone",
        "téléphone fixe",
        "fixe",
        "座机",
        "固定电话",
        "办公电话",
    ),
    ("contacts", "mobilephone"): (
        "mobile number",
        "cell",
        "numéro de téléphone portable",
        "numéro de mobile",
        "numéro de portable",
        "tél portable",
        "手机号",
        "手机号码",
        "移动电话",
    ),
    ("contacts", "email"): ("e-mail address", "adresse électronique", "邮件", "邮箱地址", "电子邮件地址"),
    ("companies", "numberofemployees"): (
        "company size",
        "size",
        "headcount",
        "employee count",
        "staff",
        "taille",
        "nombre d'employés",
        "nombre de salariés",
        "salariés",
        "规模",
        "员工人数",
        "员工数",
        "员工规模",
        "人数",
    ),
    ("companies", "industry"): ("secteur", "activité", "所在行业"),
    ("companies", "annualrevenue"): (
        "chiffre d'affaires annuel",
        "ca annuel",
        "yearly revenue",
        "annual turnover",
        "年营业额",
        "年收入",
        "年营收",
        "年度营收",
        "年销售额",
    ),
    ("companies", "phone"): ("phone", "telephone", "phone number", "numéro de téléphone", "电话号码"),
}
"""More names per native property (object, internal name), beyond the catalogue's own."""

OBJECT_WORDS: dict[str, tuple[str, ...]] = {
    "contacts": ("contact", "contacts", "lead", "leads", "联系人", "线索", "客户"),
    "deals": (
        "deal",
        "deals",
        "opportunity",
        "opportunities",
        "affaire",
        "affaires",
        "transaction",
        "transactions",
        "opportunité",
        "交易",
        "商机",
    ),
    "companies": ("company", "companies", "entreprise", "société", "organisation", "公司", "企业"),
    "tickets": ("ticket", "tickets", "工单"),
}
"""Words that name the object a property is on: they do not make a property different."""

NEUTRAL_WORDS: tuple[str, ...] = (
    "contract",
    "sales",
    "total",
    "expected",
    "estimated",
    "target",
    "number",
    "business",
    "category",
    "eur",
    "usd",
    "gbp",
    "chf",
    "cible",
    "nombre",
    "nb",
    "categorie",
    "contrat",
    "vente",
    "ht",
    "ttc",
    "prevu",
    "prevue",
    "estime",
    "estimee",
    "合同",
    "销售",
    "预计",
    "所属",
    "目标",
    "类别",
    "人民币",
)
"""Words that qualify a name without changing what it is, on any object: "*Contract* value",
"Montant *HT*", "CA *TTC*", "*预计*成交时间", "*所属*行业" (folded: no accents)."""

CONNECTORS = frozenset(("de", "du", "des", "d", "l", "la", "le", "of", "the", "for", "s"))
"""Words between a property's name and its object ("Source *du* contact", "Deal*'s* value")."""

_NON_WORD = re.compile(r"[\W_]+")


def fold(text: str) -> str:
    """Lower case, accents and punctuation gone, one space between words: "Source du Contact" →
    "source du contact", "Chiffre d'affaires" → "chiffre d affaires"."""
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(_NON_WORD.sub(" ", text).split())


_NEUTRAL = frozenset(w for w in NEUTRAL_WORDS if w.isascii())
_FOLDED_OBJECT_WORDS = {
    obj: frozenset(fold(w) for w in words) | _NEUTRAL for obj, words in OBJECT_WORDS.items()
}
_HAN_NEUTRAL = tuple(w for w in NEUTRAL_WORDS if not w.isascii())
_HAN_OBJECT_WORDS = {
    obj: (*(w for w in words if not w.isascii()), *_HAN_NEUTRAL) for obj, words in OBJECT_WORDS.items()
}


def _finder(words: frozenset[str]) -> re.Pattern[str]:
    alternatives = "|".join(sorted((re.escape(w) for w in words if w.isascii()), key=len, reverse=True))
    return re.compile(rf"(?:^|[^a-z0-9])(?:{alternatives})(?:$|[^a-z0-9])")


_NEUTRAL_FINDER = _finder(_NEUTRAL)
_ASCII_WORD_FINDERS = {obj: _finder(words) for obj, words in _FOLDED_OBJECT_WORDS.items()}


def without_object(object_name: str, words: list[str]) -> list[str]:
    """``words`` (folded) without the leading or trailing words that only name the object:
    ["deal", "revenue"] → ["revenue"]; ["source", "du", "contact"] → ["source"];
    ["商机金额"] → ["金额"]. Unchanged when nothing would be left."""
    names = _FOLDED_OBJECT_WORDS.get(object_name, _NEUTRAL)
    kept = list(words)
    while len(kept) > 1 and kept[0] in names:
        kept = kept[1:]
        while len(kept) > 1 and kept[0] in CONNECTORS:
            kept = kept[1:]
    while len(kept) > 1 and kept[-1] in names:
        kept = kept[:-1]
        while len(kept) > 1 and kept[-1] in CONNECTORS:
            kept = kept[:-1]
    if len(kept) == 1 and not kept[0].isascii():
        kept = [_without_han(kept[0], _HAN_OBJECT_WORDS.get(object_name, _HAN_NEUTRAL))]
    return kept if kept else list(words)


def _without_han(word: str, names: tuple[str, ...]) -> str:
    """A Chinese word without the object or neutral words before or after it: 商机金额 → 金额,
    预计成交时间 → 成交时间."""
    changed = True
    while changed:
        changed = False
        for name in names:
            if word.startswith(name) and len(word) > len(name):
                word, changed = word[len(name) :], True
            elif word.endswith(name) and len(word) > len(name):
                word, changed = word[: -len(name)], True
    return word


def may_name_object(object_name: str, value: str) -> bool:
    """A cheap test for an ASCII name or label: does it hold one of the object's words or a
    neutral word ("deal_revenue", "Contract value")?"""
    found = _ASCII_WORD_FINDERS.get(object_name, _NEUTRAL_FINDER).search(value.lower())
    return found is not None
