"""The vocabularies a pipeline's name is read with (:mod:`hubwizard.lint.names`), in English,
French and Chinese (German and Spanish where :mod:`hubwizard.lint.text` already reads them).

A second deal pipeline's name says one of four things:

- a **department or process** that takes part in selling: a small, closed vocabulary of teams,
  channels and process nouns (:data:`DEPARTMENTS`), plus the shape of a process, an object of
  the sale handled by an action ("Order processing", "Gestion de compte", "订单处理",
  :data:`PROCESS_OBJECTS`, :data:`PROCESS_ACTIONS`) and the shape of a team ("Alpha team",
  "市场部", :data:`TEAM_WORDS`);
- a **person** (:mod:`hubwizard.lint.text`'s first names and possessives);
- **something else that is no product**: a region or a country (:data:`REGIONS`), a customer
  segment (:data:`SEGMENTS`), a leftover (:data:`LEFTOVERS`: a copy, a test, "do not use") or
  only generic words and numbers (:data:`GENERIC`);
- otherwise a **product**: a product, a product line, a service line, an offer, a brand or a
  model. Products are an open vocabulary (any noun can be one), so they are what is left once the
  closed vocabularies above have been read.

Latin words are written naturally and folded once at import (:func:`hubwizard.lint.text.fold`),
a phrase is a run of whole words; Chinese words are found anywhere in the label.
"""

from __future__ import annotations

# --- departments and processes ------------------------------------------------------------

