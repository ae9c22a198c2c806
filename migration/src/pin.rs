//! SQL pinned at review time: what each migration runs on each backend, up and down, recorded in
//! `migration/pinned/<name>.sql` and run from there.
//!
//! `cargo xtask codegen` writes the pin of a migration that has none, from the migration's
//! [`SchemaChange::up`] and [`SchemaChange::down`]; it never rewrites an existing pin, and
//! `cargo xtask codegen --check` fails, naming the migration, when a migration's Rust no longer
//! renders its pinned SQL (both in `xtask/src/codegen/pins.rs`). The migrator
//! ([`crate::migrator`]) runs the pinned statements and records the checksum of the pinned bytes
//! ([`Pin::checksum`]), so a refactor of the vocabulary or an upgrade of sea-query cannot change
//! what an applied migration is recorded as having run: it can only fail the check before merge.

use sea_orm_migration::sea_orm::DbBackend;
use sha2::{Digest, Sha256};

use crate::{SchemaChange, down_statements, up_statements};

/// The folder of the pins, relative to the `migration` crate.
pub const PIN_DIR: &str = "pinned";

/// Marks the start of a backend's direction in a pin file: `-- @postgres up`.
const SECTION: &str = "-- @";
/// Separates statements inside a section.
const STATEMENT: &str = "-- @statement";

/// The statements of one backend.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sides {
    /// What `up` runs.
    pub up: Vec<String>,
    /// What `down` runs.
    pub down: Vec<String>,
}

/// What one migration runs, per backend and direction: the content of its pin file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pin {
    /// The migration name.
    pub name: String,
    /// Whether it runs in a transaction on Postgres (SQLite always does).
    pub transactional: bool,
    /// The Postgres statements.
    pub postgres: Sides,
    /// The SQLite statements.
    pub sqlite: Sides,
}

/// Why a pin file cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PinError(pub String);

impl std::fmt::Display for PinError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for PinError {}

impl Pin {
    /// What `change` renders today, through the vocabulary and sea-query: what a new pin records.
    pub fn render(change: &dyn SchemaChange) -> Self {
        let sides = |backend| Sides {
            up: up_statements(change, backend),
            down: down_statements(change, backend),
        };
        Self {
            name: change.name().to_owned(),
            transactional: change.transactional(),
            postgres: sides(DbBackend::Postgres),
            sqlite: sides(DbBackend::Sqlite),
        }
    }

    /// What every one of `changes` renders today, in order, each knowing the tables the changes
    /// before it left ([`crate::render_all`]): what codegen pins.
    pub fn render_all(changes: &[Box<dyn SchemaChange>]) -> Vec<Self> {
        let postgres = crate::render_all(changes, DbBackend::Postgres);
        let sqlite = crate::render_all(changes, DbBackend::Sqlite);
        changes
            .iter()
            .zip(postgres.into_iter().zip(sqlite))
            .map(|(change, ((pg_up, pg_down), (lite_up, lite_down)))| Self {
                name: change.name().to_owned(),
                transactional: change.transactional(),
                postgres: Sides {
                    up: pg_up,
                    down: pg_down,
                },
                sqlite: Sides {
                    up: lite_up,
                    down: lite_down,
                },
            })
            .collect()
    }

    /// The statements of `backend`.
    pub fn sides(&self, backend: DbBackend) -> &Sides {
        match backend {
            DbBackend::Postgres => &self.postgres,
            _ => &self.sqlite,
        }
    }

    /// Whether the migration runs in a transaction on `backend` (always on SQLite).
    pub fn transactional_on(&self, backend: DbBackend) -> bool {
        self.transactional || backend != DbBackend::Postgres
    }

    /// The pin file's text.
    pub fn to_text(&self) -> String {
        let mut out = format!(
            "-- The SQL {} runs, pinned when it was reviewed. Written once by `cargo xtask codegen`;\n\
             -- never edit it: a merged migration is never changed (docs/migrations.md).\n\
             -- transaction: {}\n",
            self.name,
            if self.transactional { "yes" } else { "no" }
        );
        out.push_str(&self.section_text(DbBackend::Postgres));
        out.push_str(&self.section_text(DbBackend::Sqlite));
        out
    }

    /// The bytes of `backend`'s two sections, as they stand in the pin file.
    fn section_text(&self, backend: DbBackend) -> String {
        let label = label(backend);
        let sides = self.sides(backend);
        let mut out = String::new();
        for (direction, statements) in [("up", &sides.up), ("down", &sides.down)] {
            out.push_str(&format!("\n{SECTION}{label} {direction}\n"));
            for statement in statements {
                out.push_str(STATEMENT);
                out.push('\n');
                out.push_str(statement);
                out.push_str(";\n");
            }
        }
        out
    }

    /// The checksum recorded in a database: SHA-256 over the transaction line and the pinned
    /// bytes of `backend`'s sections (up and down), exactly as they stand in the pin file.
    pub fn checksum(&self, backend: DbBackend) -> String {
        let mut hasher = Sha256::new();
        hasher.update(if self.transactional {
            b"transaction: yes\n" as &[u8]
        } else {
            b"transaction: no\n"
        });
        hasher.update(self.section_text(backend).as_bytes());
        hex::encode(hasher.finalize())
    }

