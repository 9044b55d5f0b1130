//! `mitra/organizations@1`: organizations with their offers and needs, the
//! input of `mitra match` and of `mitra import`, the output of
//! `mitra export`.
//!
//! Besides the keys the format defines, Mitra writes and reads `sector`,
//! `certifications`, `capacity` and `website` when an organization has them
//! (the format lets readers ignore unknown keys), so that an export
//! re-imports without loss.

use crate::Problem;
use crate::walk::{self, Problems};
use mitra_core::codes::{CountryCode, LanguageCode};
use mitra_core::ids::{DelegationId, OrgId};
use mitra_core::organization::{Organization, Sector, Side, TradeItem};
use mitra_hs::HsCode;
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::HashMap;

/// The value of the `format` key.
pub const FORMAT: &str = "mitra/organizations@1";

/// The file as written.
#[derive(Debug, Clone, Serialize)]
pub struct OrganizationsFile {
    pub format: &'static str,
    /// Says so when the data is generated demo data (readers ignore it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notice: Option<String>,
    pub organizations: Vec<OrganizationRecord>,
}

/// One organization as written.
#[derive(Debug, Clone, Serialize)]
pub struct OrganizationRecord {
    pub id: String,
    pub name: String,
    pub side: Side,
    pub country: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delegation: Option<String>,
    pub languages: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub offers: Vec<ItemRecord>,
    pub needs: Vec<ItemRecord>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sector: Option<Sector>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub certifications: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub capacity: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
}

/// One offer or need as written.
#[derive(Debug, Clone, Serialize)]
pub struct ItemRecord {
    pub text: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub hs: Vec<String>,
}

impl From<&TradeItem> for ItemRecord {
    fn from(item: &TradeItem) -> Self {
        ItemRecord {
            text: item.text.clone(),
            hs: item.hs.iter().map(|c| c.as_str().to_string()).collect(),
        }
    }
}

impl From<&Organization> for OrganizationRecord {
    fn from(org: &Organization) -> Self {
        OrganizationRecord {
            id: org.id.as_str().to_string(),
            name: org.name.clone(),
            side: org.side,
            country: org.country.as_str().to_string(),
            region: org.region.clone(),
            delegation: org.delegation.as_ref().map(|d| d.as_str().to_string()),
            languages: org
                .languages
                .iter()
                .map(|l| l.as_str().to_string())
                .collect(),
            description: org.description.clone(),
            offers: org.offers.iter().map(ItemRecord::from).collect(),
            needs: org.needs.iter().map(ItemRecord::from).collect(),
            sector: org.sector,
            certifications: org.certifications.clone(),
            capacity: org.capacity.clone(),
            website: org.website.clone(),
        }
    }
}

/// Writes organizations in the format, deterministically (in the given
/// order; callers sort by id), with an optional top-level `notice` such as
/// "Demo data: ...".
pub fn write(organizations: &[Organization], notice: Option<&str>) -> Vec<u8> {
    crate::to_json_bytes(&OrganizationsFile {
        format: FORMAT,
        notice: notice.map(str::to_string),
        organizations: organizations.iter().map(OrganizationRecord::from).collect(),
    })
}

/// Reads and validates a file: every organization, or every problem.
pub fn parse(bytes: &[u8]) -> Result<Vec<Organization>, Vec<Problem>> {
    let value = crate::parse_json(bytes).map_err(|p| vec![p])?;
    from_value(&value)
}

/// Validates an already parsed JSON document.
pub fn from_value(value: &Value) -> Result<Vec<Organization>, Vec<Problem>> {
    let mut problems = Problems::default();
    let Some(document) = walk::document(value, FORMAT, &mut problems) else {
        return Err(problems.0);
    };
    let Some(list) = walk::required_list(document, "organizations", "", &mut problems) else {
        // `required_list` names the place ".organizations"; make it read well.
        return Err(problems
            .0
            .into_iter()
            .map(|p| Problem::new(p.place.trim_start_matches('.'), p.message))
            .collect());
    };
    let mut organizations = Vec::with_capacity(list.len());
    let mut first_seen: HashMap<&str, usize> = HashMap::new();
    for (index, entry) in list.iter().enumerate() {
        let place = format!("organizations[{index}]");
        let Some(object) = walk::object_at(entry, &place, &mut problems) else {
            continue;
        };
        if let Some(Value::String(id)) = object.get("id") {
            if let Some(first) = first_seen.get(id.as_str()) {
                problems.push(
                    format!("{place}.id"),
                    format!("duplicate id {id:?} (first used by organizations[{first}])"),
                );
            } else {
                first_seen.insert(id, index);
            }
        }
        if let Some(org) = organization(object, &place, &mut problems) {
            organizations.push(org);
        }
    }
    problems.finish(organizations)
}