DEPARTMENTS: dict[str, tuple[str, ...]] = {
    "sales": (
        # English: the sales team and its channels
        "sales", "sale", "selling", "new business", "business development", "biz dev", "bizdev",
        "inbound", "outbound", "field sales", "inside sales", "telesales", "tele sales",
        "telemarketing", "direct sales", "indirect sales", "online sales", "key account",
        "key accounts", "strategic accounts", "strategic account", "named accounts",
        "major accounts", "global accounts", "national accounts", "enterprise accounts",
        "prospecting", "prospects", "prospect", "leads", "lead generation", "lead gen",
        "pre sales", "presales", "sdr", "bdr", "quotes", "quoting", "quotations", "proposals",
        "new customers", "new clients", "new logos", "acquisition", "customer acquisition",
        "hunting", "farming", "account executives", "account executive", "negotiation",
        "negotiations", "closing", "qualification", "lead qualification", "demo requests",
        "demos", "inquiries", "enquiries", "requests", "sales engineering",
        "solutions engineering", "call center", "call centre", "contact center", "kam",
        "e commerce", "ecommerce", "webshop", "web sales", "counter sales", "follow ups",
        "follow up", "followups", "trials", "trial", "free trials", "free trial", "pilots",
        "pilot", "poc", "pocs", "proof of concept", "samples", "sample requests", "bookings",
        "reservations", "admissions", "enrollment", "enrollments", "enrolment", "enrolments",
        "registrations", "appointments", "loan origination", "origination",
        # French
        "vente", "ventes", "commercial", "commerciale", "commerciaux", "nouvelles affaires",
        "nouvelle affaire", "grands comptes", "grand compte", "comptes cles", "compte cle",
        "comptes strategiques", "comptes majeurs", "prospection", "televente", "teleprospection",
        "ventes terrain", "vente terrain", "force de vente", "itinerants", "sedentaires",
        "developpement commercial", "business developpement", "avant vente", "devis",
        "conquete", "nouveaux clients", "acquisition clients", "pistes", "negociation",
        "negociations", "demandes de devis", "demandes", "centre d appels", "centre d appel",
        "relances", "relance", "vente en ligne", "ventes en ligne", "essais", "essai",
        "essais gratuits", "essai gratuit", "periode d essai", "pilotes", "echantillons",
        "reservations", "inscriptions", "admissions", "rendez vous", "prises de rendez vous", "vente a distance", "vente directe",
        "ventes directes", "direction commerciale", "service commercial", "equipe commerciale",
        # Chinese
        "销售", "商务", "新业务", "大客户", "新客户开发", "新客户", "拓展", "拓客", "直销", "外呼",
        "重点客户", "战略客户", "电销", "网销", "地推", "售前", "商机开发", "获客", "线索", "报价",
        "KA", "询价", "询盘", "谈判", "网店", "电商", "潜在客户", "意向客户", "潜客", "目标客户", "跟进",
        "试用", "试点", "招生", "报名", "预约", "样品", "打样", "预订",
    ),
    "tenders": (
        "tenders", "tender", "bids", "bid", "bidding", "rfp", "rfps", "rfq", "rfqs", "rfi",
        "public procurement", "procurement", "government contracts", "purchasing",
        "appels d offres", "appel d offres", "appels d offre", "ao", "marches publics",
        "marche public", "commande publique", "reponses aux appels d offres", "achats",
        "招投标", "投标", "招标", "政府采购", "标书", "采购项目", "采购",
    ),
    "marketing": (
        "marketing", "demand generation", "demand gen", "mql", "mqls", "lead nurturing",
        "nurturing", "events team", "press", "pr", "public relations", "influencers",
        "influencer marketing", "relations presse", "influenceurs", "公关", "媒体关系",
        "marketing", "generation de leads", "generation de demande",
        "市场部", "市场营销", "营销", "市场推广",
    ),
    "administration": (
        "administration", "admin", "back office", "backoffice", "adv", "administration des ventes",
        "contracts", "contract", "contract management", "contrats", "legal", "juridique",
        "finance", "billing", "invoicing", "invoices", "collections", "collection",
        "accounts receivable", "receivables", "credit control", "payments", "dunning",
        "orders", "order", "order processing", "order management", "order entry", "deal desk",
        "operations", "sales ops", "sales operations", "revops", "compliance", "kyc",
        "approvals", "accounting", "contracting", "credit check", "ops",
        "logistics", "fundraising", "investor relations", "investors", "donors", "major donors",
        "levee de fonds", "investisseurs", "donateurs", "mecenat", "mecenes", "grants",
        "underwriting", "vendor management", "vendors", "suppliers", "supplier management",
        "fournisseurs", "gestion des fournisseurs", "souscription",
        "facturation", "factures", "recouvrement", "contentieux", "impayes", "comptabilite",
        "commandes", "prise de commande", "prise de commandes", "traitement des commandes",
        "paiements", "conformite", "validation", "gestion administrative", "contractualisation",
        "logistique",
        "行政", "合同", "财务", "回款", "收款", "催收", "催款", "应收", "后台", "开票", "发票",
        "订单", "法务", "审批", "结算", "对账", "运营", "物流", "投资人", "投资者", "供应商", "核保",
    ),
    "onboarding": (
        "onboarding", "implementation", "implementations", "delivery", "fulfilment",
        "fulfillment", "installation", "deployment", "integration", "integration clients",
        "provisioning", "activation", "go live", "commissioning", "projects", "project delivery",
        "shipping", "setup", "project management",
        "mise en service", "mise en route", "mise en place", "livraison", "livraisons", "deploiement",
        "accompagnement", "demarrage", "projets", "expedition", "gestion de projet",
        "gestion de projets",
        "交付", "实施", "部署", "上线", "安装", "入驻", "开通", "发货", "履约", "项目管理",
    ),
    "renewals": (
        "renewal", "renewals", "renew", "upsell", "upsells", "upselling", "up sell",
        "cross sell", "cross selling", "expansion", "retention", "churn", "win back", "winback",
        "reactivation", "recovery", "existing customers", "existing clients", "installed base",
        "renouvellement", "renouvellements", "reabonnement", "fidelisation", "retention",
        "montee en gamme", "montees en gamme", "ventes additionnelles", "vente additionnelle",
        "ventes croisees", "vente croisee", "reactivation", "clients existants",
        "续约", "续费", "续签", "维系", "复购", "增购", "增值", "老客户", "客户维护", "挽回", "召回",
    ),
    "partners": (
        "partnership", "partnerships", "partner", "partners", "channel", "channels", "reseller",
        "resellers", "distributor", "distributors", "distribution", "dealer", "dealers",
        "dealer network", "var", "alliances", "alliance", "referral", "referrals", "affiliates",
        "affiliate", "agents", "agencies", "integrators", "franchisees", "wholesale",
        "wholesalers", "oem", "oems", "odm",
        "partenariat", "partenariats", "partenaire", "partenaires", "revendeur", "revendeurs",
        "distributeur", "distributeurs", "reseau", "reseaux", "apporteurs d affaires",
        "apporteur d affaires", "prescripteurs", "prescripteur", "integrateurs", "grossistes",
        "franchises", "franchises", "canal", "canaux", "canal indirect",
        "合作", "伙伴", "渠道", "代理", "经销", "分销", "加盟", "批发", "联盟", "招商",
    ),
    "support": (
        "support", "customer success", "success", "customer service", "customer care",
        "client services", "client service", "customer experience", "account management",
        "account managers", "account manager", "help desk", "helpdesk", "service desk",
        "after sales", "aftersales", "claims", "complaints", "returns", "rma", "escalations",
        "warranty claims", "customer operations", "customer ops", "field service",
        "service client", "services clients", "service clients", "succes client",
        "reussite client", "relation client", "relations clients", "gestion de compte",
        "gestion des comptes", "gestion de comptes", "apres vente", "sav", "reclamations",
        "retours", "suivi client", "suivi clients",
        "客户成功", "售后", "客户服务", "客服", "客户运营", "客户关系", "技术支持", "投诉", "退货", "退款",
        "客情",
    ),
    "recruitment": (
        "recruitment", "recruiting", "hiring", "hr", "human resources", "talent",
        "talent acquisition", "candidates", "applicants", "interviews", "people ops",
        "job applications", "job applicants",
        "recrutement", "recrutements", "embauche", "embauches", "rh", "ressources humaines",
        "candidatures", "candidats", "entretiens d embauche",
        "招聘", "人力资源", "人事", "应聘", "面试", "入职", "候选人", "简历",
    ),
}  # fmt: skip
"""Departments, teams and processes that take part in selling, by concept. A label that holds
one of these (as whole words, or for Chinese anywhere) names a department or a process."""

