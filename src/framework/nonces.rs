//! W3: leptos_axum gives every request a random nonce and writes it on the
//! page's scripts. Our policy lists script hashes instead (see
//! `security.rs`), because a page rendered once is sent many times: the
//! nonces are dropped altogether, so the same build renders the same bytes.

use std::borrow::Cow;

use lol_html::{ElementContentHandlers, Selector, element};

pub fn drop_all() -> (Cow<'static, Selector>, ElementContentHandlers<'static>) {
    element!("[nonce]", |element| {
        element.remove_attribute("nonce");
        Ok(())
    })
}
