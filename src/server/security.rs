//! Security headers on every response, and a Content-Security-Policy that
//! lets through exactly the inline scripts and styles a page carries.
//!
//! Leptos puts its hydration loader (and a few resource globals) in inline
//! `<script>` elements. Rather than allow inline scripts in general, the
//! policy lists the SHA-256 of each one found in the page. Hashes, unlike
//! nonces, stay valid when a page is rendered once and served many times.
//! The site's stylesheet is inline too (`components::site_style`), and is
//! let through by its hash in the same way.

use std::future::Future;
use std::pin::Pin;
use std::sync::LazyLock;
use std::task::{Context, Poll, ready};

use axum::{
    http::{HeaderMap, HeaderName, HeaderValue, Request, header},
    response::Response,
};
use base64::{Engine, engine::general_purpose::STANDARD};
use pin_project_lite::pin_project;
use sha2::{Digest, Sha256};
use tower::Service;

/// One fixed header, checked and built at compile time.
const fn fixed(name: &'static str, value: &'static str) -> (HeaderName, HeaderValue) {
    (
        HeaderName::from_static(name),
        HeaderValue::from_static(value),
    )
}

/// Headers every response carries.
const FIXED: [(HeaderName, HeaderValue); 6] = [
    fixed("x-content-type-options", "nosniff"),
    fixed("referrer-policy", "strict-origin-when-cross-origin"),
    fixed("x-frame-options", "DENY"),
    fixed("cross-origin-opener-policy", "same-origin"),
    fixed("cross-origin-resource-policy", "same-origin"),
    fixed(
        "permissions-policy",
        "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), \
         microphone=(), payment=(), usb=()",
    ),
];

/// Keeps visitors on HTTPS for two years. Sent only on responses that
/// reached the visitor over TLS: RFC 6797 (section 7.2) forbids it on
/// plain HTTP, where browsers ignore it anyway.
const HSTS: (HeaderName, HeaderValue) = fixed("strict-transport-security", "max-age=63072000");

/// The headers every response carries, HSTS included, as (name, value)
/// text, for the static export's header files (a static host serves the
/// export over HTTPS).
pub fn fixed_headers() -> Vec<(String, String)> {
    FIXED
        .iter()
        .chain([&HSTS])
        .map(|(name, value)| {
            let value = value.to_str().unwrap_or_default();
            (name.as_str().to_string(), value.to_string())
        })
        .collect()
}

/// Set by `cargo leptos watch`, which reloads pages through a WebSocket.
static WATCHING: LazyLock<bool> = LazyLock::new(|| std::env::var_os("LEPTOS_WATCH").is_some());

/// Whether `cargo leptos watch` runs this server.
pub fn watching() -> bool {
    *WATCHING
}

/// The policy for a page whose inline scripts hash to `script_hashes` and
/// whose inline styles hash to `style_hashes`.
pub fn content_security_policy(script_hashes: &[String], style_hashes: &[String]) -> String {
    let script_src = sources("'self' 'wasm-unsafe-eval'", script_hashes);
    let style_src = sources("'self'", style_hashes);
    let connect_src = if *WATCHING {
        "'self' ws://127.0.0.1:* ws://localhost:*"
    } else {
        "'self'"
    };
    format!(
        "default-src 'self'; script-src {script_src}; style-src {style_src}; img-src 'self' data:; \
         font-src 'self'; connect-src {connect_src}; manifest-src 'self'; worker-src 'self'; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// `base` followed by each hash as a quoted source.
fn sources(base: &str, hashes: &[String]) -> String {
    let mut list = String::from(base);
    for hash in hashes {
        list.push_str(" '");
        list.push_str(hash);
        list.push('\'');
    }
    list
}

/// `sha256-…` sources for the inline scripts (those without `src`) and for
/// the `<style>` elements of `html`, each once, read in one pass.
pub fn inline_hashes(html: &str) -> (Vec<String>, Vec<String>) {
    // A page the rewriter cannot read gets no hash: its inline scripts and
    // styles are refused, never let through.
    let texts = crate::framework::element_texts_each(html, &["script:not([src])", "style"])
        .unwrap_or_default();
    let hashes = |list: usize| {
        let mut hashes = Vec::new();
        add_new(
            &mut hashes,
            texts
                .get(list)
                .into_iter()
                .flatten()
                .map(|body| sha256(body)),
        );
        hashes
    };
    (hashes(0), hashes(1))
}

/// The `sha256-…` source of `text`.
fn sha256(text: &str) -> String {
    format!(
        "sha256-{}",
        STANDARD.encode(Sha256::digest(text.as_bytes()))
    )
}

/// Adds to `list` the hashes it does not hold yet.
pub fn add_new(list: &mut Vec<String>, hashes: impl IntoIterator<Item = String>) {
    for hash in hashes {
        if !list.contains(&hash) {
            list.push(hash);
        }
    }
}

/// The policy header for one HTML document.
pub fn policy_for_html(html: &str) -> HeaderValue {
    let (scripts, styles) = inline_hashes(html);
    let policy = content_security_policy(&scripts, &styles);
    HeaderValue::from_str(&policy).expect("the policy is plain ASCII")
}

/// The policy of responses without inline scripts of their own.
static DEFAULT_POLICY: LazyLock<HeaderValue> = LazyLock::new(|| {
    HeaderValue::from_str(&content_security_policy(&[], &[])).expect("the policy is plain ASCII")
});

/// Whether the request reached the visitor's connection over TLS, as the
/// proxy in front says (`X-Forwarded-Proto: https`, or `proto=https` in
/// `Forwarded`). This server speaks plain HTTP: TLS ends at the proxy.
pub fn arrived_over_tls(headers: &HeaderMap) -> bool {
    let says_https = |value: &str| value.trim().eq_ignore_ascii_case("https");
    let forwarded_proto = headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(',').next())
        .is_some_and(says_https);
    forwarded_proto
        || headers
            .get_all(header::FORWARDED)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split([',', ';']))
            .filter_map(|pair| pair.split_once('='))
            .any(|(key, value)| {
                key.trim().eq_ignore_ascii_case("proto") && says_https(value.trim_matches('"'))
            })
}