SALES_CHANNELS = (
    "inside", "field", "direct", "indirect", "online", "offline", "web", "digital", "retail",
    "store", "stores", "shop", "showroom", "counter", "phone", "telephone", "remote", "virtual",
    "door to door", "outside", "tele", "new", "repeat", "transactional", "technical",
    "consultative", "self serve", "self service", "group", "groups", "internal", "external",
    "hunter", "hunters", "farmer", "farmers", "reps", "rep", "executives",
    "directe", "directes", "indirecte", "indirectes", "en ligne", "a distance", "terrain",
    "comptoir", "magasin", "magasins", "boutique", "boutiques", "telephonique",
    "telephoniques", "itinerante", "itinerantes", "interne", "internes", "externe",
    "externes", "technique", "techniques", "entrant", "entrants", "sortant", "sortants",
)  # fmt: skip
"""What a sales team is told apart by, rather than what it sells: "Inside sales", "Retail
sales", "Ventes comptoir". "X sales" with any other X ("Wine sales") is a product's pipeline."""

SALES_CHANNELS_HAN = (
    "电话", "网络", "线上", "线下", "门店", "店面", "直播", "上门", "驻场", "柜台", "展会", "团队", "一部",
    "外勤", "现场", "地推", "外呼", "陌拜",
    "二部", "三部", "内部", "外部", "技术", "新",
)  # fmt: skip

