//! Compressed bodies made once, and which one a client gets.
//!
//! Static files and pre-rendered pages never change while the server runs,
//! so each is compressed once: gzip straight away (fast), brotli at its best
//! quality in the background after start-up (a few seconds for the WASM).
//! Until brotli is ready, clients that accept it get gzip.

use std::io::Write;
use std::sync::OnceLock;

use axum::body::Bytes;

use super::zero_copy::hold;

/// A content coding we can send.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Identity = 0,
    Gzip = 1,
    Brotli = 2,
}

impl Encoding {
    /// The `Content-Encoding` value, none for identity.
    pub fn header_value(self) -> Option<&'static str> {
        match self {
            Encoding::Identity => None,
            Encoding::Gzip => Some("gzip"),
            Encoding::Brotli => Some("br"),
        }
    }

    /// Told apart in the ETag: each coding is a different representation.
    pub fn etag_suffix(self) -> &'static str {
        match self {
            Encoding::Identity => "",
            Encoding::Gzip => "-gz",
            Encoding::Brotli => "-br",
        }
    }
}

/// The quality a client gives `coding` in an `Accept-Encoding` header.
/// Unparseable entries are ignored; an absent header accepts only identity.
fn quality(accept: &str, coding: &str) -> f32 {
    let mut wildcard = None;
    for item in accept.split(',') {
        let mut parts = item.split(';');
        let name = parts.next().unwrap_or("").trim();
        let mut q = Some(1.0_f32);
        for param in parts {
            if let Some((key, value)) = param.split_once('=')
                && key.trim().eq_ignore_ascii_case("q")
            {
                q = value
                    .trim()
                    .parse::<f32>()
                    .ok()
                    .filter(|q| (0.0..=1.0).contains(q));
            }
        }
        let Some(q) = q else { continue };
        if name.eq_ignore_ascii_case(coding) {
            return q;
        }
        if name == "*" {
            wildcard = Some(q);
        }
    }
    wildcard.unwrap_or(0.0)
}

/// Picks the best coding the client accepts among those on offer.
/// On a tie brotli beats gzip (smaller), and both beat identity.
pub fn negotiate(accept: Option<&str>, gzip: bool, brotli: bool) -> Encoding {
    let Some(accept) = accept else {
        return Encoding::Identity;
    };
    let mut best = (Encoding::Identity, 0.0_f32);
    for (offered, encoding) in [(brotli, Encoding::Brotli), (gzip, Encoding::Gzip)] {
        let name = encoding.header_value().unwrap_or_default();
        let q = quality(accept, name);
        if offered && q > best.1 {
            best = (encoding, q);
        }
    }
    best.0
}

/// Whether a body of this type is worth compressing.
pub fn compressible(content_type: &str) -> bool {
    let essence = content_type.split(';').next().unwrap_or("").trim();
    essence.starts_with("text/")
        || matches!(
            essence,
            "application/javascript"
                | "application/json"
                | "application/manifest+json"
                | "application/wasm"
                | "image/svg+xml"
                | "image/x-icon"
                | "image/vnd.microsoft.icon"
        )
}

/// One body in every coding we send.
pub struct Bodies {
    pub identity: Bytes,
    gzip: Option<Bytes>,
    brotli: OnceLock<Option<Bytes>>,
    compress: bool,
}

/// Bodies this small gain nothing from compression.
const MIN_COMPRESS: usize = 256;

impl Bodies {
    /// Keeps `body` and its gzip form; brotli comes later with [`Bodies::make_brotli`].
    /// For bodies held for the whole run: they are moved where they can be
    /// sent without a copy (`zero_copy`).
    pub fn new(body: Bytes, content_type: &str) -> Self {
        let compress = compressible(content_type) && body.len() >= MIN_COMPRESS;
        let gzip = compress.then(|| gzip(&body)).flatten().map(hold);
        Bodies {
            identity: hold(body),
            gzip,
            brotli: OnceLock::new(),
            compress,
        }
    }

