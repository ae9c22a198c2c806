//! Integrations: signing webhook deliveries.
//!
//! A webhook's signing secret is stored sealed (`webhooks.signing_secret`, see
//! [`crate::sealing`]), because a delivery is signed with HMAC-SHA256 under the secret itself and
//! a hash could not be signed with. The receiver, who was shown the secret once, recomputes the
//! signature over the exact body it received.
//!
//! ```
//! use domain::integrations::{delivery_signature, new_signing_secret};
//! use domain::sealing::Sealer;
//!
//! let sealer = Sealer::new("k1", [7; 32]).unwrap();
//! let secret = new_signing_secret();               // shown to the tenant once
//! let sealed = sealer.seal(&secret.plaintext);      // stored in webhooks.signing_secret
//! let signature = delivery_signature(&sealer, Some(&sealed), br#"{"event":"x"}"#).unwrap();
//! assert_eq!(signature.len(), 64);
//! ```

use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;

use crate::sealing::Sealer;
use crate::{Error, Result, secrets};

/// A new webhook signing secret: the plaintext shown once, and its SHA-256 fingerprint (the
/// `secret_hash` column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSigningSecret {
    /// `whsec_` and 32 random bytes in hex; seal it before storing.
    pub plaintext: String,
    /// Lower-case hex SHA-256 of the plaintext.
    pub fingerprint: String,
}

/// A new random signing secret.
pub fn new_signing_secret() -> NewSigningSecret {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let plaintext = format!("whsec_{}", hex::encode(bytes));
    NewSigningSecret {
        fingerprint: secrets::sha256_hex(&plaintext),
        plaintext,
    }
}

/// The lower-case hex HMAC-SHA256 of `body` under the webhook's sealed signing secret.
///
/// # Errors
///
/// [`Error::Validation`] when the webhook has no sealed secret (created before secrets were
/// stored sealed: re-issue it) or the sealed value cannot be opened with the keys at hand.
pub fn delivery_signature(sealer: &Sealer, sealed: Option<&str>, body: &[u8]) -> Result<String> {
    let Some(sealed) = sealed else {
        return Err(Error::validation(
            "webhooks.signing_secret",
            "the webhook has no recoverable signing secret (it predates sealed secrets): \
             issue it a new secret to sign its deliveries",
        ));
    };
    let secret = sealer.open(sealed)?;
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).map_err(|_| {
        Error::validation(
            "webhooks.signing_secret",
            "the signing secret cannot key an HMAC",
        )
    })?;
    mac.update(body);
    Ok(hex::encode(mac.finalize().into_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_match_rfc_4231_and_need_the_sealed_secret() {
        let sealer = Sealer::new("k1", [1; 32]).expect("a key");
        // RFC 4231, test case 2: key "Jefe".
        let sealed = sealer.seal("Jefe");
        assert_eq!(
            delivery_signature(&sealer, Some(&sealed), b"what do ya want for nothing?")
                .expect("signs"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        assert!(delivery_signature(&sealer, None, b"x").is_err());
        let other = Sealer::new("k2", [2; 32]).expect("a key");
        assert!(delivery_signature(&other, Some(&sealed), b"x").is_err());
    }
}