PROCESS_OBJECTS = (
    "customer customers client clients account accounts compte comptes order orders commande "
    "commandes contract contracts contrat contrats invoice invoices facture factures payment "
    "payments paiement paiements lead leads prospect prospects candidate candidates candidat "
    "candidats"
)
"""What a selling process handles: with an action ("Order processing", "Gestion de compte") or
a qualifier ("Comptes stratégiques"), the label names the process."""

PROCESS_ACTIONS = (
    "management manage managing processing handling care relations relationship relationships "
    "experience operations ops success follow up followup handover hand over "
    "review reviews approval approvals entry intake qualification administration "
    "new existing key strategic major named global current active returning repeat "
    "gestion traitement prise suivi relation relations accompagnement qualification "
    "validation reprise nouveau nouveaux nouvelle nouvelles existant existants actuels actifs "
    "strategique strategiques cle cles majeur majeurs fideles development developpement "
    "enablement engineering support coordination planning prevention request requests"
)
"""The actions and qualifiers of a process (management, processing, gestion, suivi, new,
existing, key ...)."""

PROCESS_OBJECTS_HAN = ("客户", "订单", "合同", "发票", "线索", "候选人", "账户")
PROCESS_ACTIONS_HAN = (
    "管理", "维护", "处理", "运营", "跟踪", "关系", "服务", "拓展", "开发", "审核", "审批", "对接",
    "新", "老", "重点", "存量", "增量", "活跃", "支持", "跟进", "维系", "申请", "登记",
)  # fmt: skip

SERVICE_WORKS = (
    "installation installations pose project projects projet projets delivery deliveries shipping "
    "livraison livraisons expedition"
)
"""Department words that, with a name of their own, are the work being sold: "Installations" and
"Delivery" are teams, "Solar installations", "Flower delivery" and "Livraison de repas" service
lines."""

TEAM_WORDS = "team teams department departments dept desk squad unit equipe equipes departement pole cellule"
"""A word that makes the label a team's: "Alpha team", "Pôle Export" (unless what the team is
named after is a person, a number or a generic word)."""

TEAM_SUFFIXES_HAN = ("部门", "事业部", "团队", "小组", "部")
"""Chinese organisation units at the end of a label: 大客户部, 市场部, 华东团队."""

# --- regions, segments, leftovers and generic words ---------------------------------------