    /// A body whose build wrote its compressed copies beside it (`a.wasm.br`,
    /// `a.wasm.gz`: the SQL lab's engine, megabytes that would take the
    /// server half a minute to compress at every start). A missing copy is
    /// made as for [`Bodies::new`].
    pub fn precompressed(
        body: Bytes,
        content_type: &str,
        gzip_copy: Option<Bytes>,
        brotli_copy: Option<Bytes>,
    ) -> Self {
        // The build compressed it, so it is worth it whatever its type (the
        // engine's file system image is `application/octet-stream`).
        let compress = body.len() >= MIN_COMPRESS
            && (compressible(content_type) || gzip_copy.is_some() || brotli_copy.is_some());
        let smaller = |copy: Option<Bytes>| copy.filter(|c| c.len() < body.len()).map(hold);
        let gzip_copy = smaller(gzip_copy);
        let brotli_copy = smaller(brotli_copy);
        let gzip = match gzip_copy {
            Some(copy) => Some(copy),
            None => compress.then(|| gzip(&body)).flatten().map(hold),
        };
        let made = OnceLock::new();
        if brotli_copy.is_some() {
            let _ = made.set(brotli_copy);
        }
        Bodies {
            identity: hold(body),
            gzip,
            brotli: made,
            compress,
        }
    }

    /// For a body sent once (a page rendered for one request): only the
    /// coding this client gets is made, with brotli at a quick quality.
    pub fn for_one(body: Bytes, content_type: &str, accept: Option<&str>) -> Self {
        let compress = compressible(content_type) && body.len() >= MIN_COMPRESS;
        let coding = if compress {
            negotiate(accept, true, true)
        } else {
            Encoding::Identity
        };
        let gzip = (coding == Encoding::Gzip).then(|| gzip(&body)).flatten();
        let made = OnceLock::new();
        let _ = made.set(
            (coding == Encoding::Brotli)
                .then(|| brotli(&body, QUICK))
                .flatten(),
        );
        Bodies {
            identity: body,
            gzip,
            brotli: made,
            compress,
        }
    }

    /// Compresses with brotli at its best quality (slow: run off the request path).
    pub fn make_brotli(&self) {
        if self.compress {
            self.brotli
                .get_or_init(|| brotli(&self.identity, BEST).map(hold));
        } else {
            let _ = self.brotli.set(None);
        }
    }

    /// The gzip and brotli bodies made so far (none when compression would
    /// not make the body smaller).
    pub fn compressed(&self) -> [(Encoding, Option<&Bytes>); 2] {
        [
            (Encoding::Gzip, self.gzip.as_ref()),
            (Encoding::Brotli, self.brotli.get().and_then(Option::as_ref)),
        ]
    }

    /// Whether the body may be sent in more than one coding.
    pub fn varies(&self) -> bool {
        self.compress
    }

    /// The body for the client's `Accept-Encoding`, and its coding.
    pub fn pick(&self, accept: Option<&str>) -> (Encoding, &Bytes) {
        let brotli = self.brotli.get().and_then(Option::as_ref);
        match negotiate(accept, self.gzip.is_some(), brotli.is_some()) {
            Encoding::Brotli => (Encoding::Brotli, brotli.unwrap_or(&self.identity)),
            Encoding::Gzip => (Encoding::Gzip, self.gzip.as_ref().unwrap_or(&self.identity)),
            Encoding::Identity => (Encoding::Identity, &self.identity),
        }
    }
}

/// Gzip at the best level; `None` when that would not be smaller.
fn gzip(body: &[u8]) -> Option<Bytes> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(body).ok()?;
    let out = encoder.finish().ok()?;
    (out.len() < body.len()).then(|| out.into())
}

/// Brotli at quality 11; `None` when that would not be smaller.
/// Brotli qualities: the best for what is held, a quick one for the rest.
const BEST: i32 = 11;
const QUICK: i32 = 5;

