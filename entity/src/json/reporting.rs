//! Typed JSON of the reporting tables: template parameter definitions and report parameter
//! values.

use std::collections::BTreeMap;

use sea_orm::FromJsonQueryResult;
use serde::{Deserialize, Serialize};

use super::Extra;
use crate::sea_orm_active_enums::TemplateFieldType;

/// `report_templates.parameters`: the parameters a report of the template takes, by name (the
/// names of its `template_fields`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
#[serde(transparent)]
pub struct TemplateParameters(pub BTreeMap<String, TemplateParameter>);

/// One parameter of a report template.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateParameter {
    /// The kind of value, as `template_fields.field_type`.
    #[serde(rename = "type")]
    pub field_type: TemplateFieldType,
    /// Whether a report must give a value.
    #[serde(default)]
    pub required: bool,
    /// The value used when a report gives none (JSON of the parameter's kind), if any.
    #[serde(default)]
    pub default: Option<serde_json::Value>,
    /// Fields this version does not know, as read (a newer writer's, during a rolling deploy):
    /// kept so that writing the value back does not drop them.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `reports.parameters`: the value of each template parameter for this report, by parameter
/// name; a value's JSON kind follows the parameter's type (a date is `"YYYY-MM-DD"`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
#[serde(transparent)]
pub struct ReportParameters(pub BTreeMap<String, serde_json::Value>);
