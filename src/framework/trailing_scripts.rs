//! W1: Leptos writes its resource scripts (`__RESOLVED_RESOURCES` and the
//! like) after `</html>`. A browser parses whatever follows `</html>` as the
//! end of the body, and the HTML checker reports it as stray; we do what
//! the browser does: `</body>` and `</html>` are taken out where they stand
//! and written again at the end of the document, so the scripts end up
//! last in the body, in order. A page with nothing after `</html>` comes
//! out as it went in.

use std::{borrow::Cow, cell::Cell, rc::Rc};

use lol_html::{
    DocumentContentHandlers, ElementContentHandlers, Selector, element, end, end_tag,
    html_content::ContentType,
};

/// Which of the two end tags were taken out, to be written at the end.
#[derive(Default)]
pub struct EndTags {
    body: Rc<Cell<bool>>,
    html: Rc<Cell<bool>>,
}

impl EndTags {
    /// Takes out the end tags of `<body>` and `<html>`.
    pub fn take(&self) -> [(Cow<'static, Selector>, ElementContentHandlers<'static>); 2] {
        [
            take_end_tag("body", &self.body),
            take_end_tag("html", &self.html),
        ]
    }

    /// Writes them again at the end of the document.
    pub fn write_at_end(&self) -> DocumentContentHandlers<'static> {
        let (body, html) = (self.body.clone(), self.html.clone());
        end!(move |end| {
            for (taken, tag) in [(body, "</body>"), (html, "</html>")] {
                if taken.get() {
                    end.append(tag, ContentType::Html);
                }
            }
            Ok(())
        })
    }
}

fn take_end_tag(
    tag: &'static str,
    taken: &Rc<Cell<bool>>,
) -> (Cow<'static, Selector>, ElementContentHandlers<'static>) {
    let taken = taken.clone();
    element!(tag, move |element| {
        let taken = taken.clone();
        element.on_end_tag(end_tag!(move |end| {
            end.remove();
            taken.set(true);
            Ok(())
        }))
    })
}
