//! Sealed columns (`handover_packages.admin_credentials`, `module_licenses.license_key`):
//! AES-256-GCM under a key the application is given in `APP_ENCRYPTION_KEY`.
//!
//! A sealed value is text, `v1:<key id>:<nonce>:<ciphertext and tag>` (base64), so a database
//! dump never holds the plaintext and every value names the key that sealed it. `APP_ENCRYPTION_KEY`
//! lists one or more keys, `<id>:<base64 of 32 bytes>`, separated by commas: the first seals, all
//! open, which is how keys rotate (add the new key first, re-seal, then drop the old one).

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Key, Nonce};
use base64::Engine;
use base64::engine::general_purpose::STANDARD_NO_PAD as B64;
use rand::RngCore;

use crate::{Error, Result};

/// The environment variable holding the keys.
pub const KEY_ENV: &str = "APP_ENCRYPTION_KEY";

/// The prefix of every sealed value, naming the format.
const VERSION: &str = "v1";

/// Seals and opens values with a set of keys; the first key seals.
pub struct Sealer {
    keys: Vec<(String, Aes256Gcm)>,
}

impl std::fmt::Debug for Sealer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print key material.
        let ids: Vec<&str> = self.keys.iter().map(|(id, _)| id.as_str()).collect();
        f.debug_struct("Sealer").field("key_ids", &ids).finish()
    }
}

impl Sealer {
    /// A sealer with one key.
    ///
    /// # Errors
    ///
    /// [`Error::Validation`] when the key id is empty or contains `:` or `,`.
    pub fn new(key_id: &str, key: [u8; 32]) -> Result<Self> {
        Self::from_keys(vec![(key_id.to_owned(), key)])
    }

    /// A sealer with several keys; the first seals, every one opens.
    ///
    /// # Errors
    ///
    /// [`Error::Validation`] when there is no key or a key id is unusable.
    pub fn from_keys(keys: Vec<(String, [u8; 32])>) -> Result<Self> {
        if keys.is_empty() {
            return Err(Error::validation(
                KEY_ENV,
                format!("{KEY_ENV} holds no key"),
            ));
        }
        let mut out = Vec::new();
        for (id, key) in keys {
            if id.is_empty() || id.contains([':', ',']) || id.chars().any(char::is_whitespace) {
                return Err(Error::validation(
                    KEY_ENV,
                    format!(
                        "encryption key id `{id}` must be non-empty without ':', ',' or spaces"
                    ),
                ));
            }
            out.push((id, Aes256Gcm::new(&Key::<Aes256Gcm>::from(key))));
        }
        Ok(Self { keys: out })
    }

    /// Reads the keys from `APP_ENCRYPTION_KEY`.
    ///
    /// # Errors
    ///
    /// [`Error::Validation`] naming the problem and the expected form when the variable is
    /// missing or malformed; applications call this at startup and refuse to start on error.
    pub fn from_env() -> Result<Self> {
        let value = std::env::var(KEY_ENV).map_err(|_| {
            Error::validation(
                KEY_ENV,
                format!(
                    "{KEY_ENV} is not set: set it to <key id>:<base64 of 32 random bytes>, \
                 for example `openssl rand -base64 32`"
                ),
            )
        })?;
        Self::parse(&value)
    }

    /// Parses the `APP_ENCRYPTION_KEY` form: `<id>:<base64 32 bytes>[,<id>:<base64>…]`.
    ///
    /// # Errors
    ///
    /// [`Error::Validation`] naming the bad entry.
    pub fn parse(value: &str) -> Result<Self> {
        let mut keys = Vec::new();
        for (i, entry) in value.split(',').map(str::trim).enumerate() {
            let Some((id, encoded)) = entry.split_once(':') else {
                return Err(Error::validation(
                    KEY_ENV,
                    format!(
                        "{KEY_ENV} entry {} is not <key id>:<base64 of 32 bytes>",
                        i + 1
                    ),
                ));
            };
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(encoded.trim())
                .or_else(|_| B64.decode(encoded.trim()))
                .map_err(|_| {
                    Error::validation(KEY_ENV, format!("{KEY_ENV} key `{id}` is not valid base64"))
                })?;
            let key: [u8; 32] = bytes.try_into().map_err(|b: Vec<u8>| {
                Error::validation(
                    KEY_ENV,
                    format!(
                        "{KEY_ENV} key `{id}` is {} bytes; AES-256 needs exactly 32",
                        b.len()
                    ),
                )
            })?;
            keys.push((id.to_owned(), key));
        }
        Self::from_keys(keys)
    }

    /// The id of the key that seals.
    pub fn current_key_id(&self) -> &str {
        &self.keys[0].0
    }

    /// Seals `plaintext` with a random nonce.
    pub fn seal(&self, plaintext: &str) -> String {
        let mut nonce = [0u8; 12];
        rand::rng().fill_bytes(&mut nonce);
        self.seal_with_nonce(plaintext, nonce)
    }

    /// Seals `plaintext` with the given nonce. A nonce must never repeat under one key: only
    /// deterministic dev data, whose nonces come from a seeded generator, calls this directly.
    pub fn seal_with_nonce(&self, plaintext: &str, nonce: [u8; 12]) -> String {
        let (id, cipher) = &self.keys[0];
        // The key id is authenticated, so a value cannot be relabelled to another key.
        let aad = format!("{VERSION}:{id}");
        let sealed = cipher
            .encrypt(
                &Nonce::from(nonce),
                Payload {
                    msg: plaintext.as_bytes(),
                    aad: aad.as_bytes(),
                },
            )
            .unwrap_or_default();
        format!(
            "{VERSION}:{id}:{}:{}",
            B64.encode(nonce),
            B64.encode(sealed)
        )
    }

