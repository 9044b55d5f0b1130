//! The registration workbook's columns: each with its key, its header in
//! three languages, a note for the instructions, and the other names it
//! goes by in the participant exports of event platforms (see
//! `docs/platform-exports.md` for the mapping).

/// One column of a registration sheet.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// The key (also the first part of the header).
    pub key: &'static str,
    pub en: &'static str,
    pub id: &'static str,
    pub zh: &'static str,
    /// Whether a row without it is refused.
    pub required: bool,
    /// What to write, in three languages, for the instructions sheet.
    pub note: &'static str,
    /// Other headers that mean this column (lower case), from platform exports.
    pub aliases: &'static [&'static str],
}

impl Column {
    /// The header Mitra writes: "key / English / Indonesian / 中文".
    pub fn header(&self) -> String {
        format!("{} / {} / {} / {}", self.key, self.en, self.id, self.zh)
    }

    /// Whether a header cell names this column: the key, any of the three
    /// names, the full header, or an alias; case and spacing do not matter.
    pub fn matches(&self, header: &str) -> bool {
        let wanted = normalise(header);
        if wanted.is_empty() {
            return false;
        }
        let first = normalise(header.split(" / ").next().unwrap_or_default());
        [self.key, self.en, self.id, self.zh]
            .iter()
            .chain(self.aliases.iter())
            .any(|name| {
                let name = normalise(name);
                name == wanted || name == first
            })
            || normalise(&self.header()) == wanted
    }
}