REGIONS = (
    # world regions and their abbreviations
    "emea", "apac", "apj", "amer", "americas", "latam", "nam", "na", "noram", "emear", "mea",
    "mena", "dach", "anz", "benelux", "nordics", "nordic", "scandinavia", "iberia", "cee",
    "europe", "european", "eu", "asia", "asian", "africa", "african", "oceania", "middle east",
    "north america", "south america", "latin america", "central america", "north", "south",
    "east", "west", "central", "northern", "southern", "eastern", "western", "midwest",
    "northeast", "northwest", "southeast", "southwest", "east coast", "west coast",
    "international", "intl", "global", "worldwide", "domestic", "national", "regional",
    "local", "export", "overseas", "abroad", "region", "regions", "territory", "territories",
    "zone", "zones", "area", "country", "countries", "market", "markets", "mid",
    # countries (English)
    "uk", "gb", "us", "usa", "united states", "united kingdom", "britain", "england",
    "scotland", "wales", "ireland", "france", "germany", "spain", "italy", "portugal",
    "belgium", "netherlands", "holland", "luxembourg", "switzerland", "austria", "poland",
    "sweden", "norway", "denmark", "finland", "iceland", "czech republic", "hungary",
    "romania", "greece", "turkey", "russia", "ukraine", "canada", "mexico", "brazil",
    "argentina", "chile", "colombia", "peru", "china", "japan", "korea", "south korea",
    "india", "singapore", "malaysia", "indonesia", "thailand", "vietnam", "philippines",
    "australia", "new zealand", "south africa", "nigeria", "kenya", "egypt", "morocco",
    "algeria", "tunisia", "israel", "uae", "dubai", "saudi arabia", "qatar", "hong kong",
    "taiwan",
    # cities
    "london", "paris", "berlin", "madrid", "new york", "nyc", "san francisco", "chicago",
    "boston", "toronto", "montreal", "sydney", "tokyo", "shanghai", "beijing", "lyon",
    "marseille", "toulouse", "bordeaux", "lille", "nantes", "brussels", "bruxelles", "geneva",
    "geneve", "munich", "hamburg", "amsterdam", "milan", "barcelona",
    # French
    "monde", "nord", "sud", "est", "ouest", "centre", "sud ouest", "sud est", "nord ouest",
    "nord est", "ile de france", "idf", "paca", "grand est", "occitanie", "bretagne",
    "normandie", "nouvelle aquitaine", "auvergne rhone alpes", "hauts de france",
    "bourgogne franche comte", "pays de la loire", "corse", "dom tom", "outre mer",
    "allemagne", "espagne", "italie", "belgique", "suisse", "pays bas", "royaume uni",
    "etats unis", "angleterre", "irlande", "autriche", "pologne", "suede", "norvege",
    "danemark", "chine", "japon", "coree", "inde", "bresil", "mexique", "maroc", "algerie",
    "tunisie", "afrique", "amerique", "amerique du nord", "amerique latine", "asie", "europe",
    "moyen orient", "quebec", "france metropolitaine", "national", "regional", "regions",
    "etranger", "international", "export", "romande", "romand", "alemanique", "zone", "secteur", "territoire", "marche",
    "marches", "pays", "province", "pacifique", "asie pacifique", "atlantique", "outre",
    "maghreb", "afrique du nord", "afrique de l ouest", "levant", "rhone alpes", "rhone", "alpes",
    "provence", "alsace", "lorraine", "picardie", "aquitaine", "savoie", "vendee", "gironde",
    "cote d azur", "grand paris", "grand sud", "grand ouest", "hauts de seine", "seine",
    "europe du nord", "europe du sud", "europe de l est", "francophonie",
)  # fmt: skip
"""Regions, countries and big cities, with the abbreviations sales teams use."""

REGIONS_HAN = (
    "华东", "华南", "华北", "华中", "西南", "西北", "东北", "华西", "海外", "国内", "国外", "国际", "境外",
    "境内", "港澳台", "港澳", "大陆", "全国", "全球", "亚太", "东南亚", "欧洲", "北美", "南美", "拉美",
    "中东", "非洲", "亚洲", "大洋洲", "美国", "英国", "德国", "法国", "日本", "韩国", "印度", "澳洲",
    "澳大利亚", "加拿大", "俄罗斯", "新加坡", "香港", "台湾", "澳门", "北京", "上海", "广州", "深圳",
    "天津", "重庆", "成都", "杭州", "南京", "武汉", "西安", "苏州", "广东", "江苏", "浙江", "山东",
    "河南", "河北", "四川", "湖北", "湖南", "福建", "安徽", "江西", "辽宁", "吉林", "黑龙江", "山西",
    "陕西", "云南", "贵州", "广西", "海南", "甘肃", "青海", "宁夏", "新疆", "西藏", "内蒙古", "大区",
    "区域", "地区", "片区", "省内", "省外", "本地", "外地", "出口", "外贸", "市场", "一线城市",
    "二线城市", "区", "省", "市", "长三角", "珠三角", "京津冀", "江浙沪", "大湾区", "粤港澳", "东三省",
    "中亚", "中东欧", "出海", "跨境", "一带一路",
    *(n + "区" for n in "一二三四五六七八九十"),
)  # fmt: skip
"""Chinese regions (华东, 海外, 西南), countries, provinces and big cities. "区" (a region) only
counts at the end of a label (华东区)."""

