//! Identifiers. Every id is a newtype over a validated string, so that an
//! organization id can never be passed where a slot id is expected, and an
//! id with spaces or control characters cannot exist.

use std::fmt;

/// Why a string cannot be an identifier.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    #[error("an id may not be empty")]
    Empty,
    #[error("id {0:?} is longer than 64 characters")]
    TooLong(String),
    #[error("id {0:?} may contain only letters, digits, '-', '_', '.' and ':'")]
    BadCharacter(String),
}

/// Checks the shared rule for ids: 1–64 characters, letters (any script),
/// digits, and `- _ . :`. Ids appear in URLs and file names (agendas are
/// written as `out/agendas/ID.pdf`), hence no spaces or slashes.
pub fn check_id(raw: &str) -> Result<(), IdError> {
    if raw.is_empty() {
        return Err(IdError::Empty);
    }
    if raw.chars().count() > 64 {
        return Err(IdError::TooLong(raw.to_string()));
    }
    if !raw
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
        || raw.starts_with('.')
    {
        return Err(IdError::BadCharacter(raw.to_string()));
    }
    Ok(())
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// Accepts a string that follows the id rule ([`check_id`]).
            pub fn parse(raw: &str) -> Result<Self, IdError> {
                check_id(raw)?;
                Ok(Self(raw.to_string()))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl std::str::FromStr for $name {
            type Err = IdError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::parse(s)
            }
        }
    };
}

id_type!(
    /// An event (one matchmaking conference).
    EventId
);
id_type!(
    /// A visiting delegation (a province's or state's mission).
    DelegationId
);
id_type!(
    /// A company or institution taking part.
    OrgId
);
id_type!(
    /// A session of the event (a morning, an afternoon).
    SessionId
);
id_type!(
    /// A time slot within a session.
    SlotId
);
id_type!(
    /// A meeting table.
    TableId
);
id_type!(
    /// An interpreter.
    InterpreterId
);
id_type!(
    /// A person with an account.
    PersonId
);
id_type!(
    /// A friendship tie between two regions.
    TieId
);
id_type!(
    /// A delegation's mission (a working visit).
    MissionId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_follow_the_rule() {
        assert!(OrgId::parse("lpg-kopi-01").is_ok());
        assert!(OrgId::parse("sd_青岛.01").is_ok());
        assert_eq!(OrgId::parse(""), Err(IdError::Empty));
        assert!(matches!(OrgId::parse("a b"), Err(IdError::BadCharacter(_))));
        assert!(matches!(OrgId::parse("a/b"), Err(IdError::BadCharacter(_))));
        assert!(matches!(
            OrgId::parse("../x"),
            Err(IdError::BadCharacter(_))
        ));
        assert!(matches!(
            OrgId::parse(&"x".repeat(65)),
            Err(IdError::TooLong(_))
        ));
    }
}
