//! Field-by-field differences between two versions of a record (as JSON), for the audit trail
//! and for the message that refuses a save over another session's change.

use serde::Serialize;
use serde_json::Value;

/// One field that differs between two versions of a record.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldChange {
    pub field: String,
    pub before: Value,
    pub after: Value,
}

impl FieldChange {
    /// `field: before → after`, values written as a person reads them.
    pub fn describe(&self) -> String {
        format!(
            "{}: {} → {}",
            self.field,
            show(&self.before),
            show(&self.after)
        )
    }
}

/// Fields whose values differ between two JSON objects, in the order of `after` (then fields
/// only in `before`). Bookkeeping fields (`id`, `version`) are left out.
pub fn diff(before: &Value, after: &Value) -> Vec<FieldChange> {
    let empty = serde_json::Map::new();
    let b = before.as_object().unwrap_or(&empty);
    let a = after.as_object().unwrap_or(&empty);
    let mut out = Vec::new();
    let keys = a.keys().chain(b.keys().filter(|k| !a.contains_key(*k)));
    for k in keys {
        if matches!(k.as_str(), "id" | "version") {
            continue;
        }
        let (bv, av) = (
            b.get(k).unwrap_or(&Value::Null),
            a.get(k).unwrap_or(&Value::Null),
        );
        if bv != av {
            out.push(FieldChange {
                field: k.clone(),
                before: bv.clone(),
                after: av.clone(),
            });
        }
    }
    out
}

/// A JSON value as a person reads it: text in quotes, lists joined with `;`, null as `(empty)`.
pub fn show(v: &Value) -> String {
    show_in(v, "(empty)", "(none)")
}

/// [`show`] with the reader's words for an empty value and an empty list.
pub fn show_in(v: &Value, empty: &str, none: &str) -> String {
    match v {
        Value::Null => empty.into(),
        Value::String(s) if s.is_empty() => empty.into(),
        Value::String(s) => format!("\"{s}\""),
        Value::Array(items) if items.is_empty() => none.into(),
        Value::Array(items) => items
            .iter()
            .map(|i| match i {
                Value::String(s) => s.clone(),
                // A product: HS[:description], as in the SME CSV.
                Value::Object(o) if o.contains_key("hs") => {
                    let hs = o["hs"].as_str().unwrap_or_default();
                    match o.get("description").and_then(Value::as_str) {
                        Some(d) if !d.is_empty() => format!("{hs}:{d}"),
                        _ => hs.to_string(),
                    }
                }
                Value::Object(o) => o
                    .values()
                    .map(|x| {
                        x.as_str()
                            .map(String::from)
                            .unwrap_or_else(|| x.to_string())
                    })
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(":"),
                other => other.to_string(),
            })
            .collect::<Vec<_>>()
            .join(";"),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn diffs_fields_and_skips_bookkeeping() {
        let before =
            json!({"id": 1, "version": 1, "name": "A", "employees": 5, "markets": ["USA"]});
        let after = json!({"id": 1, "version": 2, "name": "A", "employees": null, "markets": ["USA", "JPN"]});
        let d = diff(&before, &after);
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].describe(), "employees: 5 → (empty)");
        assert_eq!(d[1].describe(), "markets: USA → USA;JPN");
        assert_eq!(
            show(&json!([{"hs": "0901", "description": "Coffee"}])),
            "0901:Coffee"
        );
    }
}
