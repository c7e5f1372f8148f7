//! View pieces shared by several pages.

pub mod layout;
pub mod page_meta;
pub mod pager;
pub mod section_nav;
