//! Typed JSON of the backup tables: recovery steps and escalation contacts.

use sea_orm::FromJsonQueryResult;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::Extra;

/// `recovery_plans.steps`: the steps of a recovery, in the order they are carried out.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
#[serde(transparent)]
pub struct RecoverySteps(pub Vec<RecoveryStep>);

/// One step of a recovery plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecoveryStep {
    /// Short name of the step, for example `Restore primary database`.
    pub name: String,
    /// What to do, in enough detail to do it under pressure.
    #[serde(default)]
    pub description: Option<String>,
    /// Whether the platform runs the step or a person does.
    pub mode: RecoveryStepMode,
    /// For an automated step, the key of the job the platform runs.
    #[serde(default)]
    pub automation_key: Option<String>,
    /// For a manual step, the role or team responsible, for example `dba-on-call`.
    #[serde(default)]
    pub responsible_role: Option<String>,
    /// Expected duration in minutes, counted against the plan's RTO.
    #[serde(default)]
    pub estimated_minutes: Option<i64>,
    /// Fields this version does not know, as read (a newer writer's, during a rolling deploy):
    /// kept so that writing the value back does not drop them.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Who carries out a recovery step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecoveryStepMode {
    /// The platform runs it.
    Automated,
    /// A person does it and marks it done.
    Manual,
}

/// `recovery_plans.escalation_contacts`: whom to contact during a recovery, first level first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
#[serde(transparent)]
pub struct EscalationContacts(pub Vec<EscalationContact>);

/// One escalation contact of a recovery plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EscalationContact {
    /// Escalation level, from 1 (contacted first).
    pub level: i64,
    /// The person's or team's name.
    pub name: String,
    /// Their role, for example `Head of infrastructure`.
    #[serde(default)]
    pub role: Option<String>,
    /// Email address.
    #[serde(default)]
    pub email: Option<String>,
    /// Phone number in E.164 form, for example `+4930123456`.
    #[serde(default)]
    pub phone: Option<String>,
    /// The platform user (`users.id`), when the contact has an account.
    #[serde(default)]
    pub user_id: Option<Uuid>,
    /// Minutes after the incident starts at which this level is contacted (default 0).
    #[serde(default)]
    pub notify_after_minutes: i64,
    /// Fields this version does not know, as read (a newer writer's, during a rolling deploy):
    /// kept so that writing the value back does not drop them.
    #[serde(flatten)]
    pub extra: Extra,
}
