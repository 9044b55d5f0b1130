//! Text normalisation, script and language detection, tokenisation and
//! stemming for the three analysed languages (English, Indonesian, Chinese;
//! Russian words are stemmed too, as the Snowball stemmer is at hand).
//!
//! Lexicon terms and registration texts go through the same pipeline, so a
//! lexicon phrase matches a text whenever their normalised token sequences
//! are equal, whatever the inflection or spacing.

use rust_stemmers::{Algorithm, Stemmer};
use std::sync::OnceLock;

/// The script of a run of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    Latin,
    Han,
    Cyrillic,
    /// Hangul, Thai, Arabic, Devanagari, Japanese kana...: not analysed.
    Other,
}

/// A language guess for one text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Lang {
    English,
    Indonesian,
    Chinese,
    Russian,
    /// Latin script but neither English nor Indonesian (Vietnamese,
    /// Portuguese, Spanish, German...).
    OtherLatin,
    /// A script Mitra does not analyse (Korean, Thai, ...).
    Unanalysed,
    /// Nothing but digits and punctuation, or empty.
    None,
}

impl Lang {
    pub fn name(self) -> &'static str {
        match self {
            Lang::English => "English",
            Lang::Indonesian => "Indonesian",
            Lang::Chinese => "Chinese",
            Lang::Russian => "Russian",
            Lang::OtherLatin => "a Latin-script language other than English or Indonesian",
            Lang::Unanalysed => "a script Mitra does not analyse",
            Lang::None => "no words",
        }
    }
}

pub fn script_of(c: char) -> Option<Script> {
    let u = c as u32;
    if c.is_ascii_alphabetic() || (0xC0..=0x24F).contains(&u) || (0x1E00..=0x1EFF).contains(&u) {
        Some(Script::Latin)
    } else if (0x4E00..=0x9FFF).contains(&u) || (0x3400..=0x4DBF).contains(&u) {
        Some(Script::Han)
    } else if (0x400..=0x4FF).contains(&u) {
        Some(Script::Cyrillic)
    } else if c.is_alphabetic() {
        Some(Script::Other)
    } else {
        None
    }
}

/// Lower-cases, folds full-width ASCII and Latin diacritics (café → cafe,
/// Đồng → dong), so that spelling variants meet.
pub fn fold_char(c: char) -> char {
    let u = c as u32;
    if (0xFF01..=0xFF5E).contains(&u) {
        return char::from_u32(u - 0xFEE0).unwrap_or(c).to_ascii_lowercase();
    }
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let lower = c.to_lowercase().next().unwrap_or(c);
    match lower {
        'à'..='å'
        | 'ā'
        | 'ă'
        | 'ą'
        | 'ạ'
        | 'ả'
        | 'ấ'
        | 'ầ'
        | 'ẩ'
        | 'ẫ'
        | 'ậ'
        | 'ắ'
        | 'ằ'
        | 'ẳ'
        | 'ẵ'
        | 'ặ' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'đ' | 'ď' => 'd',
        'è'..='ë' | 'ē' | 'ę' | 'ě' | 'ẹ' | 'ẻ' | 'ẽ' | 'ế' | 'ề' | 'ể' | 'ễ' | 'ệ' => {
            'e'
        }
        'ì'..='ï' | 'ī' | 'ı' | 'ỉ' | 'ị' | 'ĩ' => 'i',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò'..='ö'
        | 'ø'
        | 'ō'
        | 'ő'
        | 'ơ'
        | 'ọ'
        | 'ỏ'
        | 'ố'
        | 'ồ'
        | 'ổ'
        | 'ỗ'
        | 'ộ'
        | 'ớ'
        | 'ờ'
        | 'ở'
        | 'ỡ'
        | 'ợ' => 'o',
        'ù'..='ü' | 'ū' | 'ů' | 'ű' | 'ư' | 'ụ' | 'ủ' | 'ũ' | 'ứ' | 'ừ' | 'ử' | 'ữ' | 'ự' => {
            'u'
        }
        'ý' | 'ÿ' | 'ỳ' | 'ỵ' | 'ỷ' | 'ỹ' => 'y',
        'š' | 'ś' => 's',
        'ž' | 'ź' | 'ż' => 'z',
        'ß' => 's',
        'ł' => 'l',
        'ř' => 'r',
        'ť' => 't',
        'ё' => 'е',
        other => other,
    }
}

