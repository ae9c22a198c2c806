//! Reporting: report templates and their fields, reports, their runs, shares and run logs.

use chrono::{DateTime, Duration, FixedOffset};
use entity::json::{TemplateParameter, TemplateParameters};
use entity::sea_orm_active_enums::{
    ExecutionLogLevel, ReportExecutionOutputFormat, ReportExecutionStatus, ReportSharePermission,
    ReportStatus, ReportTemplateType, TemplateFieldType,
};
use entity::{
    execution_logs, report_executions, report_shares, report_templates, reports, template_fields,
};
use serde_json::{Value, json};
use uuid::Uuid;

use super::at;
use crate::Gen;

type Time = DateTime<FixedOffset>;

/// The layout of a template of type `ty` called `name`.
pub fn template_json(ty: ReportTemplateType, name: &str) -> Value {
    match ty {
        ReportTemplateType::Tabular => json!({
            "sections": [{"title": name, "columns": ["dimension", "amount", "change_percent"]}],
            "totals": true
        }),
        ReportTemplateType::Chart => json!({
            "charts": [{"type": "bar", "x": "dimension", "y": "amount", "stacked": true}]
        }),
        ReportTemplateType::Dashboard => json!({
            "widgets": [
                {"type": "kpi", "metric": "revenue"},
                {"type": "kpi", "metric": "pipeline"},
                {"type": "line", "metric": "churn_rate"}
            ],
            "columns": 2
        }),
        ReportTemplateType::Custom => json!({
            "query": "cohort_retention", "pivot": {"rows": "cohort_month", "columns": "months_since"}
        }),
    }
}

/// The output format a template of type `ty` renders to.
pub fn output_format(ty: ReportTemplateType) -> ReportExecutionOutputFormat {
    match ty {
        ReportTemplateType::Tabular => ReportExecutionOutputFormat::Excel,
        ReportTemplateType::Chart => ReportExecutionOutputFormat::Pdf,
        ReportTemplateType::Dashboard => ReportExecutionOutputFormat::Html,
        ReportTemplateType::Custom => ReportExecutionOutputFormat::Csv,
    }
}

/// The file extension of output format `f`.
pub fn extension(f: ReportExecutionOutputFormat) -> &'static str {
    match f {
        ReportExecutionOutputFormat::Pdf => "pdf",
        ReportExecutionOutputFormat::Excel => "xlsx",
        ReportExecutionOutputFormat::Csv => "csv",
        ReportExecutionOutputFormat::Json => "json",
        ReportExecutionOutputFormat::Html => "html",
    }
}

/// A template field's declaration: name, type, whether required, default (as text).
pub type FieldSpec<'a> = (&'a str, TemplateFieldType, bool, Option<&'a str>);