/// Adds the fixed headers to a response (HSTS when `over_tls`), and the
/// default policy when it carries none of its own.
pub fn add_headers(headers: &mut HeaderMap, over_tls: bool) {
    for (name, value) in FIXED {
        headers.insert(name, value);
    }
    if over_tls {
        headers.insert(HSTS.0, HSTS.1);
    }
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        headers.insert(header::CONTENT_SECURITY_POLICY, DEFAULT_POLICY.clone());
    }
}

/// [`add_headers`] on every response, as one plain tower service (a layer
/// per header would cost a boxed service per header on every request).
#[derive(Clone)]
pub struct SecurityHeaders<S> {
    inner: S,
}

impl<S> SecurityHeaders<S> {
    /// `inner`, its responses with the security headers (for
    /// `ServiceBuilder::layer_fn`).
    pub fn new(inner: S) -> Self {
        SecurityHeaders { inner }
    }
}

impl<S, B, ResponseBody> Service<Request<B>> for SecurityHeaders<S>
where
    S: Service<Request<B>, Response = Response<ResponseBody>>,
{
    type Response = Response<ResponseBody>;
    type Error = S::Error;
    type Future = Secured<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<B>) -> Self::Future {
        Secured {
            over_tls: arrived_over_tls(request.headers()),
            inner: self.inner.call(request),
        }
    }
}

pin_project! {
    /// A response on its way, to be given the security headers.
    pub struct Secured<F> {
        #[pin]
        inner: F,
        over_tls: bool,
    }
}

impl<F, B, E> Future for Secured<F>
where
    F: Future<Output = Result<Response<B>, E>>,
{
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let this = self.project();
        let mut result = ready!(this.inner.poll(cx));
        if let Ok(response) = &mut result {
            add_headers(response.headers_mut(), *this.over_tls);
        }
        Poll::Ready(result)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_inline_scripts_only_once_each() {
        let html = r#"<head><script type="module" nonce="x">run()</script>
            <script src="/pkg/app.js"></script><script>a=1;</script><script>run()</script>"#;
        let (hashes, _) = inline_hashes(html);
        assert_eq!(hashes.len(), 2);
        // echo -n 'run()' | openssl dgst -sha256 -binary | base64
        let expected = STANDARD.encode(Sha256::digest(b"run()"));
        assert_eq!(hashes[0], format!("sha256-{expected}"));
    }

    #[test]
    fn hashes_inline_styles_apart_from_scripts() {
        let html = "<head><style>a{color:red}</style><script>run()</script></head>";
        let expected = STANDARD.encode(Sha256::digest(b"a{color:red}"));
        let (scripts, styles) = inline_hashes(html);
        assert_eq!(styles, [format!("sha256-{expected}")]);
        assert_eq!(scripts.len(), 1);
        assert_ne!(scripts, styles);
    }

    #[test]
    fn unterminated_scripts_do_not_loop_or_panic() {
        for html in ["<script>never closed", "<script", "<style>never closed", ""] {
            assert_eq!(inline_hashes(html), (vec![], vec![]), "{html}");
        }
    }

    #[test]
    fn policy_allows_no_inline_script_without_a_hash() {
        let policy = content_security_policy(&["sha256-abc".into()], &["sha256-css".into()]);
        assert!(policy.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-abc';"));
        assert!(policy.contains("style-src 'self' 'sha256-css';"));
        assert!(!policy.contains("unsafe-inline"));
        assert!(policy.contains("frame-ancestors 'none'"));
        assert!(policy.contains("object-src 'none'"));
    }

    fn request_headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for (name, value) in pairs {
            headers.append(*name, HeaderValue::from_static(value));
        }
        headers
    }

    #[test]
    fn tls_is_known_from_the_proxy_headers_only() {
        for (pairs, over_tls) in [
            (&[][..], false),
            (&[("x-forwarded-proto", "https")][..], true),
            (&[("x-forwarded-proto", "HTTPS, http")][..], true),
            (&[("x-forwarded-proto", "http")][..], false),
            (
                &[("forwarded", "for=192.0.2.1;proto=https;by=203.0.113.9")][..],
                true,
            ),
            (&[("forwarded", "for=192.0.2.1, proto=\"https\"")][..], true),
            (&[("forwarded", "for=192.0.2.1;proto=http")][..], false),
            (&[("forwarded", "https")][..], false),
        ] {
            assert_eq!(
                arrived_over_tls(&request_headers(pairs)),
                over_tls,
                "{pairs:?}"
            );
        }
    }

    #[test]
    fn hsts_only_over_tls_and_always_in_the_export() {
        let mut plain = HeaderMap::new();
        add_headers(&mut plain, false);
        assert!(!plain.contains_key("strict-transport-security"));
        assert_eq!(plain["x-frame-options"], "DENY");
        let mut secure = HeaderMap::new();
        add_headers(&mut secure, true);
        assert_eq!(secure["strict-transport-security"], "max-age=63072000");
        assert!(
            fixed_headers()
                .iter()
                .any(|(name, _)| name == "strict-transport-security")
        );
    }
}
