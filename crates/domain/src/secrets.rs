//! Secrets are never stored in plaintext: passwords as Argon2id hashes, API keys and session
//! tokens as SHA-256 hashes (with a short visible prefix for API keys), compared in constant time.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use rand::RngCore;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::{Error, Result};

/// How many characters of an API key are stored in the clear, for listings and lookup.
pub const API_KEY_PREFIX_LEN: usize = 12;

/// Hashes a password with Argon2id (the `argon2` crate's defaults: 19 MiB, 2 passes), using
/// `salt` (at least 16 random bytes; [`random_salt`] makes one).
///
/// # Errors
///
/// [`Error::Validation`] when the password is empty or the salt is too short.
pub fn hash_password(password: &str, salt: &[u8]) -> Result<String> {
    if password.is_empty() {
        return Err(Error::validation("password", "a password cannot be empty"));
    }
    let salt = SaltString::encode_b64(salt)
        .map_err(|e| Error::validation("password", format!("unusable password salt: {e}")))?;
    let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, Params::default());
    argon
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::validation("password", format!("cannot hash the password: {e}")))
}

/// Checks `password` against a stored Argon2id hash, in constant time.
pub fn verify_password(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .map(|hash| {
            Argon2::default()
                .verify_password(password.as_bytes(), &hash)
                .is_ok()
        })
        .unwrap_or(false)
}

/// 16 random bytes for [`hash_password`].
pub fn random_salt() -> [u8; 16] {
    let mut salt = [0u8; 16];
    rand::rng().fill_bytes(&mut salt);
    salt
}

/// The lower-case hex SHA-256 of a token or key, as stored in `*_hash` columns.
pub fn sha256_hex(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// Compares a presented secret with a stored SHA-256 hex digest in constant time.
pub fn verify_sha256(secret: &str, stored_hex: &str) -> bool {
    let computed = sha256_hex(secret);
    computed.as_bytes().ct_eq(stored_hex.as_bytes()).into()
}

/// A new API key: the full key (shown to its owner once), the prefix and the hash to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewApiKey {
    /// The whole key, `sk_` followed by 40 hex characters. Never stored.
    pub key: String,
    /// The first [`API_KEY_PREFIX_LEN`] characters, stored for lookup.
    pub prefix: String,
    /// SHA-256 of the whole key, stored.
    pub hash: String,
}

/// Makes an API key from 20 bytes of entropy (random in production, seeded in dev data).
pub fn api_key_from_bytes(entropy: [u8; 20]) -> NewApiKey {
    let key = format!("sk_{}", hex::encode(entropy));
    NewApiKey {
        prefix: key[..API_KEY_PREFIX_LEN].to_owned(),
        hash: sha256_hex(&key),
        key,
    }
}

/// Makes a random API key.
pub fn new_api_key() -> NewApiKey {
    let mut entropy = [0u8; 20];
    rand::rng().fill_bytes(&mut entropy);
    api_key_from_bytes(entropy)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_verify_and_are_argon2id() {
        let hash = hash_password("correct horse", &random_salt()).expect("hashes");
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("correct horse", &hash));
        assert!(!verify_password("wrong horse", &hash));
        assert!(!verify_password("correct horse", "not a hash"));
    }

    #[test]
    fn api_keys_store_prefix_and_hash_only() {
        let k = api_key_from_bytes([7; 20]);
        assert!(k.key.starts_with(&k.prefix));
        assert_eq!(k.prefix.len(), API_KEY_PREFIX_LEN);
        assert_eq!(k.hash.len(), 64);
        assert!(!k.hash.contains(&k.key));
        assert!(verify_sha256(&k.key, &k.hash));
        assert!(!verify_sha256("sk_other", &k.hash));
    }
}