SEGMENTS = (
    "smb", "smbs", "sme", "smes", "small business", "small businesses", "mid market",
    "midmarket", "mid size", "mid sized", "enterprise", "enterprises", "large enterprise",
    "large enterprises", "corporate", "corporates", "startup", "startups", "start ups",
    "scale ups", "b2b", "b2c", "b2g", "consumer", "consumers", "retail customers",
    "individuals", "private", "private customers", "residential", "commercial customers",
    "public sector", "government", "gov", "federal", "state and local", "education",
    "higher education", "healthcare", "nonprofit", "nonprofits", "non profit", "charities",
    "hospitality", "vip", "tier 1", "tier 2", "tier 3", "strategic", "long tail",
    "pme", "pmes", "tpe", "tpes", "tpe pme", "eti", "etis", "grands groupes", "grand groupe",
    "grandes entreprises", "grande entreprise", "grands comptes publics", "collectivites",
    "collectivites locales", "secteur public", "secteur prive", "administrations publiques",
    "particuliers", "professionnels", "entreprises", "associations", "mairies",
    "etablissements publics", "hopitaux", "ecoles", "b to b", "b to c", "students", "public",
    "prive", "sante", "education", "enseignement", "industrie", "industry", "industriel",
    "industriels", "manufacturing", "banque", "banques", "banking", "btp", "pharma",
    "pharmaceutique", "automotive", "hotellerie", "telecom", "telecoms", "media", "medias",
    "utilities", "luxe", "luxury", "agroalimentaire", "fintech", "fintechs", "listed companies",
    "fortune 500", "top accounts", "top customers",
    "etudiants", "eleves", "parents", "members", "membres", "schools", "school districts",
    "districts", "universities", "colleges", "municipalities", "universites", "lycees",
)  # fmt: skip
"""Customer segments: by size (SMB, mid-market, enterprise; PME, ETI, grands groupes), by kind
(B2B, public sector, particuliers) or by a few verticals that are never a product."""

SEGMENTS_HAN = (
    "中小企业", "小微企业", "中小微", "大型企业", "大企业", "中型企业", "政企", "政府", "国企", "央企",
    "事业单位", "民企", "外企", "个人客户", "企业客户", "个人", "散客", "机构客户", "行业客户", "教育",
    "医疗", "高校", "学校", "医院", "行业", "学生", "家长", "会员客户", "外资企业", "外资", "上市公司",
    "初创企业", "初创", "创业公司", "世界500强", "500强", "头部客户", "腰部客户", "长尾客户", "SMB", "中小客户",
    "高端", "中端", "低端", "优质客户", "VIP", "To B", "To C", "B端", "C端", "G端",
)  # fmt: skip

LEFTOVERS = (
    "copy", "copies", "copie", "copy of", "duplicate", "duplicated", "clone", "test", "tests",
    "untitled", "sans titre", "do not use", "dont use", "dnu", "not used",
    "unused", "ne pas utiliser", "inutilise", "archive", "archived", "archives", "obsolete",
    "deprecated", "draft", "brouillon", "sandbox", "backup", "sauvegarde", "delete",
    "to delete", "a supprimer", "supprimer", "xxx", "zz", "zzz", "todo", "tbd", "placeholder",
    "template", "templates", "pipeline modele", "modele de pipeline", "gabarit",
    "a trier", "a classer", "to sort", "to triage", "unsorted", "non classe", "non classes",
)  # fmt: skip
"""A copy, a test, an unused pipeline: a leftover, whatever else its name says."""

LEFTOVERS_WEAK = (
    "old", "ancien", "ancienne", "legacy", "temp", "tmp", "temporary", "temporaire", "demo",
    "example", "exemple", "sample", "previous", "precedent", "testing",
)  # fmt: skip
"""Words of a leftover that are also ordinary modifiers ("Temp staffing", "Legacy products"): a
leftover only when nothing else in the label names a thing ("Old pipeline", "Demo")."""

LEFTOVERS_HAN = (
    "副本", "复制", "拷贝", "未命名", "旧数据", "历史数据", "遗留数据", "测试用", "测试专用", "测试管道", "无标题", "停用", "弃用", "废弃", "作废", "勿用", "不要用",
    "不用", "旧管道", "旧版管道", "草稿", "备份", "待删除", "删除", "试用管道", "模板", "样板",
)  # fmt: skip