/// One word of a Latin or Cyrillic run, in its normalised forms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Lower-cased and folded.
    pub raw: String,
    /// English Snowball stem (Russian for Cyrillic words).
    pub en: String,
    /// Indonesian stem (own affix stripping).
    pub id: String,
}

/// A text cut into runs: Latin/Cyrillic words and Han runs, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    Words(Vec<Word>),
    Han(String),
}

/// The analysed shape of one text.
#[derive(Debug, Clone)]
pub struct Analysed {
    pub segments: Vec<Segment>,
    pub lang: Lang,
    /// Positions (in the token and Han-character count that
    /// [`crate::lexicon::Lexicon::find`] uses) of purpose markers: "for",
    /// "untuk", "用于". What follows one says what the item is for, not
    /// what is traded.
    pub purpose_at: Vec<usize>,
}

const PURPOSE: &[&str] = &["for", "untuk", "buat", "bagi", "guna", "для", "para"];
const PURPOSE_ZH: &[&str] = &["用于", "适用于", "用来", "专用"];

fn han_marks(run: &str, base: usize, out: &mut Vec<usize>) {
    for m in PURPOSE_ZH {
        if let Some(b) = run.find(m) {
            out.push(base + run[..b].chars().count());
        }
    }
}

fn english() -> &'static Stemmer {
    static S: OnceLock<Stemmer> = OnceLock::new();
    S.get_or_init(|| Stemmer::create(Algorithm::English))
}

fn russian() -> &'static Stemmer {
    static S: OnceLock<Stemmer> = OnceLock::new();
    S.get_or_init(|| Stemmer::create(Algorithm::Russian))
}

const EN_STOP: &[&str] = &[
    "a",
    "an",
    "the",
    "and",
    "or",
    "for",
    "of",
    "in",
    "on",
    "to",
    "with",
    "from",
    "by",
    "at",
    "as",
    "is",
    "are",
    "be",
    "we",
    "our",
    "us",
    "your",
    "you",
    "it",
    "its",
    "this",
    "that",
    "these",
    "those",
    "also",
    "per",
    "into",
    "up",
    "than",
    "other",
    "etc",
    "such",
    "who",
    "which",
    "looking",
    "seeking",
    "seek",
    "want",
    "wanted",
    "need",
    "needs",
    "needed",
    "offer",
    "offers",
    "supply",
    "supplies",
    "provide",
    "provides",
    "providing",
    "company",
    "co",
    "ltd",
    "inc",
    "pty",
    "sdn",
    "bhd",
    "pt",
    "cv",
    "ud",
    "tbk",
    "based",
    "all",
    "more",
    "most",
    "can",
    "will",
    "some",
    "any",
    "both",
    "each",
    "every",
    "very",
    "high",
    "good",
    "new",
    "year",
    "years",
    "ton",
    "tons",
    "tonnes",
    "kg",
    "t",
    "g",
    "ha",
    "mt",
    "month",
    "day",
    "h",
    "l",
    "ml",
    "cm",
    "mm",
    "m",
    "m2",
    "m3",
    "pcs",
    "unit",
    "units",
    "capacity",
    "quality",
    "grade",
    "type",
];