    /// Seals a typed value (for example `entity::json::AdminCredentials`) as its JSON, with a
    /// random nonce; [`open_value`](Self::open_value) reads it back.
    ///
    /// # Errors
    ///
    /// [`Error::Validation`] when the value does not serialize.
    pub fn seal_value<T: serde::Serialize>(&self, value: &T) -> Result<String> {
        let json = serde_json::to_string(value)
            .map_err(|e| Error::validation("sealed", format!("cannot serialize the value: {e}")))?;
        Ok(self.seal(&json))
    }

    /// Opens a value sealed by [`seal_value`](Self::seal_value) as `T`. Unknown fields are
    /// kept by the typed JSON structs, as on every typed column.
    ///
    /// # Errors
    ///
    /// Those of [`open`](Self::open), and [`Error::Validation`] when the plaintext is not a `T`
    /// (the message names the field, never a value).
    pub fn open_value<T: serde::de::DeserializeOwned>(&self, sealed: &str) -> Result<T> {
        let plain = self.open(sealed)?;
        serde_json::from_str(&plain).map_err(|e| {
            // serde_json's messages name fields and types, not values; keep only the category.
            let what = match e.classify() {
                serde_json::error::Category::Data => "lacks a field or has one of the wrong type",
                _ => "is not JSON",
            };
            Error::validation("sealed", format!("the sealed value {what}"))
        })
    }

    /// Opens a sealed value with whichever of the keys sealed it.
    ///
    /// # Errors
    ///
    /// [`Error::Validation`] when the value is not sealed, names an unknown key, or was altered.
    pub fn open(&self, sealed: &str) -> Result<String> {
        let parts: Vec<&str> = sealed.split(':').collect();
        let [version, id, nonce, body] = parts.as_slice() else {
            return Err(Error::validation(
                "sealed",
                "the value is not a sealed value",
            ));
        };
        if *version != VERSION {
            return Err(Error::validation(
                "sealed",
                format!("unknown sealed format `{version}`"),
            ));
        }
        let Some((_, cipher)) = self.keys.iter().find(|(k, _)| k == id) else {
            return Err(Error::validation(
                "sealed",
                format!(
                    "the value was sealed with key `{id}`, which {KEY_ENV} does not hold: add it back to open the value"
                ),
            ));
        };
        let nonce: [u8; 12] = B64
            .decode(nonce)
            .ok()
            .and_then(|n| n.try_into().ok())
            .ok_or_else(|| Error::validation("sealed", "the sealed value's nonce is malformed"))?;
        let body = B64
            .decode(body)
            .map_err(|_| Error::validation("sealed", "the sealed value's body is malformed"))?;
        let aad = format!("{VERSION}:{id}");
        let plain = cipher
            .decrypt(
                &Nonce::from(nonce),
                Payload {
                    msg: &body,
                    aad: aad.as_bytes(),
                },
            )
            .map_err(|_| {
                Error::validation("sealed", "the sealed value was altered or the key is wrong")
            })?;
        String::from_utf8(plain)
            .map_err(|_| Error::validation("sealed", "the sealed value is not text"))
    }

    /// Whether `value` looks sealed (for scans that look for plaintext secrets).
    pub fn is_sealed(value: &str) -> bool {
        let parts: Vec<&str> = value.split(':').collect();
        parts.len() == 4 && parts[0] == VERSION
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seals_opens_and_rotates() {
        let old = Sealer::new("k1", [1; 32]).expect("key");
        let sealed = old.seal("licence-XYZ");
        assert!(Sealer::is_sealed(&sealed) && !sealed.contains("licence"));
        assert_eq!(old.open(&sealed).expect("opens"), "licence-XYZ");
        assert_ne!(old.seal("licence-XYZ"), sealed, "random nonces");

        let rotated =
            Sealer::from_keys(vec![("k2".into(), [2; 32]), ("k1".into(), [1; 32])]).expect("keys");
        assert_eq!(
            rotated.open(&sealed).expect("old key still opens"),
            "licence-XYZ"
        );
        assert!(
            rotated.seal("x").starts_with("v1:k2:"),
            "the first key seals"
        );
        let without_old = Sealer::new("k2", [2; 32]).expect("key");
        assert!(
            without_old
                .open(&sealed)
                .expect_err("k1 gone")
                .to_string()
                .contains("k1")
        );
    }

    #[test]
    fn tampering_and_relabelling_are_detected() {
        let s =
            Sealer::from_keys(vec![("a".into(), [1; 32]), ("b".into(), [1; 32])]).expect("keys");
        let sealed = s.seal("secret");
        let relabelled = sealed.replacen("v1:a:", "v1:b:", 1);
        assert!(s.open(&relabelled).is_err(), "the key id is authenticated");
        let mut tampered = sealed.clone();
        tampered.pop();
        tampered.push(if sealed.ends_with('A') { 'B' } else { 'A' });
        assert!(s.open(&tampered).is_err());
    }

    #[test]
    fn bad_keys_are_clear_errors() {
        for bad in [
            "",
            "nokey",
            "k:not-base64!",
            "k:AAAA",
            ":AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        ] {
            let err = Sealer::parse(bad).expect_err(bad).to_string();
            assert!(
                err.contains("APP_ENCRYPTION_KEY") || err.contains("key id"),
                "{bad}: {err}"
            );
        }
        let good = base64::engine::general_purpose::STANDARD.encode([7u8; 32]);
        assert!(Sealer::parse(&format!("prod-2026:{good}")).is_ok());
    }
}
