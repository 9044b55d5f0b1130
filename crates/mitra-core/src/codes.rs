//! ISO codes that registrations carry: languages (ISO 639-1) and countries
//! (ISO 3166-1 alpha-2). Validated here so that a typo ("ind" for
//! Indonesian, "CH" meant as China) is caught at the door.

use std::fmt;

/// ISO 639-1 two-letter language codes (all 183 current codes).
const LANGUAGES: &[&str] = &[
    "aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be", "bg", "bi",
    "bm", "bn", "bo", "br", "bs", "ca", "ce", "ch", "co", "cr", "cs", "cu", "cv", "cy", "da", "de",
    "dv", "dz", "ee", "el", "en", "eo", "es", "et", "eu", "fa", "ff", "fi", "fj", "fo", "fr", "fy",
    "ga", "gd", "gl", "gn", "gu", "gv", "ha", "he", "hi", "ho", "hr", "ht", "hu", "hy", "hz", "ia",
    "id", "ie", "ig", "ii", "ik", "io", "is", "it", "iu", "ja", "jv", "ka", "kg", "ki", "kj", "kk",
    "kl", "km", "kn", "ko", "kr", "ks", "ku", "kv", "kw", "ky", "la", "lb", "lg", "li", "ln", "lo",
    "lt", "lu", "lv", "mg", "mh", "mi", "mk", "ml", "mn", "mr", "ms", "mt", "my", "na", "nb", "nd",
    "ne", "ng", "nl", "nn", "no", "nr", "nv", "ny", "oc", "oj", "om", "or", "os", "pa", "pi", "pl",
    "ps", "pt", "qu", "rm", "rn", "ro", "ru", "rw", "sa", "sc", "sd", "se", "sg", "si", "sk", "sl",
    "sm", "sn", "so", "sq", "sr", "ss", "st", "su", "sv", "sw", "ta", "te", "tg", "th", "ti", "tk",
    "tl", "tn", "to", "tr", "ts", "tt", "tw", "ty", "ug", "uk", "ur", "uz", "ve", "vi", "vo", "wa",
    "wo", "xh", "yi", "yo", "za", "zh", "zu",
];

/// ISO 3166-1 alpha-2 country codes (the 249 officially assigned).
const COUNTRIES: &[&str] = &[
    "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ",
    "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS",
    "BT", "BV", "BW", "BY", "BZ", "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN",
    "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE", "DJ", "DK", "DM", "DO", "DZ", "EC", "EE",
    "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK", "FM", "FO", "FR", "GA", "GB", "GD", "GE", "GF",
    "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK", "HM",
    "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE", "JM",
    "JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC",
    "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK",
    "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA",
    "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ", "OM", "PA", "PE", "PF", "PG",
    "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS", "RU", "RW",
    "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS",
    "ST", "SV", "SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO",
    "TR", "TT", "TV", "TW", "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE", "VG", "VI",
    "VN", "VU", "WF", "WS", "YE", "YT", "ZA", "ZM", "ZW",
];

/// A validated ISO 639-1 language code, lower case ("id", "zh", "en").
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(transparent)]
pub struct LanguageCode(String);

/// A validated ISO 3166-1 alpha-2 country code, upper case ("ID", "CN").
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(transparent)]
pub struct CountryCode(String);

/// A code that is not in the standard it claims to follow.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    #[error(
        "unknown language code {0:?} (expected ISO 639-1, two letters such as \"id\", \"zh\", \"en\")"
    )]
    Language(String),
    #[error(
        "unknown country code {0:?} (expected ISO 3166-1 alpha-2, two letters such as \"ID\", \"CN\")"
    )]
    Country(String),
}

impl LanguageCode {
    /// Accepts exactly the lower-case ISO 639-1 codes.
    pub fn parse(raw: &str) -> Result<LanguageCode, CodeError> {
        if LANGUAGES.binary_search(&raw).is_ok() {
            Ok(LanguageCode(raw.to_string()))
        } else {
            Err(CodeError::Language(raw.to_string()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The language's own name for itself where Mitra knows it, for lists
    /// that a person reads.
    pub fn endonym(&self) -> &str {
        match self.0.as_str() {
            "id" => "Bahasa Indonesia",
            "zh" => "中文",
            "en" => "English",
            "vi" => "Tiếng Việt",
            "th" => "ไทย",
            "ms" => "Bahasa Melayu",
            "ru" => "Русский",
            "kk" => "Қазақша",
            "ko" => "한국어",
            "ja" => "日本語",
            "de" => "Deutsch",
            "fr" => "Français",
            "es" => "Español",
            "pt" => "Português",
            "ar" => "العربية",
            other => other,
        }
    }
}

impl CountryCode {
    /// Accepts exactly the upper-case ISO 3166-1 alpha-2 codes.
    pub fn parse(raw: &str) -> Result<CountryCode, CodeError> {
        if COUNTRIES.binary_search(&raw).is_ok() {
            Ok(CountryCode(raw.to_string()))
        } else {
            Err(CodeError::Country(raw.to_string()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for LanguageCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_tables_are_sorted_for_binary_search() {
        assert!(LANGUAGES.windows(2).all(|w| w[0] < w[1]));
        assert!(COUNTRIES.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(LANGUAGES.len(), 183);
        assert_eq!(COUNTRIES.len(), 249);
    }

    #[test]
    fn accepts_real_codes_and_refuses_others() {
        assert!(LanguageCode::parse("id").is_ok());
        assert!(LanguageCode::parse("zh").is_ok());
        assert!(LanguageCode::parse("ind").is_err());
        assert!(LanguageCode::parse("ID").is_err());
        assert!(CountryCode::parse("CN").is_ok());
        assert!(CountryCode::parse("cn").is_err());
        assert!(CountryCode::parse("XX").is_err());
    }
}