const ID_STOP: &[&str] = &[
    "dan",
    "atau",
    "yang",
    "untuk",
    "di",
    "ke",
    "dari",
    "dengan",
    "pada",
    "dalam",
    "oleh",
    "per",
    "tiap",
    "setiap",
    "kami",
    "kita",
    "ini",
    "itu",
    "juga",
    "serta",
    "para",
    "sebagai",
    "akan",
    "sudah",
    "telah",
    "bisa",
    "dapat",
    "ada",
    "mencari",
    "cari",
    "butuh",
    "membutuhkan",
    "kebutuhan",
    "perlu",
    "memerlukan",
    "menawarkan",
    "tawarkan",
    "menyediakan",
    "sedia",
    "tersedia",
    "ingin",
    "rutin",
    "bulan",
    "tahun",
    "hari",
    "jam",
    "sejak",
    "punya",
    "sekitar",
    "lebih",
    "kurang",
    "hingga",
    "sampai",
    "secara",
    "sendiri",
    "baik",
    "tinggi",
    "rendah",
    "baru",
    "kapasitas",
    "kualitas",
    "jenis",
    "tipe",
    "ton",
    "kg",
    "ha",
    "unit",
    "sebagian",
    "banyak",
    "beberapa",
    "semua",
    "mulai",
    "supaya",
    "bagi",
    "tentang",
    "sangat",
    "masih",
    "belum",
    "tidak",
    "bukan",
    "anggota",
    "kota",
    "kabupaten",
    "provinsi",
];

const RU_STOP: &[&str] = &[
    "и", "в", "на", "для", "с", "по", "из", "от", "до", "к", "о", "или", "а", "не", "т",
];

/// Chinese function words and registration boilerplate that carry no
/// product meaning (for text similarity; concepts are found separately).
pub const ZH_STOP: &[&str] = &[
    "的",
    "和",
    "与",
    "及",
    "等",
    "或",
    "在",
    "为",
    "是",
    "有",
    "我们",
    "公司",
    "企业",
    "有限公司",
    "主营",
    "寻求",
    "寻找",
    "需要",
    "提供",
    "供应",
    "用于",
    "以及",
    "年产",
    "万吨",
    "吨",
    "年",
    "国内",
    "常年",
    "专业",
    "服务",
    "生产",
    "产品",
    "合作",
    "自有",
    "可",
    "各类",
    "系列",
    "其他",
];

fn is_stop(raw: &str) -> bool {
    EN_STOP.contains(&raw) || ID_STOP.contains(&raw) || RU_STOP.contains(&raw)
}

/// Indonesian affix stripping without a dictionary: particles and
/// possessives, then one derivational suffix, then up to two prefixes, each
/// only when at least four letters remain. Both lexicon terms and texts go
/// through it, so consistency matters more than linguistic accuracy.
pub fn stem_id(word: &str) -> String {
    let mut w: &str = word;
    let keep = |rest: &str| rest.chars().count() >= 4;
    for p in ["lah", "kah", "tah", "pun"] {
        if let Some(r) = w.strip_suffix(p)
            && keep(r)
        {
            w = r;
            break;
        }
    }
    for p in ["nya", "ku", "mu"] {
        if let Some(r) = w.strip_suffix(p)
            && keep(r)
        {
            w = r;
            break;
        }
    }
    for s in ["kan", "an", "i"] {
        if let Some(r) = w.strip_suffix(s)
            && keep(r)
        {
            w = r;
            break;
        }
    }
    strip_id_prefix(w)
}

fn strip_id_prefix(w: &str) -> String {
    let starts_vowel = |r: &str| r.starts_with(['a', 'e', 'i', 'o', 'u']);
    let ok = |r: &str| r.chars().count() >= 4;
    // meny-/peny- + vowel: the root began with s (penyemprot → semprot).
    for p in ["meny", "peny"] {
        if let Some(r) = w.strip_prefix(p)
            && starts_vowel(r)
            && ok(r)
        {
            return format!("s{r}");
        }
    }
    for p in [
        "meng", "peng", "mem", "pem", "men", "pen", "ber", "per", "ter", "me", "pe", "be", "di",
        "ke",
    ] {
        if let Some(r) = w.strip_prefix(p)
            && ok(r)
        {
            // mem-/pem- + vowel: the root began with p (pemupukan → pupuk).
            if (p == "mem" || p == "pem") && starts_vowel(r) {
                return format!("p{r}");
            }
            return r.to_string();
        }
    }
    w.to_string()
}

