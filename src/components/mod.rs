//! View pieces shared by several pages.

pub mod bookmark_button;
pub mod confirm;
#[cfg(feature = "hydrate")]
pub mod fetch_text;
pub mod inline_scripts;
pub mod layout;
pub mod library_notice;
#[cfg(feature = "hydrate")]
pub mod next_task;
pub mod notice;
pub mod offline_status;
pub mod page_meta;
pub mod pager;
pub mod reading_progress;
pub mod search_dialog;
pub mod section_nav;
pub mod site_style;
pub mod storage_words;
pub mod theme;