fn organization(
    object: &Map<String, Value>,
    place: &str,
    problems: &mut Problems,
) -> Option<Organization> {
    let before = problems.0.len();
    let id = walk::required_str(object, "id", place, problems).and_then(|raw| {
        OrgId::parse(raw)
            .map_err(|e| problems.push(format!("{place}.id"), e.to_string()))
            .ok()
    });
    let name = walk::required_str(object, "name", place, problems).and_then(|raw| {
        if raw.trim().is_empty() {
            problems.push(format!("{place}.name"), "may not be empty");
            None
        } else {
            Some(raw.trim().to_string())
        }
    });
    let side = walk::required_str(object, "side", place, problems).and_then(|raw| {
        Side::parse(raw)
            .map_err(|_| {
                problems.push(
                    format!("{place}.side"),
                    format!("unknown side {raw:?} (expected \"guest\" or \"host\")"),
                )
            })
            .ok()
    });
    let country = walk::required_str(object, "country", place, problems).and_then(|raw| {
        CountryCode::parse(raw)
            .map_err(|e| problems.push(format!("{place}.country"), e.to_string()))
            .ok()
    });
    let languages = match walk::required_list(object, "languages", place, problems) {
        Some(items) => {
            let lang_place = format!("{place}.languages");
            let mut out: Vec<LanguageCode> = Vec::new();
            for (i, raw) in walk::strings(items, &lang_place, problems) {
                match LanguageCode::parse(raw) {
                    Ok(code) if !out.contains(&code) => out.push(code),
                    Ok(_) => {}
                    Err(e) => problems.push(format!("{lang_place}[{i}]"), e.to_string()),
                }
            }
            out
        }
        None => Vec::new(),
    };
    let region = walk::optional_str(object, "region", place, problems).map(str::to_string);
    let description =
        walk::optional_str(object, "description", place, problems).map(str::to_string);
    let delegation = walk::optional_str(object, "delegation", place, problems).and_then(|raw| {
        DelegationId::parse(raw)
            .map_err(|e| problems.push(format!("{place}.delegation"), e.to_string()))
            .ok()
    });
    let offers = items(object, "offers", place, problems);
    let needs = items(object, "needs", place, problems);
    let sector = walk::optional_str(object, "sector", place, problems).and_then(|raw| {
        Sector::parse(raw)
            .map_err(|e| problems.push(format!("{place}.sector"), e.to_string()))
            .ok()
    });
    let certifications = walk::optional_list(object, "certifications", place, problems)
        .map(|items| {
            walk::strings(items, &format!("{place}.certifications"), problems)
                .into_iter()
                .map(|(_, s)| s.to_string())
                .collect()
        })
        .unwrap_or_default();
    let capacity = walk::optional_str(object, "capacity", place, problems).map(str::to_string);
    let website = walk::optional_str(object, "website", place, problems).map(str::to_string);
    if problems.0.len() > before {
        return None;
    }
    Some(Organization {
        id: id?,
        name: name?,
        side: side?,
        country: country?,
        region,
        delegation,
        sector,
        languages,
        description,
        offers,
        needs,
        certifications,
        capacity,
        website,
        demo: false,
    })
}

