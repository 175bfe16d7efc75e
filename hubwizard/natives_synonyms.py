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
        "original traffic source",
        "traffic source",
        "source de trafic",
        "source de trafic d'origine",
        "流量来源",
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
        "来源渠道",
        "canal de provenance",
        "origine du contact",
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
        "order value",
        "order amount",
        "sale price",
        "selling price",
        "prix de vente",
        "montant de la vente",
        "valeur de la vente",
        "订单金额",
        "合同额",
        "签约金额",
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
        "date de closing",
        "closing",
        "date de conclusion",
        "date prévue de signature",
        "签约时间",
        "结单日期",
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
        "raison de l'échec",
        "motif d'échec",
        "cause de perte",
        "pourquoi perdu",
        "reason for loss",
        "输单理由",
        "丢单理由",
        "失败原因",
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
        "cell number",
        "cell phone number",
        "cellphone",
        "gsm",
        "numéro gsm",
        "移动电话号码",
    ),
    ("contacts", "email"): (
        "e-mail address",
        "adresse électronique",
        "邮件",
        "邮箱地址",
        "电子邮件地址",
        "work email",
        "business email",
        "email professionnel",
        "adresse mail",
        "mail professionnel",
        "e-mail professionnel",
        "电子邮箱",
        "工作邮箱",
        "企业邮箱",
    ),
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
        "number of staff",
        "staff count",
        "nombre de collaborateurs",
        "effectifs",
        "taille de l'entreprise",
        "tranche d'effectif",
        "公司规模",
        "员工数量",
        "人员规模",
    ),
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
        "annual sales",
        "yearly turnover",
        "年营业收入",
        "营业收入",
        "年度销售额",
    ),
    ("companies", "phone"): (
        "phone",
        "telephone",
        "phone number",
        "numéro de téléphone",
        "电话号码",
        "main phone",
        "switchboard",
        "main number",
        "téléphone du standard",
        "téléphone standard",
        "numéro du standard",
        "公司电话",
        "总机",
        "座机",
    ),
    # --- deals ------------------------------------------------------------------------------
    ("deals", "dealname"): (
        "opportunity title",
        "deal title",
        "intitulé",
        "intitulé de l'affaire",
        "intitulé de l'opportunité",
        "项目名称",
        "交易标题",
    ),
    ("deals", "hubspot_owner_id"): (
        "account executive",
        "ae",
        "sales owner",
        "rep",
        "assigned to",
        "assignee",
        "salesman",
        "commercial en charge",
        "chargé d'affaires",
        "chargé de compte",
        "attribué à",
        "commercial assigné",
        "归属销售",
        "跟进人",
        "负责销售",
        "业务员",
        "客户经理",
        "销售代表",
    ),
    ("deals", "dealstage"): (
        "sales stage",
        "deal status",
        "opportunity status",
        "opportunity stage",
        "statut de l'affaire",
        "statut de la transaction",
        "statut du deal",
        "étape de vente",
        "phase de vente",
        "étape commerciale",
        "销售阶段",
        "商机状态",
        "交易状态",
        "进度",
    ),
    ("deals", "dealtype"): ("opportunity type", "type de deal", "type d'opportunité", "商机类型"),
    ("deals", "hs_priority"): ("importance", "重要程度", "重要性"),
    ("deals", "hs_deal_stage_probability"): (
        "likelihood to close",
        "likelihood",
        "close probability",
        "probability to close",
        "chance of winning",
        "chance to win",
        "confidence",
        "probabilité de succès",
        "probabilité de signature",
        "probabilité de gain",
        "probabilité de conclusion",
        "chance de succès",
        "赢率",
        "成交概率",
        "成单率",
        "赢单率",
        "成功率",
    ),
    ("deals", "hs_forecast_amount"): (
        "weighted value",
        "weighted revenue",
        "weighted pipeline",
        "valeur pondérée",
        "montant prévisionnel",
        "ca pondéré",
        "加权金额",
        "预测收入",
    ),
    ("deals", "hs_next_step"): (
        "next action",
        "next steps",
        "action suivante",
        "prochaines étapes",
        "prochaine action",
        "下一步计划",
        "下一步行动",
        "后续计划",
    ),
    ("deals", "closed_won_reason"): (
        "why we won",
        "win reason",
        "reason won",
        "reason for winning",
        "motif de gain",
        "raison du succès",
        "raison de la victoire",
        "pourquoi gagné",
        "赢单理由",
        "成交原因",
        "成单原因",
    ),
    # --- contacts ---------------------------------------------------------------------------
    ("contacts", "firstname"): ("forename", "christian name"),
    ("contacts", "company"): (
        "employer",
        "organization",
        "organisation",
        "employeur",
        "nom de l'entreprise",
        "所在公司",
        "单位",
        "工作单位",
    ),
    ("contacts", "jobtitle"): (
        "role",
        "job role",
        "position title",
        "title position",
        "poste occupé",
        "intitulé du poste",
        "intitulé de poste",
        "titre du poste",
        "岗位",
        "职务",
        "头衔",
    ),
    ("contacts", "address"): (
        "street",
        "mailing address",
        "postal address",
        "adresse postale",
        "rue",
        "街道",
        "详细地址",
        "联系地址",
    ),
    ("contacts", "city"): ("town", "commune", "localité", "所在城市"),
    ("contacts", "country"): ("nation", "country/region", "国家/地区", "所在国家"),
    ("contacts", "lifecyclestage"): ("lifecycle", "生命周期", "客户阶段"),
    ("contacts", "hubspot_owner_id"): (
        "account owner",
        "sales rep",
        "assigned to",
        "commercial",
        "responsable",
        "propriétaire",
        "负责人",
        "跟进人",
        "归属销售",
    ),
    ("contacts", "website"): ("web", "url", "网址", "官网"),
    # --- companies --------------------------------------------------------------------------
    ("companies", "name"): (
        "business name",
        "organization name",
        "organisation",
        "nom de la société",
        "nom société",
        "dénomination",
        "dénomination sociale",
        "企业名称",
        "公司名",
        "单位名称",
    ),
    ("companies", "domain"): ("website domain", "domain name", "nom de domaine"),
    ("companies", "industry"): (
        "secteur",
        "activité",
        "所在行业",
        "vertical",
        "industry type",
        "domaine d'activité",
        "branche d'activité",
        "行业类别",
        "行业类型",
    ),
    ("companies", "city"): ("town", "ville du siège", "所在城市"),
    ("companies", "country"): ("country", "所在国家", "国家/地区"),
    ("companies", "hubspot_owner_id"): (
        "account owner",
        "account manager",
        "owner",
        "sales rep",
        "commercial",
        "responsable du compte",
        "propriétaire du compte",
        "客户经理",
        "负责人",
        "归属销售",
    ),
    # --- tickets ----------------------------------------------------------------------------
    ("tickets", "subject"): (
        "issue title",
        "ticket title",
        "summary",
        "objet de la demande",
        "titre du ticket",
        "工单标题",
        "问题标题",
    ),
    ("tickets", "content"): (
        "issue description",
        "problem description",
        "details",
        "description du problème",
        "détails",
        "问题描述",
        "详情",
        "工单内容",
        "内容",
    ),
    ("tickets", "hs_ticket_priority"): (
        "urgency",
        "urgence",
        "niveau d'urgence",
        "urgency level",
        "importance",
        "紧急程度",
        "紧急度",
        "重要程度",
    ),
    ("tickets", "hubspot_owner_id"): (
        "assigned agent",
        "agent",
        "assignee",
        "assigned to",
        "handled by",
        "agent assigné",
        "technicien",
        "attribué à",
        "处理人",
        "受理人",
        "负责人",
    ),
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

_ASIDES = re.compile(
    r"[(（][^()（）]*[/|][^()（）]*[)）]"  # a list of its values: "Type of deal (New / Existing)"
    r"|[(（]\s*(?i:custom|perso|personnalis[ée]e?|own|copy|copie|自定义)\s*[)）]"  # "Lead status (custom)"
)


def plain_label(value: str) -> str:
    """A name or label without the asides in brackets that do not change what it names: the
    list of its values and a "(custom)" mark. Both readers (HW301, the search) read this."""
    return _ASIDES.sub(" ", value).strip()


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
