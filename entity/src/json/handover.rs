//! Typed JSON of the handover tables: delivery confirmations, documents, videos, module configurations and the sealed admin credentials.

use sea_orm::FromJsonQueryResult;
use sea_orm::prelude::DateTimeWithTimeZone;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::Extra;

/// `handover_packages.delivery_confirmation`: the tenant's confirmation that a package arrived.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
pub struct DeliveryConfirmation {
    /// When receipt was confirmed.
    pub confirmed_at: DateTimeWithTimeZone,
    /// How receipt was confirmed.
    pub method: ConfirmationMethod,
    /// The confirming platform user (`users.id`), when they have an account.
    #[serde(default)]
    pub confirmed_by_user_id: Option<Uuid>,
    /// The confirming person's name, as given.
    #[serde(default)]
    pub confirmed_by_name: Option<String>,
    /// The confirming person's email address, as given.
    #[serde(default)]
    pub confirmed_by_email: Option<String>,
    /// A reference from the delivery channel, such as an email message id or API request id.
    #[serde(default)]
    pub reference: Option<String>,
    /// Anything the tenant noted on receipt.
    #[serde(default)]
    pub notes: Option<String>,
    /// Fields this version does not know, as read (a newer writer's, during a rolling deploy):
    /// kept so that writing the value back does not drop them.
    #[serde(flatten)]
    pub extra: Extra,
}

/// How a tenant confirmed receipt of a handover package.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConfirmationMethod {
    /// Acknowledged in the customer portal.
    PortalAcknowledgement,
    /// Replied to the delivery email.
    EmailReply,
    /// Downloaded the package (confirmed by the download itself).
    Download,
    /// Confirmed by a call to the API.
    ApiCallback,
}

/// `handover_packages.sop_documents`: the standard operating procedures handed over, in reading
/// order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
#[serde(transparent)]
pub struct SopDocuments(pub Vec<SopDocument>);

/// One standard operating procedure document of a handover package.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SopDocument {
    /// The document's title.
    pub title: String,
    /// HTTPS URL where the document can be read or downloaded.
    pub url: String,
    /// The file format (PDF when absent).
    #[serde(default)]
    pub format: DocumentFormat,
    /// The document's own version, for example `1.2`.
    #[serde(default)]
    pub version: Option<String>,
    /// The module installation (`module_installations.id`) the document is about, if one.
    #[serde(default)]
    pub module_installation_id: Option<Uuid>,
    /// A one-line summary.
    #[serde(default)]
    pub description: Option<String>,
    /// Fields this version does not know, as read (a newer writer's, during a rolling deploy):
    /// kept so that writing the value back does not drop them.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The file format of a handed-over document.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentFormat {
    /// PDF.
    #[default]
    Pdf,
    /// Markdown.
    Markdown,
    /// A web page.
    Html,
    /// A Word document.
    Docx,
}

/// `handover_packages.tutorial_videos`: the tutorial videos handed over, in viewing order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
#[serde(transparent)]
pub struct TutorialVideos(pub Vec<TutorialVideo>);

/// One tutorial video of a handover package.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TutorialVideo {
    /// The video's title.
    pub title: String,
    /// HTTPS URL where the video plays.
    pub url: String,
    /// Length in whole seconds.
    #[serde(default)]
    pub duration_seconds: Option<i64>,
    /// HTTPS URL of a thumbnail image.
    #[serde(default)]
    pub thumbnail_url: Option<String>,
    /// The module installation (`module_installations.id`) the video is about, if one.
    #[serde(default)]
    pub module_installation_id: Option<Uuid>,
    /// A one-line summary.
    #[serde(default)]
    pub description: Option<String>,
    /// Fields this version does not know, as read (a newer writer's, during a rolling deploy):
    /// kept so that writing the value back does not drop them.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `handover_packages.module_configurations`: the configuration of each module handed over, by
/// module slug, as it was when the package was prepared.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, FromJsonQueryResult)]
#[serde(transparent)]
pub struct ModuleConfigurations(pub std::collections::BTreeMap<String, super::ModuleConfig>);

/// The plaintext of `handover_packages.admin_credentials`, which is stored sealed (AES-256-GCM,
/// `domain::sealing`): the administrator access handed to the tenant.
///
/// `Debug` shows the username and console only, never the password or recovery code.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminCredentials {
    /// The administrator's login, usually an email address.
    pub username: String,
    /// The initial password (the tenant is asked to change it).
    pub password: String,
    /// HTTPS URL of the administration console.
    pub console_url: String,
    /// A one-time code to recover the account when the second factor is lost.
    pub mfa_recovery_code: String,
    /// Fields this version does not know, as read (a newer writer's, during a rolling deploy):
    /// kept so that writing the value back does not drop them.
    #[serde(flatten)]
    pub extra: Extra,
}

impl std::fmt::Debug for AdminCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AdminCredentials")
            .field("username", &self.username)
            .field("console_url", &self.console_url)
            .finish_non_exhaustive()
    }
}