/// Lower case, `_`/`-` as spaces, runs of spaces folded.
pub fn normalise(text: &str) -> String {
    text.trim()
        .to_lowercase()
        .replace(['_', '-'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The columns of the Delegations sheet.
pub const DELEGATION_COLUMNS: &[Column] = &[
    Column {
        key: "id",
        en: "Delegation id",
        id: "Kode delegasi",
        zh: "代表团编号",
        required: true,
        note: "Short code, letters/digits/-: lampung · Kode singkat · 简短代码",
        aliases: &[],
    },
    Column {
        key: "name",
        en: "Delegation name",
        id: "Nama delegasi",
        zh: "代表团名称",
        required: true,
        note: "Lampung Province Delegation",
        aliases: &[],
    },
    Column {
        key: "country",
        en: "Country",
        id: "Negara",
        zh: "国家",
        required: true,
        note: "ISO 3166 two letters: ID, CN, VN · Dua huruf · 两个字母",
        aliases: &[],
    },
    Column {
        key: "region",
        en: "Province / state",
        id: "Provinsi",
        zh: "省/州",
        required: false,
        note: "Lampung",
        aliases: &[],
    },
    Column {
        key: "lead",
        en: "Head of delegation",
        id: "Ketua delegasi",
        zh: "团长",
        required: false,
        note: "Name · Nama · 姓名",
        aliases: &[],
    },
    Column {
        key: "export_products",
        en: "Products to export",
        id: "Produk ekspor",
        zh: "出口产品",
        required: false,
        note: "One per line (Alt+Enter); HS codes in brackets: Kopi robusta [0901.11]",
        aliases: &[],
    },
    Column {
        key: "technology_sought",
        en: "Technology sought",
        id: "Teknologi yang dicari",
        zh: "寻求的技术",
        required: false,
        note: "One per line: Irigasi tetes [8424.82]",
        aliases: &[],
    },
    Column {
        key: "risks",
        en: "Risks to address",
        id: "Risiko yang dihadapi",
        zh: "需应对的风险",
        required: false,
        note: "One per line",
        aliases: &[],
    },
];

/// The columns of the Organizations sheet (also the CSV template).
pub const ORGANIZATION_COLUMNS: &[Column] = &[
    Column {
        key: "id",
        en: "Company id",
        id: "Kode perusahaan",
        zh: "企业编号",
        required: false,
        note: "Short code; left empty, Mitra derives one from the name",
        aliases: &["participant id", "organisation id", "organization id"],
    },
    Column {
        key: "name",
        en: "Company name",
        id: "Nama perusahaan",
        zh: "企业名称",
        required: true,
        note: "PT Kopi Lampung · 山东某某有限公司",
        aliases: &[
            "organisation",
            "organization",
            "organisation name",
            "organization name",
            "company",
            "company name",
            "organisation / company",
        ],
    },
    Column {
        key: "side",
        en: "Side (guest/host)",
        id: "Pihak (guest/host)",
        zh: "身份 (guest/host)",
        required: true,
        note: "guest = visiting delegation, host = host region · guest = tamu, host = tuan rumah · guest=来访, host=东道主",
        aliases: &["role"],
    },
    Column {
        key: "country",
        en: "Country",
        id: "Negara",
        zh: "国家",
        required: true,
        note: "ISO 3166 two letters: ID, CN",
        aliases: &["country code"],
    },
    Column {
        key: "region",
        en: "Region / city",
        id: "Daerah / kota",
        zh: "地区/城市",
        required: false,
        note: "Lampung, Qingdao",
        aliases: &["city", "region"],
    },
    Column {
        key: "delegation",
        en: "Delegation id",
        id: "Kode delegasi",
        zh: "代表团编号",
        required: false,
        note: "For guests: the id in the Delegations sheet",
        aliases: &["delegation"],
    },
    Column {
        key: "sector",
        en: "Sector",
        id: "Sektor",
        zh: "行业",
        required: false,
        note: "agriculture, food-processing, fisheries, agri-inputs, machinery, irrigation, drones-digital, packaging, logistics-cold-chain, trade-distribution, finance-services, education-training, energy, manufacturing, health-herbal, tourism, other",
        aliases: &["industry", "sector"],
    },
    Column {
        key: "languages",
        en: "Languages",
        id: "Bahasa",
        zh: "语言",
        required: true,
        note: "ISO 639-1, comma separated: id, en · zh",
        aliases: &["languages spoken", "language"],
    },
    Column {
        key: "description",
        en: "Description",
        id: "Deskripsi",
        zh: "简介",
        required: false,
        note: "Free text in any language",
        aliases: &[
            "about",
            "organisation description",
            "organization description",
            "company description",
            "profile",
        ],
    },
    Column {
        key: "offers",
        en: "Offers",
        id: "Penawaran",
        zh: "供应/提供",
        required: false,
        note: "One per line (Alt+Enter); HS codes in brackets: Lada hitam ASTA [0904.11]",
        aliases: &[
            "offer",
            "marketplace offer",
            "marketplace: offer",
            "products",
            "products/services offered",
            "what we offer",
        ],
    },
    Column {
        key: "needs",
        en: "Needs",
        id: "Kebutuhan",
        zh: "需求",
        required: false,
        note: "One per line: 滴灌设备 [8424.82]",
        aliases: &[
            "need",
            "request",
            "requests",
            "marketplace request",
            "marketplace: request",
            "looking for",
            "what we are looking for",
        ],
    },
    Column {
        key: "certifications",
        en: "Certifications",
        id: "Sertifikasi",
        zh: "认证",
        required: false,
        note: "Comma separated: HACCP, Halal, Rainforest Alliance",
        aliases: &["certificates"],
    },
    Column {
        key: "capacity",
        en: "Capacity",
        id: "Kapasitas",
        zh: "产能",
        required: false,
        note: "300 t/year",
        aliases: &[],
    },
    Column {
        key: "website",
        en: "Website",
        id: "Situs web",
        zh: "网址",
        required: false,
        note: "https://…",
        aliases: &["web", "url", "homepage"],
    },
    Column {
        key: "attending_from",
        en: "Attending from",
        id: "Hadir mulai",
        zh: "出席起始日期",
        required: false,
        note: "First day attending, YYYY-MM-DD, within the event; empty = from the first day · Hari pertama hadir · 首个出席日",
        aliases: &["arrival date", "attending from date"],
    },
    Column {
        key: "attending_until",
        en: "Attending until",
        id: "Hadir sampai",
        zh: "出席截止日期",
        required: false,
        note: "Last day attending, YYYY-MM-DD, within the event; empty = until the last day · Hari terakhir hadir · 最后出席日",
        aliases: &["departure date", "attending until date"],
    },
];