    /// The checksum the tooling recorded before pins existed (SHA-256 over the `up` statements
    /// only), computed over the pinned statements: a database that recorded it is upgraded to
    /// [`Pin::checksum`] by the next `up`, without being reported as changed.
    pub fn legacy_checksum(&self, backend: DbBackend) -> String {
        let mut hasher = Sha256::new();
        hasher.update(if self.transactional {
            b"tx\n" as &[u8]
        } else {
            b"no-tx\n"
        });
        for statement in &self.sides(backend).up {
            hasher.update(statement.as_bytes());
            hasher.update(b"\n;\n");
        }
        hex::encode(hasher.finalize())
    }

    /// Reads a pin file's text.
    ///
    /// # Errors
    ///
    /// When the text is not what [`Pin::to_text`] writes.
    pub fn parse(name: &str, text: &str) -> Result<Self, PinError> {
        let bad = |why: &str| PinError(format!("{PIN_DIR}/{name}.sql: {why}"));
        let transactional = match text
            .lines()
            .find_map(|l| l.strip_prefix("-- transaction: "))
        {
            Some("yes") => true,
            Some("no") => false,
            _ => return Err(bad("no `-- transaction: yes|no` line")),
        };
        let mut pin = Self {
            name: name.to_owned(),
            transactional,
            postgres: Sides::default(),
            sqlite: Sides::default(),
        };
        let mut current: Option<&mut Vec<String>> = None;
        let mut statement: Option<String> = None;
        let finish = |statement: &mut Option<String>,
                      current: &mut Option<&mut Vec<String>>|
         -> Result<(), PinError> {
            if let Some(text) = statement.take() {
                // The section's blank separator line follows its last statement.
                let body = text
                    .strip_suffix('\n')
                    .map(|t| t.strip_suffix('\n').unwrap_or(t))
                    .and_then(|t| t.strip_suffix(';'))
                    .ok_or_else(|| bad("a statement does not end with `;`"))?;
                current
                    .as_mut()
                    .ok_or_else(|| bad("a statement outside a section"))?
                    .push(body.to_owned());
            }
            Ok(())
        };
        for line in text.split_inclusive('\n') {
            let bare = line.trim_end_matches('\n');
            if bare == STATEMENT {
                finish(&mut statement, &mut current)?;
                statement = Some(String::new());
            } else if let Some(section) = bare.strip_prefix(SECTION) {
                finish(&mut statement, &mut current)?;
                current = Some(match section {
                    "postgres up" => &mut pin.postgres.up,
                    "postgres down" => &mut pin.postgres.down,
                    "sqlite up" => &mut pin.sqlite.up,
                    "sqlite down" => &mut pin.sqlite.down,
                    other => return Err(bad(&format!("unknown section `{other}`"))),
                });
            } else if let Some(body) = statement.as_mut() {
                body.push_str(line);
            }
        }
        finish(&mut statement, &mut current)?;
        Ok(pin)
    }

    /// Whether a statement could not be written into a pin file and read back unchanged.
    pub fn unpinnable_statement(&self) -> Option<&str> {
        [&self.postgres, &self.sqlite]
            .into_iter()
            .flat_map(|s| s.up.iter().chain(&s.down))
            .find(|s| s.lines().any(|l| l.starts_with(SECTION)))
            .map(String::as_str)
    }
}

fn label(backend: DbBackend) -> &'static str {
    match backend {
        DbBackend::Postgres => "postgres",
        _ => "sqlite",
    }
}

/// The pin of the migration `name`, as compiled into this crate; `None` when it has none yet.
///
/// # Errors
///
/// When the pin file is malformed (it was edited by hand).
pub fn pinned(name: &str) -> Result<Option<Pin>, PinError> {
    crate::pinned::PINNED
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(n, text)| Pin::parse(n, text))
        .transpose()
}

/// What the migrator runs for each of `changes`: its pin, or, for a migration not pinned yet (a
/// new one before `cargo xtask codegen`, which CI requires), what it renders today after the
/// changes before it.
///
/// # Errors
///
/// When a pin file is malformed.
pub fn pins_of(changes: &[Box<dyn SchemaChange>]) -> Result<Vec<Pin>, PinError> {
    let mut rendered: Option<Vec<Pin>> = None;
    let mut out = Vec::with_capacity(changes.len());
    for (i, change) in changes.iter().enumerate() {
        match pinned(change.name())? {
            Some(pin) => out.push(pin),
            None => {
                let all = rendered.get_or_insert_with(|| Pin::render_all(changes));
                out.push(all[i].clone());
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Migrator;

    #[test]
    fn every_pin_reads_back_as_written() {
        for pin in Pin::render_all(&Migrator::changes()) {
            assert_eq!(pin.unpinnable_statement(), None, "{}", pin.name);
            assert_eq!(
                Pin::parse(&pin.name, &pin.to_text()).expect("parses"),
                pin,
                "{}",
                pin.name
            );
        }
    }

    #[test]
    fn the_checksum_covers_down_and_each_backend_separately() {
        let change = &Migrator::changes()[1];
        let pin = Pin::render(change.as_ref());
        let mut edited = pin.clone();
        edited.postgres.down.push("SELECT 1".into());
        assert_ne!(
            pin.checksum(DbBackend::Postgres),
            edited.checksum(DbBackend::Postgres)
        );
        assert_eq!(
            pin.checksum(DbBackend::Sqlite),
            edited.checksum(DbBackend::Sqlite)
        );
    }
}