LEFTOVERS_WEAK_HAN = ("旧", "示例", "样例", "演示", "临时", "测试")

GENERIC = (
    "pipeline", "pipelines", "pipe", "deal", "deals", "opportunity", "opportunities",
    "opportunite", "opportunites", "oppty", "opps", "affaire", "affaires", "transaction",
    "transactions", "dossier", "dossiers", "board", "boards", "funnel", "tunnel", "flow", "process", "processus",
    "workflow", "main", "principal", "principale", "default", "defaut", "par", "standard",
    "general", "generale", "generic", "new", "nouveau", "nouvelle", "my", "mon", "ma", "mes",
    "our", "notre", "nos", "team", "equipe", "other", "others", "autre", "autres", "misc",
    "miscellaneous", "divers", "various", "all", "tous", "toutes", "everything", "second",
    "secondary", "deuxieme", "secondaire", "extra", "additional", "supplementaire", "alt",
    "alternative", "bis", "v", "version", "year", "annee", "quarter", "trimestre", "month",
    "mois", "week", "semaine", "fy", "q", "t", "h", "s", "n", "no", "num", "number", "numero",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "janvier", "fevrier", "mars", "avril", "mai", "juin",
    "juillet", "aout", "septembre", "octobre", "novembre", "decembre", "current", "next",
    "last", "prochain", "dernier", "en cours", "exercice", "fiscal", "fiscal year", "year end",
    "fin d annee", "rentree",
    # campaigns and seasons: when, not what
    "campaign", "campaigns", "campagne", "campagnes", "promo", "promos", "promotion",
    "promotions", "push", "blitz", "sprint", "season", "seasonal", "saison", "summer", "winter",
    "spring", "autumn", "fall", "ete", "hiver", "printemps", "automne", "black friday",
    "cyber monday", "christmas", "holiday", "holidays", "noel", "soldes", "back to school",
    # what a deal is like rather than what it sells: "Big deals", "Long board", "Gros dossiers"
    "big", "small", "large", "huge", "long", "short", "bad", "good", "quick", "fast", "slow",
    "simple", "complex", "special", "priority", "urgent", "important", "hot", "warm", "cold",
    "stalled", "stuck", "dormant", "inactive", "active", "lost", "won", "open", "closed",
    "pending", "waiting", "on hold", "high value", "low value", "high", "low", "top", "quick wins",
    "gros", "grosse", "grosses", "petit", "petite", "petits", "petites", "grand", "grande",
    "importants", "prioritaire", "prioritaires", "urgents", "chaud", "chauds", "froid", "froids",
    "perdu", "perdus", "gagne", "gagnes", "en attente", "bloque", "bloques", "dormant",
    "complexe", "complexes", "rapide", "rapides", "speciaux", "special", "ouvert", "ouverts",
)  # fmt: skip
"""Words any pipeline may carry, and time words: "Deal pipeline", "Pipeline principal",
"Q4 2024", "Nouveau pipeline"."""

STOP_WORDS = "the of for and a an to in on by with at de du des la le les l d et a au aux en pour avec par sur dans un une"
"""Little words that carry nothing of their own."""

GENERIC_HAN = (
    "管道", "流程", "交易", "商机", "机会", "单子", "项目管道", "主", "默认", "新建", "新", "我的", "我们的",
    "的", "其他", "其它", "通用", "综合", "一般", "标准", "第二", "备用", "年度", "年", "季度", "月",
    "上半年", "下半年", "一季度", "二季度", "三季度", "四季度", "第一", "第三", "全部", "所有", "看板",
    "漏斗", "销售漏斗", "大单", "小单", "重要", "紧急", "优先", "特殊", "普通", "搁置", "暂停", "丢单", "赢单",
    "长期", "短期", "快速", "组", *"一二三四五六七八九十", "年终", "年底", "年初", "冲刺", "双十一", "双11", "双十二", "618", "促销",
    "大促", "春节", "旺季", "淡季", "营销活动", "活动",
)  # fmt: skip

