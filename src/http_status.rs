//! The HTTP status of the page being rendered, set from a component. On the
//! server it reaches the response; in the browser there is none to set.

/// Marks the page being rendered as "404 Not Found".
pub fn set_not_found() {
    #[cfg(feature = "ssr")]
    if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::NOT_FOUND);
    }
}
