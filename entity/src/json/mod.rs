//! Typed JSON columns: the structs that codegen puts in place of `serde_json::Value` for every
//! column listed in `xtask/src/codegen/overrides.rs`.
//!
//! Every struct rejects unknown fields, with an error naming the field, rather than dropping
//! them silently; missing fields take their documented defaults, so `{}` is always valid.

mod tenancy;

pub use tenancy::{
    Branding, CompletedStep, DigestFrequency, NotificationPreferences, OnboardingSteps, PlanLimits,
    TenantSettings, Theme, UserPreferences,
};
