//! What the dashboard shows of an SME's history: each recorded change to it and its records as
//! a few words and the fields that changed (before → after), and the deleted SMEs that can be
//! restored. Built from the audit trail's JSON; pure.

use serde_json::Value;

use super::audit::{FieldChange, diff};

/// A soft-deleted SME, as the "deleted SMEs" view lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct DeletedSme {
    pub id: i64,
    pub name: String,
    pub tax_code: String,
    pub province: String,
    pub deleted_at: String,
    /// The version a restore must state.
    pub version: i64,
}

/// One recorded change, ready to show.
#[derive(Debug, Clone, PartialEq)]
pub struct ChangeEntry {
    pub at: String,
    pub who: String,
    /// sme, assessment, shortlist, plan_item, …
    pub entity: String,
    /// create, update, delete, restore, set_stage, …
    pub action: String,
    /// Names the record when it is not the SME itself: "ARE 030617", a plan action, a score.
    pub label: String,
    /// Fields that changed (none for a creation: everything is new).
    pub fields: Vec<FieldChange>,
}

/// Bookkeeping that says nothing to a reader (the version is left out by `diff` already).
const NOISE: [&str; 8] = [
    "updated_at",
    "created_at",
    "imported_at",
    "snapshot",
    "reference_version",
    "origin",
    "deleted_at",
    "sme_id",
];

/// Turn one audit row into what the SME's "Changes" section shows.
pub fn change_entry(
    at: &str,
    who: &str,
    entity: &str,
    action: &str,
    before: &Value,
    after: &Value,
) -> ChangeEntry {
    let fields = if action == "create" {
        Vec::new()
    } else {
        diff(before, after)
            .into_iter()
            .filter(|c| !NOISE.contains(&c.field.as_str()))
            .collect()
    };
    ChangeEntry {
        at: at.to_string(),
        who: who.to_string(),
        entity: entity.to_string(),
        action: action.to_string(),
        label: label(entity, if after.is_null() { before } else { after }),
        fields,
    }
}

fn text<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or_default()
}

fn label(entity: &str, record: &Value) -> String {
    match entity {
        "sme" => String::new(),
        "shortlist" => format!("{} {}", text(record, "iso3"), text(record, "hs"))
            .trim()
            .to_string(),
        "plan_item" => {
            let action = text(record, "action");
            let iso3 = text(record, "iso3");
            if iso3.is_empty() {
                action.to_string()
            } else {
                format!("{iso3} · {action}")
            }
        }
        "assessment" => {
            let r = &record["result"];
            r["overall"]
                .as_f64()
                .map(|score| format!("{score:.0}/100"))
                .unwrap_or_default()
        }
        _ => String::new(),
    }
}

/// Audit timestamps (stored in UTC, `2026-11-23T09:00:00Z`) as a reader wants them: local
/// time with its offset, `2026-11-23 16:00 +07:00` in Viet Nam.
pub fn short_time(at: &str) -> String {
    crate::clock::local_stamp(at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn updates_list_fields_without_bookkeeping() {
        let before = json!({"id": 3, "version": 1, "name": "A", "province": "Huế",
                            "updated_at": "x"});
        let after = json!({"id": 3, "version": 2, "name": "A", "province": "Đà Nẵng",
                           "updated_at": "y"});
        let e = change_entry(
            "2026-11-23T09:00:00Z",
            "lan",
            "sme",
            "update",
            &before,
            &after,
        );
        assert_eq!(e.fields.len(), 1);
        assert_eq!(e.fields[0].describe(), "province: \"Huế\" → \"Đà Nẵng\"");
        assert_eq!(e.label, "");
        assert_eq!(short_time(&e.at), "2026-11-23 16:00 +07:00");
    }

    #[test]
    fn creations_and_records_are_labelled() {
        let created = change_entry(
            "t",
            "w",
            "sme",
            "create",
            &Value::Null,
            &json!({"name": "A"}),
        );
        assert!(created.fields.is_empty());
        let stage = change_entry(
            "t",
            "w",
            "shortlist",
            "set_stage",
            &json!({"iso3": "ARE", "hs": "030617", "stage": "engaged", "snapshot": "{}"}),
            &json!({"iso3": "ARE", "hs": "030617", "stage": "first_shipment", "snapshot": "{…}"}),
        );
        assert_eq!(stage.label, "ARE 030617");
        assert_eq!(stage.fields.len(), 1);
        assert_eq!(stage.fields[0].field, "stage");
        let assessed = change_entry(
            "t",
            "w",
            "assessment",
            "create",
            &Value::Null,
            &json!({"result": {"overall": 64.6, "band": "ready"}}),
        );
        assert_eq!(assessed.label, "65/100");
        assert_eq!(short_time("not a time"), "not a time");
    }
}
