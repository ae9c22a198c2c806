//! [`TenantLife`]: the one place that says when a tenant was born, was active, stopped and
//! ended. Every generator that times a tenant's rows (the `dev` scenarios, the generated
//! population, the factories) asks it, so a churned tenant's invoices, notifications and
//! workflows all stop on the same day.

use chrono::{DateTime, FixedOffset};
use entity::sea_orm_active_enums::TenantStatus;

use crate::Gen;

type Time = DateTime<FixedOffset>;

/// Where a tenant is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Phase {
    /// Signed up in the last day or two, not yet activated.
    Pending,
    /// Active, on the trial of a paid plan (younger than [`TenantLife::TRIAL_DAYS`]).
    Trial,
    /// Active and paying (or on the free plan).
    Active,
    /// Suspended for non-payment: activity stopped at the suspension.
    Suspended,
    /// Left: activity stopped when it churned.
    Churned,
}

impl Phase {
    /// The phase of a tenant with `status` that signed up `age_days` ago.
    pub fn of(status: TenantStatus, age_days: f64) -> Self {
        match status {
            TenantStatus::Pending => Self::Pending,
            TenantStatus::Active if age_days < TenantLife::TRIAL_DAYS => Self::Trial,
            TenantStatus::Active => Self::Active,
            TenantStatus::Suspended => Self::Suspended,
            TenantStatus::Churned => Self::Churned,
        }
    }

    /// The tenant's status in this phase.
    pub fn status(self) -> TenantStatus {
        match self {
            Self::Pending => TenantStatus::Pending,
            Self::Trial | Self::Active => TenantStatus::Active,
            Self::Suspended => TenantStatus::Suspended,
            Self::Churned => TenantStatus::Churned,
        }
    }

    /// Whether the tenant is still in use now.
    pub fn live(self) -> bool {
        matches!(self, Self::Pending | Self::Trial | Self::Active)
    }
}

/// A tenant's life, in days before the anchor ([`crate::ANCHOR`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TenantLife {
    /// Its phase now.
    pub phase: Phase,
    /// Days before the anchor it signed up.
    pub born: f64,
    /// Days before the anchor its activity stopped (its suspension or churn, which is also when
    /// its subscription ended); 0 while it is live.
    pub stopped: f64,
}

impl TenantLife {
    /// An active tenant younger than this many days is on a trial.
    pub const TRIAL_DAYS: f64 = 14.0;
    /// How long ago a suspended `dev` tenant was suspended (at most half its age).
    pub const SUSPENDED_DAYS_AGO: f64 = 21.0;
    /// How long ago a churned `dev` tenant churned (at most half its age).
    pub const CHURNED_DAYS_AGO: f64 = 45.0;

    /// The life of a tenant with `status` that signed up `age_days` ago: a suspended one stopped
    /// [`Self::SUSPENDED_DAYS_AGO`], a churned one [`Self::CHURNED_DAYS_AGO`], each at most half
    /// its life ago.
    pub fn of(status: TenantStatus, age_days: f64) -> Self {
        let phase = Phase::of(status, age_days);
        let stopped = match phase {
            Phase::Suspended => Self::SUSPENDED_DAYS_AGO.min(age_days * 0.5),
            Phase::Churned => Self::CHURNED_DAYS_AGO.min(age_days * 0.5),
            _ => 0.0,
        };
        Self {
            phase,
            born: age_days,
            stopped,
        }
    }

    /// A life drawn for a generated tenant in `phase`: its age, and for a tenant that stopped,
    /// when it stopped (a suspension after at least two weeks of use, within the last six weeks;
    /// a churn after at least a month of use).
    pub fn draw(g: &mut Gen, phase: Phase) -> Self {
        let born = match phase {
            Phase::Pending => g.float(0.05..2.0),
            Phase::Trial => g.float(0.5..Self::TRIAL_DAYS - 0.5),
            Phase::Active => g.float(Self::TRIAL_DAYS..380.0),
            Phase::Suspended => g.float(30.0..380.0),
            Phase::Churned => g.float(60.0..385.0),
        };
        let stopped = match phase {
            Phase::Suspended => g.float(1.0..(born - 14.0).min(45.0)),
            Phase::Churned => g.float(7.0..born - 30.0),
            _ => 0.0,
        };
        Self {
            phase,
            born,
            stopped,
        }
    }

    /// The tenant's status.
    pub fn status(&self) -> TenantStatus {
        self.phase.status()
    }

    /// Whether the tenant is still in use now.
    pub fn live(&self) -> bool {
        self.phase.live()
    }

    /// When it signed up.
    pub fn born_at(&self, g: &Gen) -> Time {
        g.days_ago(self.born)
    }

    /// The last moment of activity: now for a live tenant, else its suspension or churn.
    pub fn stopped_at(&self, g: &Gen) -> Time {
        g.days_ago(self.stopped)
    }

    /// When it was suspended or churned; `None` while it is live.
    pub fn ended_at(&self, g: &Gen) -> Option<Time> {
        (!self.live()).then(|| self.stopped_at(g))
    }

    /// Days it has been active.
    pub fn active_days(&self) -> f64 {
        (self.born - self.stopped).max(0.0)
    }

    /// `days_ago` kept inside the active window.
    pub fn clamp(&self, days_ago: f64) -> f64 {
        days_ago.min(self.born).max(self.stopped)
    }

    /// A time uniformly inside the active window.
    pub fn when(&self, g: &mut Gen) -> Time {
        g.between_days_ago(self.born, self.stopped.min(self.born))
    }
}

impl Default for TenantLife {
    /// An active tenant that signed up 90 days ago.
    fn default() -> Self {
        Self::of(TenantStatus::Active, 90.0)
    }
}
