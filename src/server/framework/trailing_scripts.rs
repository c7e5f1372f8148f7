//! W1: Leptos writes its resource scripts (`__RESOLVED_RESOURCES` and the
//! like) after `</html>`. Browsers move them into the body anyway, and the
//! HTML checker reports them; we move them just before `</body>`.

/// Moves `<script>` elements found after `</html>` to before `</body>`.
pub fn move_inside_body(html: &str) -> String {
    let Some(end) = html.rfind("</html>") else {
        return html.to_string();
    };
    let trailing = html[end + "</html>".len()..].trim();
    let (Some(body_end), false) = (html[..end].rfind("</body>"), trailing.is_empty()) else {
        return html.to_string();
    };
    if !trailing.starts_with("<script") || !trailing.ends_with("</script>") {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len());
    out.push_str(&html[..body_end]);
    out.push_str(trailing);
    out.push_str(&html[body_end..end + "</html>".len()]);
    out
}