/// The parameters a template declares, from its `fields`; a default is typed by its field.
pub fn template_parameters(fields: &[FieldSpec<'_>]) -> TemplateParameters {
    TemplateParameters(
        fields
            .iter()
            .map(|(name, field_type, required, default)| {
                let default = default.map(|d| match field_type {
                    TemplateFieldType::Number => json!(d.parse::<i64>().unwrap_or(0)),
                    TemplateFieldType::Boolean => json!(d == "true"),
                    _ => json!(d),
                });
                let parameter = TemplateParameter {
                    field_type: *field_type,
                    required: *required,
                    default,
                    extra: Default::default(),
                };
                ((*name).to_owned(), parameter)
            })
            .collect(),
    )
}

/// Version 1 of the template `name` of type `ty`, written by `author` in `tenant` at `created`
/// for readers in `locale`: active, private, without parameters.
pub fn report_template_of(
    g: &mut Gen,
    tenant: Uuid,
    author: Uuid,
    name: &str,
    ty: ReportTemplateType,
    locale: &str,
    created: Time,
) -> report_templates::Model {
    let orientation = if ty == ReportTemplateType::Dashboard {
        "landscape"
    } else {
        "portrait"
    };
    report_templates::Model {
        id: g.id_at(created),
        tenant_id: tenant,
        created_by_user_id: author,
        name: name.into(),
        description: None,
        template_type: ty,
        structure: template_json(ty, name),
        parameters: TemplateParameters::default(),
        configuration: json!({
            "page_size": "A4",
            "orientation": orientation,
            "default_format": extension(output_format(ty)),
            "locale": locale
        }),
        version: 1,
        is_active: true,
        is_public: false,
        parent_template_id: None,
        created_at: created,
        updated_at: created,
    }
}

/// Any valid template of `tenant`, by `author`.
pub fn report_template(g: &mut Gen, tenant: Uuid, author: Uuid) -> report_templates::Model {
    let ty = ReportTemplateType::Tabular;
    report_template_of(g, tenant, author, "Monthly revenue", ty, "en-GB", at(0))
}

/// Field `position` of `template`, declared by `spec`.
pub fn template_field(
    g: &mut Gen,
    template: &report_templates::Model,
    position: usize,
    spec: FieldSpec<'_>,
) -> template_fields::Model {
    let (name, field_type, is_required, default) = spec;
    let at = template.created_at;
    template_fields::Model {
        id: g.id_at(at),
        tenant_id: template.tenant_id,
        report_template_id: template.id,
        name: name.into(),
        field_type,
        is_required,
        default_value: default.map(str::to_owned),
        position: position as i64,
        created_at: at,
        updated_at: at,
    }
}

/// A draft report `name` on template `template` (of type `ty`), made by `creator` in `tenant` at
/// `created`: no parameters, never run, priority 5.
pub fn report_of(
    g: &mut Gen,
    tenant: Uuid,
    template: Uuid,
    ty: ReportTemplateType,
    creator: Uuid,
    name: &str,
    created: Time,
) -> reports::Model {
    reports::Model {
        id: g.id_at(created),
        tenant_id: tenant,
        report_template_id: template,
        created_by_user_id: creator,
        name: name.into(),
        description: None,
        parameters: Default::default(),
        configuration: json!({
            "output_format": extension(output_format(ty)),
            "email_to_creator": false
        }),
        status: ReportStatus::Draft,
        priority: 5,
        scheduled_at: None,
        last_executed_at: None,
        execution_count: 0,
        created_at: created,
        updated_at: created,
    }
}

/// Any valid report on `template`, by its author.
pub fn report(g: &mut Gen, template: &report_templates::Model) -> reports::Model {
    let (tenant, author, ty) = (
        template.tenant_id,
        template.created_by_user_id,
        template.template_type,
    );
    report_of(g, tenant, template.id, ty, author, "Revenue (EMEA)", at(1))
}

/// A run of a report, for [`execution`].
#[derive(Debug, Clone)]
pub struct Run<'a> {
    /// The report's tenant.
    pub tenant: Uuid,
    /// The report run.
    pub report: Uuid,
    /// The type of its template, which fixes the output format.
    pub template_type: ReportTemplateType,
    /// The version of the template it ran.
    pub template_version: i64,
    /// The tenant's host name, where exports are served.
    pub host: &'a str,
    /// How the run ended (or `Running`).
    pub status: ReportExecutionStatus,
    /// When it started.
    pub started: Time,
    /// How long it took (or has taken so far), in milliseconds.
    pub took_ms: i64,
    /// Who ran it by hand; `None` for a scheduled run.
    pub by: Option<Uuid>,
    /// The rows of its result.
    pub rows: i64,
    /// Why it failed, for a failed run.
    pub error: Option<String>,
}

/// The run `run`: a completed one has its output, a running one no end; it ends no later than
/// now.
pub fn execution(g: &mut Gen, run: Run<'_>) -> report_executions::Model {
    let id = g.id_at(run.started);
    let format = output_format(run.template_type);
    let completed = (run.status != ReportExecutionStatus::Running)
        .then(|| (run.started + Duration::milliseconds(run.took_ms)).min(g.now()));
    let done = run.status == ReportExecutionStatus::Completed;
    let manual = run.by.is_some();
    report_executions::Model {
        id,
        tenant_id: run.tenant,
        report_id: run.report,
        executed_by_user_id: run.by,
        status: run.status,
        started_at: run.started,
        completed_at: completed,
        execution_time_ms: completed.map(|c| (c - run.started).num_milliseconds()),
        result_size_bytes: done.then(|| run.rows * g.range(60..=180)),
        output_format: done.then_some(format),
        output_url: done.then(|| {
            let ext = extension(format);
            format!("https://{}/exports/reports/{id}.{ext}", run.host)
        }),
        error_message: run
            .error
            .filter(|_| run.status == ReportExecutionStatus::Failed),
        metadata: json!({
            "trigger": if manual { "manual" } else { "schedule" },
            "rows": if done { run.rows } else { 0 },
            "renderer": "reportd 3.4.2",
            "template_version": run.template_version
        }),
        created_at: run.started,
        updated_at: completed.unwrap_or(run.started),
    }
}

