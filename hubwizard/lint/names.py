"""What a pipeline's name says: a product line, a person, or a department or process.

The guide allows one pipeline per *department* that takes part in selling (Sales, then
Administration) and never one per product or per salesperson. A pipeline's label usually says
which it is; these heuristics read it in English, French and Chinese (German and Spanish through
:mod:`hubwizard.lint.text`'s word lists).

- :func:`product_or_person` (HW105): "Software products", "Hardware", "John's deals",
  "Pipeline Jean", "Équipe de Marie", "软件产品", "张伟的交易".
- :func:`department_in` (HW107): "Sales", "Onboarding", "Renewals", "Partenariats", "续约".
- :func:`has_default_stages` (HW105): the stages HubSpot gives a new pipeline, left as they were.

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
from hubwizard.lint import text


def _words(*groups: str) -> frozenset[str]:
    """Folded single words and their plurals (+s, +x, +es)."""
    return frozenset(
        text.fold(w) + ending for group in groups for w in group.split() for ending in ("", "s", "x", "es")
    )


def _phrases(*phrases: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(text.singular(w) for w in text.tokens(p)) for p in phrases)


# --- product lines ----------------------------------------------------------------------

PRODUCT_NOUNS = _words(
    # English: what companies sell
    "software hardware licence license subscription saas edition package bundle plan printer "
    "laptop computer widget panel accessory accessories part parts equipment device machine kit "
    "hosting cloud app apps module tool tools appliance appliances consumable tablet firmware "
    "upgrade camera sensor server storage"
    # French
    " logiciel logiciels materiel licence abonnement offre forfait pack gamme imprimante "
    "piece pieces equipement appareil ordinateur accessoire edition module outil machine "
    "consommable tablette camera capteur serveur"
)
"""Product-ish nouns: a pipeline called "Hardware" or "Logiciels" is about one product line."""

PRODUCT_HAN = (
    "软件",
    "硬件",
    "设备",
    "许可",
    "订阅",
    "打印机",
    "配件",
    "备件",
    "耗材",
    "云",
    "版",
    "电脑",
    "笔记本",
    "平板",
    "摄像头",
    "太阳能",
    "套餐",
    "型号",
    "系列",
    "产品",
    "商品",
    "SaaS",
)
"""Chinese (and mixed) product words, found anywhere: 软件产品, 企业版, 云服务, SaaS订阅."""


# --- people -----------------------------------------------------------------------------

_NAME_AFTER = re.compile(
    r"(?i:^|\b)(?i:pipeline|deals?|affaires?|transactions?|opportunit(?:y|ies|é|és)|portefeuille|"
    r"équipe|equipe|team|accounts?|comptes?)\s*(?i:de\s+|d['’]\s*|of\s+|for\s+|pour\s+|[-–—:(]\s*)?"
    r"([A-ZÀ-Ý][a-zà-ÿ]+)\)?$"
)
"""A capitalised word that ends a label after "Pipeline", "Deals", "Affaires de" ...: the shape of
a person's pipeline even when the first name is not in the list ("Pipeline Zoé")."""

_CHINESE_NAME_SEGMENT = re.compile(r"^[\u3400-\u9fff]{2,3}$")


# --- departments and processes ------------------------------------------------------------

DEPARTMENTS: dict[str, tuple[str, ...]] = {
    "sales": (
        "sales",
        "sale",
        "selling",
        "new business",
        "business development",
        "inbound",
        "outbound",
        "field sales",
        "inside sales",
        "key account",
        "account management",
        "gestion des comptes",
        "prospecting",
        "vente",
        "ventes",
        "commercial",
        "nouvelles affaires",
        "nouvelle affaire",
        "grands comptes",
        "grand compte",
        "comptes cles",
        "prospection",
        "销售",
        "商务",
        "新业务",
        "大客户",
        "新客户开发",
        "拓展",
        "客户管理",
        "直销",
        "外呼",
        "拓客",
        "重点客户",
    ),
    "administration": (
        "administration",
        "admin",
        "back office",
        "adv",
        "administration des ventes",
        "contracts",
        "contract",
        "contrats",
        "legal",
        "juridique",
        "finance",
        "billing",
        "invoicing",
        "collections",
        "collection",
        "facturation",
        "recouvrement",
        "行政",
        "合同",
        "财务",
        "回款",
        "收款",
        "催收",
        "后台",
        "开票",
    ),
    "onboarding": (
        "onboarding",
        "implementation",
        "delivery",
        "fulfilment",
        "fulfillment",
        "installation",
        "deployment",
        "integration",
        "integration clients",
        "mise en service",
        "livraison",
        "deploiement",
        "交付",
        "实施",
        "部署",
        "上线",
        "安装",
        "入驻",
        "开通",
        "入职",
    ),
    "renewals": (
        "renewal",
        "renewals",
        "renew",
        "upsell",
        "cross sell",
        "expansion",
        "retention",
        "renouvellement",
        "fidelisation",
        "续约",
        "续费",
        "维系",
        "复购",
        "增购",
    ),
    "partners": (
        "partnership",
        "partner",
        "partners",
        "channel",
        "reseller",
        "partenariat",
        "partenaire",
        "revendeur",
        "合作",
        "伙伴",
        "渠道",
        "代理",
    ),
    "support": (
        "support",
        "customer success",
        "success",
        "customer service",
        "customer care",
        "service client",
        "succes client",
        "reussite client",
        "after sales",
        "sav",
        "客户成功",
        "售后",
        "客户服务",
        "客服",
    ),
    "recruitment": (
        "recruitment",
        "recruiting",
        "hiring",
        "hr",
        "human resources",
        "talent",
        "recrutement",
        "embauche",
        "rh",
        "ressources humaines",
        "candidatures",
        "招聘",
        "人力资源",
        "人事",
        "应聘",
    ),
}
"""Departments and processes that take part in selling, by concept, in English, French and
Chinese. A label that holds one of these (as whole words, or for Chinese anywhere) names a
department, not a product or a person."""