fn make_word(raw: String) -> Word {
    let cyr = raw.chars().any(|c| script_of(c) == Some(Script::Cyrillic));
    let en = if cyr {
        russian().stem(&raw).into_owned()
    } else {
        english().stem(&raw).into_owned()
    };
    let id = if cyr { en.clone() } else { stem_id(&raw) };
    Word { raw, en, id }
}

const ID_HINTS: &[&str] = &[
    "dan",
    "untuk",
    "yang",
    "dengan",
    "mesin",
    "kopi",
    "kami",
    "mencari",
    "jasa",
    "pupuk",
    "benih",
    "petani",
    "kebun",
    "pabrik",
    "tahun",
    "ton",
    "kering",
    "segar",
    "beku",
    "udang",
    "ikan",
    "lada",
    "tepung",
    "kelapa",
    "padi",
    "beras",
    "sawit",
    "koperasi",
    "pembeli",
    "air",
    "bubuk",
    "biji",
    "dari",
    "ke",
    "di",
    "per",
    "pengering",
    "irigasi",
    "tetes",
    "hutan",
    "madu",
    "rumput",
    "laut",
    "gula",
    "minyak",
    "sayur",
    "sayuran",
    "buah",
    "pisang",
    "kakao",
    "kapasitas",
    "kualitas",
    "pengolahan",
    "penyemprotan",
    "pemupukan",
    "tambak",
    "pakan",
    "rantai",
    "dingin",
];
const EN_HINTS: &[&str] = &[
    "the",
    "and",
    "for",
    "of",
    "with",
    "in",
    "machine",
    "machines",
    "equipment",
    "coffee",
    "green",
    "fresh",
    "frozen",
    "dried",
    "buyers",
    "importers",
    "distributors",
    "partner",
    "services",
    "service",
    "system",
    "systems",
    "plant",
    "processing",
    "from",
    "our",
    "we",
    "black",
    "white",
    "oil",
    "powder",
    "seeds",
    "feed",
    "drip",
    "irrigation",
    "cold",
    "storage",
    "logistics",
    "export",
    "import",
    "bulk",
    "grade",
    "whole",
    "ground",
    "tea",
    "wine",
    "milk",
];

/// Cuts a text into word runs and Han runs, and guesses its language.
pub fn analyse(text: &str) -> Analysed {
    let mut segments: Vec<Segment> = Vec::new();
    let mut words: Vec<Word> = Vec::new();
    let mut han = String::new();
    let mut cur = String::new();
    let mut counts = [0usize; 4]; // latin, han, cyrillic, other letters
    let mut purpose_at: Vec<usize> = Vec::new();
    // tokens and Han characters in finished segments
    let mut done = 0usize;
    let flush_word =
        |cur: &mut String, words: &mut Vec<Word>, done: usize, marks: &mut Vec<usize>| {
            if !cur.is_empty() {
                let raw = std::mem::take(cur);
                let digits_only = raw.chars().all(|c| c.is_ascii_digit() || c == '.');
                if PURPOSE.contains(&raw.as_str()) {
                    marks.push(done + words.len());
                }
                if !digits_only && !is_stop(&raw) {
                    words.push(make_word(raw));
                }
            }
        };
    for c in text.chars() {
        let f = fold_char(c);
        match script_of(c) {
            Some(Script::Han) => {
                counts[1] += 1;
                flush_word(&mut cur, &mut words, done, &mut purpose_at);
                if !words.is_empty() {
                    done += words.len();
                    segments.push(Segment::Words(std::mem::take(&mut words)));
                }
                han.push(c);
            }
            Some(s) => {
                match s {
                    Script::Latin => counts[0] += 1,
                    Script::Cyrillic => counts[2] += 1,
                    _ => counts[3] += 1,
                }
                if !han.is_empty() {
                    han_marks(&han, done, &mut purpose_at);
                    done += han.chars().count();
                    segments.push(Segment::Han(std::mem::take(&mut han)));
                }
                if s == Script::Other {
                    flush_word(&mut cur, &mut words, done, &mut purpose_at);
                } else {
                    cur.push(f);
                }
            }
            None => {
                if f.is_ascii_digit() && !cur.is_empty() {
                    // keep grades like "ww320", "bp1", "pf1" in one word
                    cur.push(f);
                    continue;
                }
                if !han.is_empty() && !c.is_whitespace() {
                    // punctuation ends a Han run
                    han_marks(&han, done, &mut purpose_at);
                    done += han.chars().count();
                    segments.push(Segment::Han(std::mem::take(&mut han)));
                }
                flush_word(&mut cur, &mut words, done, &mut purpose_at);
                if !c.is_whitespace() && c != '-' && c != '/' && !words.is_empty() {
                    // other punctuation ends a phrase
                    done += words.len();
                    segments.push(Segment::Words(std::mem::take(&mut words)));
                }
            }
        }
    }
    flush_word(&mut cur, &mut words, done, &mut purpose_at);
    if !words.is_empty() {
        segments.push(Segment::Words(words));
    }
    if !han.is_empty() {
        han_marks(&han, done, &mut purpose_at);
        segments.push(Segment::Han(han));
    }
    let lang = guess_lang(&segments, counts);
    Analysed {
        segments,
        lang,
        purpose_at,
    }
}