fn brotli(body: &[u8], quality: i32) -> Option<Bytes> {
    let mut out = Vec::new();
    // The largest input blocks (2^24 bytes), and the body's size as a hint:
    // the main WASM comes out 152 B smaller than with the crate's default
    // blocks (91,991 against 92,143 B), the HTML and scripts the same.
    let params = brotli::enc::BrotliEncoderParams {
        quality,
        lgwin: 22,
        lgblock: 24,
        size_hint: body.len(),
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &body[..], &mut out, &params).ok()?;
    (out.len() < body.len()).then(|| out.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_header_means_identity() {
        assert_eq!(negotiate(None, true, true), Encoding::Identity);
    }

    #[test]
    fn brotli_wins_a_tie_and_quality_decides_otherwise() {
        assert_eq!(
            negotiate(Some("gzip, deflate, br"), true, true),
            Encoding::Brotli
        );
        assert_eq!(
            negotiate(Some("br;q=0.5, gzip"), true, true),
            Encoding::Gzip
        );
        assert_eq!(negotiate(Some("gzip"), true, true), Encoding::Gzip);
        assert_eq!(negotiate(Some("br"), true, false), Encoding::Identity);
    }

    #[test]
    fn refusals_wildcards_and_garbage() {
        assert_eq!(
            negotiate(Some("br;q=0, gzip;q=0"), true, true),
            Encoding::Identity
        );
        assert_eq!(negotiate(Some("*"), true, true), Encoding::Brotli);
        assert_eq!(
            negotiate(Some("*;q=0.2, br;q=0"), true, true),
            Encoding::Gzip
        );
        assert_eq!(
            negotiate(Some("br;q=abc, gzip;q=7"), true, true),
            Encoding::Identity
        );
        assert_eq!(negotiate(Some(";;,,="), true, true), Encoding::Identity);
    }

    #[test]
    fn bodies_round_trip_and_fall_back_to_gzip_until_brotli_is_made() {
        let text = "back end ".repeat(200);
        let bodies = Bodies::new(Bytes::from(text.clone()), "text/html; charset=utf-8");
        let (encoding, gz) = bodies.pick(Some("br, gzip"));
        assert_eq!(encoding, Encoding::Gzip);
        let mut plain = String::new();
        std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&gz[..]), &mut plain)
            .unwrap();
        assert_eq!(plain, text);

        bodies.make_brotli();
        let (encoding, br) = bodies.pick(Some("br, gzip"));
        assert_eq!(encoding, Encoding::Brotli);
        let mut plain = Vec::new();
        brotli::BrotliDecompress(&mut &br[..], &mut plain).unwrap();
        assert_eq!(plain, text.as_bytes());
    }

    #[test]
    fn small_or_binary_bodies_are_sent_as_they_are() {
        let small = Bodies::new(Bytes::from_static(b"ok"), "text/plain");
        small.make_brotli();
        assert_eq!(small.pick(Some("br")).0, Encoding::Identity);
        assert!(!small.varies());
        let png = Bodies::new(Bytes::from(vec![0u8; 4096]), "image/png");
        assert_eq!(png.pick(Some("gzip")).0, Encoding::Identity);
    }

    #[test]
    fn a_body_sent_once_is_made_only_in_the_clients_coding() {
        let text = Bytes::from("back end ".repeat(200));
        let html = "text/html; charset=utf-8";
        let br = Bodies::for_one(text.clone(), html, Some("gzip, br"));
        assert!(br.gzip.is_none());
        let (encoding, body) = br.pick(Some("gzip, br"));
        assert_eq!(encoding, Encoding::Brotli);
        let mut plain = Vec::new();
        brotli::BrotliDecompress(&mut &body[..], &mut plain).unwrap();
        assert_eq!(plain, &text[..]);

        let gz = Bodies::for_one(text.clone(), html, Some("gzip"));
        assert!(gz.brotli.get().unwrap().is_none());
        assert_eq!(gz.pick(Some("gzip")).0, Encoding::Gzip);

        let plain = Bodies::for_one(text, html, None);
        assert!(plain.gzip.is_none() && plain.brotli.get().unwrap().is_none());
        assert_eq!(plain.pick(None).0, Encoding::Identity);
    }
}