_DEPARTMENT_PHRASES: tuple[tuple[tuple[str, ...], str], ...] = tuple(
    sorted(
        (
            (phrase, concept)
            for concept, words in DEPARTMENTS.items()
            for phrase in _phrases(*words)
            if phrase
        ),
        key=lambda item: -len(item[0]),
    )
)
_DEPARTMENT_HAN: tuple[tuple[str, str], ...] = tuple(
    (word, concept) for concept, words in DEPARTMENTS.items() for word in words if text.has_han(word)
)

NOT_A_DEPARTMENT = _words("copy copie test untitled sans titre") | frozenset(("副本", "测试", "未命名"))
"""A copy, a test or an untitled pipeline is a leftover, whatever its name says."""

GENERIC_WORDS = _words(
    "pipeline pipe deal deals opportunity opportunities opportunite affaire transaction board "
    "funnel tunnel main principal default defaut par new nouveau nouvelle team equipe the of de du des la le "
    "les for pour and et my mon ma our notre"
) | frozenset(("管道", "交易", "商机", "主", "默认", "新", "的"))
"""Words any pipeline may carry: "Deal pipeline", "Pipeline principal", "销售管道"."""


# --- classification -----------------------------------------------------------------------


class Reading(NamedTuple):
    """What a label names: ``kind`` and the word that shows it."""

    kind: Literal["product", "person"]
    word: str


def _has_han_word(folded: str, words: Iterable[str]) -> str | None:
    return next((w for w in words if w in folded), None)


@functools.lru_cache(maxsize=4096)
def product_or_person(label: str, products: text.ProductNames | None = None) -> Reading | None:
    """A product line or a person named by a pipeline ``label``, or None for a department, a
    process or anything else. ``products``: option values of the setup's product-like
    properties (e.g. "Software" from ``product_type``)."""
    person = text.person_in(label)
    if person is not None:
        return Reading("person", person)
    person = _chinese_person(label)
    if person is not None:
        return Reading("person", person)
    if department_in(label) in (None, "sales"):
        # a product sold by the sales team is still a product line ("Hardware sales", "设备销售");
        # another department wins over a product word ("Software onboarding" is a process)
        product = text.product_in(label, products)
        if product is not None:
            return Reading("product", _named_product(label, product))
        for word in re.findall(r"[^\W_]+", label):
            if text.fold(word) in PRODUCT_NOUNS:
                return Reading("product", word)
        found = _has_han_word(unicodedata.normalize("NFKC", label), PRODUCT_HAN)
        if found is not None:
            return Reading("product", found)
    return None


_PRODUCT_WORD_TEXT = re.compile(r"产品线|产品|商品")
_LINE_WORDS = frozenset(("line", "lines", "ligne", "lignes", "range"))


def _named_product(label: str, found: str) -> str:
    """The product itself when ``found`` is only the word "product": "Software products" →
    "Software", "软件产品" → "软件", "Product A" → "A"; otherwise ``found``."""
    if text.fold(found) not in text.PRODUCT_WORDS and not _PRODUCT_WORD_TEXT.fullmatch(found):
        return found
    rest = [
        _PRODUCT_WORD_TEXT.sub("", word)
        for word in re.findall(r"[^\W_]+", label)
        if text.fold(word) not in text.PRODUCT_WORDS
        and text.fold(word) not in GENERIC_WORDS
        and text.fold(word) not in _LINE_WORDS
    ]
    rest = [word for word in rest if word]
    return " ".join(rest) if rest else found


def weak_person(label: str) -> str | None:
    """A capitalised word after "Pipeline", "Deals", "Affaires de" ... that is not a department
    or a generic word ("Pipeline Zoé"): a person's pipeline only if its stages say so too."""
    match = _NAME_AFTER.search(label.strip())
    if match is None or department_in(label) is not None:
        return None
    word = match.group(1)
    folded = text.fold(word)
    if folded in GENERIC_WORDS or department_in(word) is not None:
        return None
    return word


def _chinese_person(label: str) -> str | None:
    """A Chinese name standing alone as a part of the label: "销售管道 - 王芳", "交易（李娜）"."""
    parts = re.split(r"[\s\-–—:：()（）/·]+", unicodedata.normalize("NFKC", label))
    if len(parts) < 2:
        return None
    for part in parts:
        if (
            _CHINESE_NAME_SEGMENT.match(part)
            and part[0] in text.CHINESE_SURNAMES
            and department_in(part) is None
            and part not in GENERIC_WORDS
            and not any(h in part for h in PRODUCT_HAN)
        ):
            return part
    return None


@functools.lru_cache(maxsize=4096)
def department_in(label: str) -> str | None:
    """The department or process a label names ("sales", "administration", "onboarding",
    "renewals", "partners", "support", "recruitment"), or None. Copies and tests are not
    departments ("Sales Pipeline (copy)", "销售（副本）")."""
    words = [text.singular(w) for w in text.tokens(label)]
    if any(w in NOT_A_DEPARTMENT for w in text.tokens(label)):
        return None
    if any(h in label for h in ("副本", "测试", "未命名")):
        return None
    for phrase, concept in _DEPARTMENT_PHRASES:
        size = len(phrase)
        for start in range(len(words) - size + 1):
            if tuple(words[start : start + size]) == phrase:
                return concept
    folded = unicodedata.normalize("NFKC", label)
    for word, concept in _DEPARTMENT_HAN:
        if word in folded:
            return concept
    return None


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