fn guess_lang(segments: &[Segment], counts: [usize; 4]) -> Lang {
    let [latin, han, cyr, other] = counts;
    // Han characters carry about two Latin letters' worth of text each.
    let han_w = han * 3;
    let max = latin.max(han_w).max(cyr).max(other);
    if max == 0 {
        return Lang::None;
    }
    if han_w == max {
        return Lang::Chinese;
    }
    if cyr == max {
        return Lang::Russian;
    }
    if other == max {
        return Lang::Unanalysed;
    }
    let (mut id, mut en, mut n) = (0, 0, 0);
    for s in segments {
        if let Segment::Words(ws) = s {
            for w in ws {
                n += 1;
                if ID_HINTS.contains(&w.raw.as_str()) {
                    id += 1;
                }
                if EN_HINTS.contains(&w.raw.as_str()) {
                    en += 1;
                }
            }
        }
    }
    // Stop words were removed before this count; the hints list content words too.
    if id > en {
        Lang::Indonesian
    } else if en > 0 || n == 0 {
        Lang::English
    } else {
        Lang::OtherLatin
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indonesian_affixes_are_stripped_consistently() {
        assert_eq!(stem_id("penyemprotan"), "semprot");
        assert_eq!(stem_id("semprot"), "semprot");
        assert_eq!(stem_id("perikanan"), "ikan");
        assert_eq!(stem_id("kopi"), "kopi");
        assert_eq!(stem_id("pakan"), "pakan");
        assert_eq!(stem_id("sayuran"), "sayur");
    }

    #[test]
    fn folds_and_segments_mixed_text() {
        let a = analyse("Café arábica 咖啡生豆, ＣＴＣ tea");
        assert_eq!(a.segments.len(), 3);
        match &a.segments[0] {
            Segment::Words(ws) => assert_eq!(ws[0].raw, "cafe"),
            other => panic!("{other:?}"),
        }
        assert_eq!(a.segments[1], Segment::Han("咖啡生豆".into()));
    }

    #[test]
    fn guesses_languages() {
        assert_eq!(analyse("Kopi robusta untuk ekspor").lang, Lang::Indonesian);
        assert_eq!(
            analyse("Green coffee beans for roasters").lang,
            Lang::English
        );
        assert_eq!(analyse("公司主营滴灌设备").lang, Lang::Chinese);
        assert_eq!(analyse("조미김 전문").lang, Lang::Unanalysed);
        assert_eq!(analyse("Рефрижераторные автомобили").lang, Lang::Russian);
        assert_eq!(analyse("  12, 34 ").lang, Lang::None);
    }
}