/// Reads `offers` or `needs`: a required list of `{text, hs?}`.
pub(crate) fn items(
    object: &Map<String, Value>,
    key: &str,
    place: &str,
    problems: &mut Problems,
) -> Vec<TradeItem> {
    let Some(list) = walk::required_list(object, key, place, problems) else {
        return Vec::new();
    };
    let mut out = Vec::with_capacity(list.len());
    for (i, entry) in list.iter().enumerate() {
        let item_place = format!("{place}.{key}[{i}]");
        let Some(item) = walk::object_at(entry, &item_place, problems) else {
            continue;
        };
        let text = walk::required_str(item, "text", &item_place, problems).unwrap_or_default();
        let mut codes = Vec::new();
        if let Some(raw_codes) = walk::optional_list(item, "hs", &item_place, problems) {
            let hs_place = format!("{item_place}.hs");
            for (j, raw) in walk::strings(raw_codes, &hs_place, problems) {
                match HsCode::parse(raw) {
                    Ok(code) if !codes.contains(&code) => codes.push(code),
                    Ok(_) => {}
                    Err(e) => problems.push(format!("{hs_place}[{j}]"), e.to_string()),
                }
            }
        }
        out.push(TradeItem::new(text, codes));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(text: &str) -> Vec<String> {
        parse(text.as_bytes())
            .expect_err("should be refused")
            .iter()
            .map(|p| p.to_string())
            .collect()
    }

    const GOOD: &str = r#"{
      "format": "mitra/organizations@1",
      "extra": 1,
      "organizations": [
        { "id": "lpg-kopi-01", "name": "Koperasi Kopi", "side": "guest", "country": "ID",
          "region": "Lampung", "delegation": "lampung", "languages": ["id", "en"],
          "offers": [ { "text": "Kopi robusta", "hs": ["0901.11"] } ],
          "needs": [ { "text": "Mesin pengering" } ], "unknown": true },
        { "id": "sd-001", "name": "青岛咖啡", "side": "host", "country": "CN",
          "languages": [], "offers": [], "needs": [ { "text": "采购罗布斯塔咖啡生豆", "hs": [] } ] }
      ]
    }"#;

    #[test]
    fn reads_a_valid_file_and_writes_it_back() {
        let orgs = parse(GOOD.as_bytes()).unwrap();
        assert_eq!(orgs.len(), 2);
        assert_eq!(orgs[0].offers[0].hs[0].as_str(), "090111");
        assert_eq!(orgs[1].side, Side::Host);
        let written = write(&orgs, None);
        let again = parse(&written).unwrap();
        assert_eq!(again, orgs);
        assert_eq!(write(&again, None), written);
    }

    #[test]
    fn names_every_problem_with_its_place() {
        let text = r#"{ "format": "mitra/organizations@1", "organizations": [
          { "id": "a", "name": "A", "side": "buyer", "country": "XX", "languages": ["ind"],
            "offers": [ { "text": "x", "hs": ["09a1"] } ], "needs": [] },
          { "id": "a", "name": "B", "side": "host", "country": "CN", "languages": [], "offers": [] }
        ] }"#;
        let got = messages(text);
        assert!(
            got.contains(
                &"organizations[0].side: unknown side \"buyer\" (expected \"guest\" or \"host\")"
                    .to_string()
            ),
            "{got:?}"
        );
        assert!(
            got.iter()
                .any(|m| m.starts_with("organizations[0].country: unknown country code \"XX\""))
        );
        assert!(got.iter().any(|m| {
            m.starts_with("organizations[0].languages[0]: unknown language code \"ind\"")
        }));
        assert!(
            got.iter()
                .any(|m| m.starts_with("organizations[0].offers[0].hs[0]:"))
        );
        assert!(
            got.iter()
                .any(|m| m.starts_with("organizations[1].id: duplicate id \"a\""))
        );
        assert!(
            got.iter()
                .any(|m| m == "organizations[1].needs: missing (required; may be an empty list)")
        );
    }

    #[test]
    fn refuses_bad_json_and_wrong_format() {
        let got = messages("{ not json");
        assert!(
            got[0].starts_with("line 1, column 3: invalid JSON"),
            "{got:?}"
        );
        let got = messages(r#"{"format": "mitra/matches@1", "organizations": []}"#);
        assert_eq!(
            got,
            vec![
                "format: expected \"mitra/organizations@1\", found \"mitra/matches@1\"".to_string()
            ]
        );
        let got = messages(r#"{"format": "mitra/organizations@1"}"#);
        assert_eq!(
            got,
            vec!["organizations: missing (required; may be an empty list)".to_string()]
        );
    }
}
