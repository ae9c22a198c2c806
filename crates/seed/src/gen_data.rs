//! The deterministic source of everything seeded: a seeded ChaCha RNG and a fixed clock.

use chrono::{DateTime, Duration, FixedOffset, TimeZone, Utc};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use uuid::Uuid;

/// The fixed "now" of seeded data, so that content does not depend on when seeding runs.
pub const ANCHOR: &str = "2026-11-01T09:00:00Z";

/// The last four bytes of every seeded id (`…5eedda7a` in text). A UUIDv7 has 74 random bits;
/// seeded ids keep 42 of them random, and a random id carries this signature with probability
/// 2^-32, so deleting by signature removes what seeding wrote and, in practice, nothing else.
pub const ID_SIGNATURE: [u8; 4] = [0x5e, 0xed, 0xda, 0x7a];

/// [`ID_SIGNATURE`] as the last eight hex digits of an id's text form.
pub const ID_SIGNATURE_HEX: &str = "5eedda7a";

/// Deterministic randomness, ids and times.
#[derive(Debug)]
pub struct Gen {
    rng: ChaCha8Rng,
    anchor: DateTime<Utc>,
}

impl Gen {
    /// A generator for `seed`.
    pub fn new(seed: u64) -> Self {
        Self {
            rng: ChaCha8Rng::seed_from_u64(seed),
            anchor: Self::anchor().to_utc(),
        }
    }

    /// The fixed "now" ([`ANCHOR`]), without a generator.
    pub fn anchor() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(ANCHOR).unwrap_or_else(|_| {
            Utc.timestamp_opt(0, 0)
                .single()
                .unwrap_or_default()
                .fixed_offset()
        })
    }

    /// The fixed "now".
    pub fn now(&self) -> DateTime<FixedOffset> {
        self.anchor.fixed_offset()
    }

    /// `days` days (fractional) before "now".
    pub fn days_ago(&self, days: f64) -> DateTime<FixedOffset> {
        let ms = (days * 86_400_000.0) as i64;
        (self.anchor - Duration::milliseconds(ms)).fixed_offset()
    }

    /// A time uniformly between `a` and `b` days before "now", in either order.
    pub fn between_days_ago(&mut self, a: f64, b: f64) -> DateTime<FixedOffset> {
        let d = self.rng.random_range(a.min(b)..=a.max(b));
        self.days_ago(d)
    }

    /// A UUIDv7 whose timestamp is `at`, with seeded random bits (time-ordered, deterministic),
    /// carrying the [`ID_SIGNATURE`] in its last four bytes so that `--reset` can find exactly
    /// the rows seeding wrote.
    pub fn id_at(&mut self, at: DateTime<FixedOffset>) -> Uuid {
        let mut bytes = [0u8; 10];
        self.rng.fill(&mut bytes[..6]);
        bytes[6..].copy_from_slice(&ID_SIGNATURE);
        let ms = u64::try_from(at.timestamp_millis()).unwrap_or_default();
        uuid::Builder::from_unix_timestamp_millis(ms, &bytes).into_uuid()
    }

    /// A number in `range`.
    pub fn range(&mut self, range: std::ops::RangeInclusive<i64>) -> i64 {
        self.rng.random_range(range)
    }

    /// A seeded generator derived from this seed and `stream`, for work that must not depend
    /// on what else was generated before it (each population tenant has its own).
    pub fn derive(seed: u64, stream: u64) -> Self {
        // SplitMix64 of the pair: distinct, well-spread seeds for distinct streams.
        let mut z = seed ^ stream.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        Self::new(z ^ (z >> 31))
    }

    /// The generator's RNG, for crates that take one (fake data).
    pub fn rng(&mut self) -> &mut ChaCha8Rng {
        &mut self.rng
    }

    /// A float in `range`.
    pub fn float(&mut self, range: std::ops::Range<f64>) -> f64 {
        self.rng.random_range(range)
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.rng.random_bool(p.clamp(0.0, 1.0))
    }

    /// `N` seeded bytes.
    pub fn bytes<const N: usize>(&mut self) -> [u8; N] {
        let mut out = [0u8; N];
        self.rng.fill(&mut out);
        out
    }

    /// One of `items`.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.rng.random_range(0..items.len())]
    }
}
