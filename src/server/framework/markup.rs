//! Small edits of start tags, shared by the fixes that change attributes.
//! They read the framework's own output, which writes every attribute as
//! `name="value"`; anything else is left as it is.

/// Passes every `tag` element (its start tag, without the closing `>`) to
/// `change`, which gives its new text, or `None` to drop the element.
pub fn each_element(html: &str, tag: &str, change: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html;
    while let Some(start) = rest.find(tag) {
        let Some(tag_len) = rest[start..].find('>') else {
            break;
        };
        out.push_str(&rest[..start]);
        match change(&rest[start..start + tag_len]) {
            Some(element) => {
                out.push_str(&element);
                rest = &rest[start + tag_len..];
            }
            None => rest = &rest[start + tag_len + 1..],
        }
    }
    out.push_str(rest);
    out
}

/// Rewrites the element's `name="value"` to `name="<new>"` where `keep`
/// returns the new value, and removes the attribute where it returns `None`.
pub fn rewrite(element: &str, name: &str, keep: &impl Fn(&str) -> Option<String>) -> String {
    let needle = format!(" {name}=\"");
    let Some(at) = element.find(&needle) else {
        return element.to_string();
    };
    let value_start = at + needle.len();
    let Some(value_len) = element[value_start..].find('"') else {
        return element.to_string();
    };
    let value = &element[value_start..value_start + value_len];
    let after = &element[value_start + value_len + 1..];
    match keep(value) {
        Some(new) => format!("{}{needle}{new}\"{after}", &element[..at]),
        None => format!("{}{after}", &element[..at]),
    }
}
