//! The storage envelope: `{"version": N, "data": ...}` under
//! `backend-guide:v1:<name>`, with migration and safe decoding.

use std::cmp::Ordering;

use serde::{Deserialize, Serialize, de::DeserializeOwned};

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

    /// Reads data saved in the older format `from` (the whole envelope in
    /// `raw`). A record that changes its format overrides this, usually
    /// with [`upgrade_with`]; until then no older format exists.
    fn upgrade(from: u64, raw: &str) -> Result<Self, Problem> {
        let _ = raw;
        Err(Problem::WrongShape(format!("format {from} is unknown")))
    }
}

/// The envelope as it is written.
#[derive(Serialize)]
struct Envelope<'a, R> {
    version: u64,
    data: &'a R,
}

/// The envelope as it is read, in the current format.
#[derive(Deserialize)]
struct Stored<R> {
    version: u64,
    data: R,
}

#[derive(Deserialize)]
struct Version {
    version: u64,
}

#[derive(Deserialize)]
struct Data<R> {
    data: R,
}

pub fn encode<R: Record>(record: &R) -> String {
    let envelope = Envelope {
        version: R::VERSION,
        data: record,
    };
    serde_json::to_string(&envelope).expect("plain data serializes")
}

/// Reads an envelope straight into the record (no generic JSON values in
/// between: this runs in the browser, where code size counts). Data in the
/// current format is read in one pass; anything else is examined by
/// [`examine`], which does not depend on the record's type, so each record
/// type adds only its own single pass to the browser's code.
pub fn decode<R: Record>(raw: &str) -> Result<R, Problem> {
    match serde_json::from_str::<Stored<R>>(raw) {
        Ok(stored) if stored.version == R::VERSION => Ok(stored.data),
        read => match examine(raw, R::VERSION)? {
            Format::Older(version) => R::upgrade(version, raw),
            // In the current format but not in the record's shape: the
            // first pass says where.
            Format::Current => Err(Problem::WrongShape(
                read.err().map_or_else(String::new, |e| where_wrong(&e)),
            )),
        },
    }
}

/// Where the reading stopped. (Not the decoder's own message: formatting
/// it would add its words for every kind of error to the browser's code.)
fn where_wrong(e: &serde_json::Error) -> String {
    format!("at line {}, column {}", e.line(), e.column())
}

/// Which format an envelope that did not read as the current record is in.
enum Format {
    Current,
    Older(u64),
}

fn examine(raw: &str, current: u64) -> Result<Format, Problem> {
    if serde_json::from_str::<serde::de::IgnoredAny>(raw).is_err() {
        return Err(Problem::Corrupt);
    }
    let version = serde_json::from_str::<Version>(raw)
        .map_err(|_| Problem::WrongShape("no version number".into()))?
        .version;
    match version.cmp(&current) {
        Ordering::Greater => Err(Problem::NewerVersion(version)),
        Ordering::Less => Ok(Format::Older(version)),
        Ordering::Equal => Ok(Format::Current),
    }
}

/// Upgrades data saved in format `from` one step at a time (`step` turns
/// format N's data into format N+1's), then reads it as the record.
pub fn upgrade_with<R: Record>(
    from: u64,
    raw: &str,
    step: impl Fn(u64, serde_json::Value) -> Result<serde_json::Value, Problem>,
) -> Result<R, Problem> {
    let mut data = serde_json::from_str::<Data<serde_json::Value>>(raw)
        .map_err(|e| Problem::WrongShape(e.to_string()))?
        .data;
    for version in from..R::VERSION {
        data = step(version, data)?;
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
        fn upgrade(from: u64, raw: &str) -> Result<Self, Problem> {
            upgrade_with(from, raw, |version, data| match version {
                1 => Ok(serde_json::json!({ "items": data })),
                _ => Ok(data),
            })
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
        assert_eq!(
            decode::<Notes>(r#"{"version":2,"data":{"items":5}}"#),
            Err(Problem::WrongShape("at line 1, column 30".into()))
        );
        let list = decode::<Notes>("[1,2]");
        assert!(matches!(list, Err(Problem::WrongShape(_))), "{list:?}");
    }
}