# --- products -------------------------------------------------------------------------------

PRODUCT_NOUNS = (
    # English: what companies sell, and the words of an offer
    "software hardware licence license licences licenses subscription subscriptions saas edition "
    "editions package packages bundle bundles plan plans printer laptop computer widget panel "
    "accessory accessories part parts equipment device devices machine machines kit kits "
    "hosting cloud app apps module modules tool tools appliance appliances consumable tablet "
    "firmware upgrade camera sensor server storage series model models range brand offer "
    "offers offering offerings premium pro gold silver platinum bronze basic starter lite "
    "essentials ultimate deluxe sku catalogue catalog membership memberships translation "
    "translations interpreting gdpr"
    # French
    " logiciel logiciels materiel licence abonnement offre forfait pack gamme imprimante "
    "piece pieces equipement appareil ordinateur accessoire edition module outil machine "
    "consommable tablette camera capteur serveur serie modele marque essentiel essentielle "
    "catalogue adhesion adhesions traduction traductions interpretariat rgpd"
)
"""Product-ish nouns: a pipeline called "Hardware", "Logiciels" or "Pro plan" is about one
product line. Products are an open vocabulary: these only make the reading sure."""

PRODUCT_HAN = (
    "软件", "硬件", "设备", "许可", "授权", "订阅", "打印机", "配件", "备件", "耗材", "云", "版", "电脑",
    "笔记本", "平板", "摄像头", "太阳能", "套餐", "型号", "系列", "产品", "商品", "SaaS", "机器", "仪器",
    "模块", "系统", "平台", "品牌", "会员", "翻译", "口译", "笔译",
)  # fmt: skip
"""Chinese (and mixed) product words, found anywhere: 软件产品, 企业版, 云服务, SaaS订阅."""

# --- people ---------------------------------------------------------------------------------

NAME_AFTER_WORDS = (
    "pipeline|pipe|deals?|affaires?|transactions?|opportunit(?:y|ies|é|és)|opps|portefeuille|"
    "équipe|equipe|team|accounts?|comptes?|prospects?|clients?|customers?|leads?|dossiers?|"
    "book|rep|owner|sales|ventes?|commercial|commerciale|pistes?"
)
"""Words after which a capitalised word at the end of a label may be a person: "Pipeline Anouk",
"Affaires de Karim", "Prospects d'Alexandre", "Deals (Fatima)"."""


TITLES = r"(?:M\.|Mr\.?|Mrs\.?|Ms\.?|Mme\.?|Mlle\.?|Dr\.?|Me\.?)"
"""Titles before a surname: "Portefeuille de M. Dupont", "Mrs Smith's deals"."""

CHINESE_GIVEN = frozenset(
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚英玉萍红鹏飞浩宇轩婷雪琳晨辉悦帆峰斌波宁亮欣颖佳倩慧丹俊"
    "建文志健凯莉琴梅兰凤燕荣瑶蕾薇璐怡婉菲晶妍雯露阳鑫昊博睿哲翔瑞嘉毅铭楠彤琪洁蓉晓小东立坤梓涵子"
    "晗涵诗思雨欢庆秋月一鸣豪泽辰逸然梦琦雅婧瑜娅若航霖烨淼程凡琛璇蕊萱婕姝妮"
)
"""Characters common in Chinese given names: after a surname at the start of a label they make
a name (孙悦管道, 李明个人管道) where a surname followed by an ordinary word does not (金融, 高端)."""

CHINESE_TITLES = ("总", "经理", "主管", "总监", "老师", "姐", "哥", "工")
"""A surname then a title is a person: 黄总, 李经理, 王姐."""

CHINESE_AFTER_NAME = ("的", "个人", "负责", "名下", "跟进", "管道", "交易", "商机", "客户", "单子", "组")
"""What may follow a Chinese name in a pipeline's label: 李明个人管道, 何伟负责的交易."""
