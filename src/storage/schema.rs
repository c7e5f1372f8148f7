//! The storage envelope: `{"version": N, "data": ...}` under
//! `backend-guide:v1:<name>`, with migration and safe decoding.

use serde::{Serialize, de::DeserializeOwned};
use serde_json::{Value, json};

/// Every key the app writes starts with this.
pub const NAMESPACE: &str = "backend-guide";

/// The key of a record: `backend-guide:v1:quiz`.
pub fn key(name: &str) -> String {
    format!("{NAMESPACE}:v1:{name}")
}

/// Where an unreadable value is set aside, so nothing is lost silently.
pub fn backup_key(name: &str, timestamp_ms: u64) -> String {
    format!("{NAMESPACE}:backup:{name}:{timestamp_ms}")
}

/// Why a stored value could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Not JSON at all.
    Corrupt,
    /// JSON, but not in the record's format (the decoder's detail).
    WrongShape(String),
    /// Saved by a newer version of the site, in this format version.
    NewerVersion(u64),
}

/// A record type with a version and a way to upgrade older data.
pub trait Record: Serialize + DeserializeOwned {
    const NAME: &'static str;
    const VERSION: u64;

    /// Upgrades `data` from format `from` to `from + 1`.
    fn migrate(from: u64, data: Value) -> Result<Value, Problem> {
        let _ = from;
        Ok(data)
    }
}

pub fn encode<R: Record>(record: &R) -> String {
    json!({ "version": R::VERSION, "data": record }).to_string()
}

/// Reads a stored string, migrating older formats step by step.
pub fn decode<R: Record>(raw: &str) -> Result<R, Problem> {
    let value: Value = serde_json::from_str(raw).map_err(|_| Problem::Corrupt)?;
    let version = value
        .get("version")
        .and_then(Value::as_u64)
        .ok_or_else(|| Problem::WrongShape("no version number".into()))?;
    if version > R::VERSION {
        return Err(Problem::NewerVersion(version));
    }
    let mut data = value
        .get("data")
        .cloned()
        .ok_or_else(|| Problem::WrongShape("no data".into()))?;
    for from in version..R::VERSION {
        data = R::migrate(from, data)?;
    }
    serde_json::from_value(data).map_err(|e| Problem::WrongShape(e.to_string()))
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};

    use super::*;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Notes {
        items: Vec<String>,
        #[serde(default)]
        pinned: bool,
    }

    impl Record for Notes {
        const NAME: &'static str = "notes";
        const VERSION: u64 = 2;

        // Format 1 stored a bare list of strings.
        fn migrate(from: u64, data: Value) -> Result<Value, Problem> {
            match from {
                1 => Ok(json!({ "items": data })),
                _ => Ok(data),
            }
        }
    }

    #[test]
    fn keys_share_one_namespace() {
        assert_eq!(key("quiz"), "backend-guide:v1:quiz");
        assert_eq!(backup_key("quiz", 12), "backend-guide:backup:quiz:12");
    }

    #[test]
    fn round_trips() {
        let n = Notes {
            items: vec!["a".into()],
            pinned: true,
        };
        assert_eq!(decode::<Notes>(&encode(&n)).unwrap(), n);
    }

    #[test]
    fn migrates_older_formats() {
        let old = r#"{"version":1,"data":["x","y"]}"#;
        assert_eq!(
            decode::<Notes>(old).unwrap(),
            Notes {
                items: vec!["x".into(), "y".into()],
                pinned: false
            }
        );
    }

    #[test]
    fn reports_each_kind_of_bad_data() {
        assert_eq!(decode::<Notes>("{not json"), Err(Problem::Corrupt));
        assert_eq!(
            decode::<Notes>(r#"{"version":9,"data":{}}"#),
            Err(Problem::NewerVersion(9))
        );
        assert!(matches!(
            decode::<Notes>(r#"{"data":{}}"#),
            Err(Problem::WrongShape(_))
        ));
        assert!(matches!(
            decode::<Notes>(r#"{"version":2,"data":{"items":5}}"#),
            Err(Problem::WrongShape(_))
        ));
        assert!(matches!(
            decode::<Notes>("[1,2]"),
            Err(Problem::WrongShape(_))
        ));
    }
}