/// A completed run of `report` by hand, of 1,200 rows.
pub fn report_execution(g: &mut Gen, report: &reports::Model) -> report_executions::Model {
    let run = Run {
        tenant: report.tenant_id,
        report: report.id,
        template_type: ReportTemplateType::Tabular,
        template_version: 1,
        host: "example.com",
        status: ReportExecutionStatus::Completed,
        started: at(2),
        took_ms: 4_000,
        by: Some(report.created_by_user_id),
        rows: 1_200,
        error: None,
    };
    execution(g, run)
}

/// A line `message` at `level` of the log of `execution`, at `at`.
pub fn execution_log(
    g: &mut Gen,
    execution: &report_executions::Model,
    level: ExecutionLogLevel,
    message: String,
    at: Time,
) -> execution_logs::Model {
    execution_logs::Model {
        id: g.id_at(at),
        tenant_id: execution.tenant_id,
        execution_id: execution.id,
        level,
        message,
        logged_at: at,
    }
}

/// `report` shared by its creator with `user` at `at`, to view, without expiry.
pub fn report_share(
    g: &mut Gen,
    report: &reports::Model,
    user: Uuid,
    at: Time,
) -> report_shares::Model {
    report_shares::Model {
        id: g.id_at(at),
        tenant_id: report.tenant_id,
        report_id: report.id,
        shared_with_user_id: user,
        shared_by_user_id: Some(report.created_by_user_id),
        permission: ReportSharePermission::View,
        expires_at: None,
        created_at: at,
        updated_at: at,
    }
}

/// How an ordinary run ends (one not forced by its report's state or its tenant's): 5 % fail
/// and 2 % are cancelled.
pub fn ordinary_outcome(g: &mut Gen) -> ReportExecutionStatus {
    let r = g.float(0.0..1.0);
    if r < 0.05 {
        ReportExecutionStatus::Failed
    } else if r < 0.07 {
        ReportExecutionStatus::Cancelled
    } else {
        ReportExecutionStatus::Completed
    }
}

/// How long a run of a template of type `ty` takes, in milliseconds; a run that did not
/// complete stopped a third of the way.
pub fn run_time_ms(g: &mut Gen, ty: ReportTemplateType, status: ReportExecutionStatus) -> i64 {
    let took = match ty {
        ReportTemplateType::Dashboard => g.range(8_000..=55_000),
        ReportTemplateType::Custom => g.range(4_000..=40_000),
        _ => g.range(900..=12_000),
    };
    if status == ReportExecutionStatus::Completed {
        took
    } else {
        took / 3
    }
}

/// The log of `execution`, which returned `rows` rows: how it started, what it found and how it
/// ended, spread over the run.
pub fn run_log(
    g: &mut Gen,
    execution: &report_executions::Model,
    rows: i64,
) -> Vec<execution_logs::Model> {
    let trigger = if execution.executed_by_user_id.is_some() {
        "manual"
    } else {
        "scheduled"
    };
    let mut lines = vec![(
        ExecutionLogLevel::Info,
        format!("execution started ({trigger})"),
    )];
    let took = execution.execution_time_ms.unwrap_or(0);
    match execution.status {
        ReportExecutionStatus::Completed => {
            lines.push((
                ExecutionLogLevel::Info,
                format!("query returned {rows} rows"),
            ));
            if rows > 40_000 {
                let warning = "result is close to the 50,000 row limit";
                lines.push((ExecutionLogLevel::Warn, warning.into()));
            }
            let message = format!("execution completed in {took} ms");
            lines.push((ExecutionLogLevel::Info, message));
        }
        ReportExecutionStatus::Failed => {
            lines.push((ExecutionLogLevel::Warn, "retrying once".into()));
            let error = execution.error_message.as_deref();
            let message = error.unwrap_or("execution failed").to_owned();
            lines.push((ExecutionLogLevel::Error, message));
        }
        ReportExecutionStatus::Cancelled => {
            let message = "execution cancelled by the user";
            lines.push((ExecutionLogLevel::Info, message.into()));
        }
        ReportExecutionStatus::Running => {
            let message = "querying: 3 of 4 widgets done";
            lines.push((ExecutionLogLevel::Info, message.into()));
        }
    }
    let started = execution.started_at;
    let span = execution
        .completed_at
        .unwrap_or_else(|| g.now())
        .signed_duration_since(started)
        .num_milliseconds()
        .max(0);
    let steps = (lines.len() as i64 - 1).max(1);
    lines
        .into_iter()
        .zip(0..)
        .map(|((level, message), k)| {
            let at = started + Duration::milliseconds(span * k / steps);
            execution_log(g, execution, level, message, at)
        })
        .collect()
}
