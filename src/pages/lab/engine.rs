//! The lab's JavaScript half as the island sees it: the object the lab's
//! module script (`lab/src/lab-page.js`, only on `/lab`) puts at
//! `window.backendGuideLab.island`, with the database engine (PostgreSQL in
//! a Web Worker) and the SQL editor (CodeMirror).
//!
//! Every function of that object takes one argument and answers in JSON
//! text, and the island calls them with `Reflect.get` and `Function.call`,
//! which the client already uses elsewhere: wasm-bindgen puts the glue of
//! every binding into the JavaScript and WASM that all pages download, so
//! the lab uses no binding that reading pages do not already have.

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::lab::reply::{EngineStatus, Reply};

/// The event the module script sends once its object is in place.
pub const READY_EVENT: &str = "backend-guide-lab";
/// Sent on every change of the engine's status (`detail`: its JSON).
pub const STATUS_EVENT: &str = "backend-guide-lab-status";
/// Sent when the reader presses Ctrl/Cmd+Enter in the editor.
pub const RUN_EVENT: &str = "backend-guide-lab-run";

/// Why a run gave no reply.
#[derive(Debug, Clone, PartialEq)]
pub enum RunError {
    /// The reader pressed Stop.
    Stopped,
    /// Another run was still going.
    Busy,
    Failed(String),
}

fn present(value: &JsValue) -> bool {
    !value.is_undefined() && !value.is_null()
}

fn message_of(error: JsValue) -> String {
    Reflect::get(&error, &"message".into())
        .ok()
        .and_then(|m| m.as_string())
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "unknown error".into())
}

fn get(target: &JsValue, name: &str) -> JsValue {
    Reflect::get(target, &name.into()).unwrap_or(JsValue::UNDEFINED)
}

/// Calls `target[name](arg)`.
fn call(target: &JsValue, name: &str, arg: JsValue) -> Result<JsValue, String> {
    let function: Function = get(target, name)
        .dyn_into()
        .map_err(|_| format!("the lab's script has no `{name}`"))?;
    function.call1(target, &arg).map_err(message_of)
}

fn json<T: serde::Serialize>(value: &T) -> JsValue {
    serde_json::to_string(value).unwrap_or_default().into()
}

fn parse<T: serde::de::DeserializeOwned + Default>(text: &JsValue) -> T {
    text.as_string()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

/// The lab's script, once it has loaded.
#[derive(Clone)]
pub struct Lab(JsValue);

impl Lab {
    pub fn get() -> Option<Lab> {
        let api = get(&get(&js_sys::global(), "backendGuideLab"), "island");
        present(&api).then_some(Lab(api))
    }

    /// The engine's status now (changes arrive as [`STATUS_EVENT`]s, read
    /// with [`status_of`]).
    pub fn status(&self) -> EngineStatus {
        call(&self.0, "status", JsValue::UNDEFINED)
            .map(|s| parse(&s))
            .unwrap_or_default()
    }

    /// Runs `sql`, judged as `exercise` when one is given.
    pub async fn run(&self, sql: &str, exercise: Option<&str>) -> Result<Reply, RunError> {
        let promise = call(&self.0, "run", json(&(sql, exercise))).map_err(RunError::Failed)?;
        match JsFuture::from(Promise::from(promise)).await {
            Ok(reply) => Ok(parse(&reply)),
            Err(error) => Err(match message_of(error).as_str() {
                "stopped" => RunError::Stopped,
                "busy" => RunError::Busy,
                other => RunError::Failed(other.to_string()),
            }),
        }
    }

    /// Ends the running query by restarting the engine.
    pub fn stop(&self) {
        let _ = call(&self.0, "stop", JsValue::UNDEFINED);
    }

    /// Drops the reader's database and creates it again from the seed.
    pub async fn reset(&self) -> Result<(), String> {
        let promise = call(&self.0, "reset", JsValue::UNDEFINED)?;
        JsFuture::from(Promise::from(promise))
            .await
            .map(|_| ())
            .map_err(message_of)
    }

    /// Puts the editor into `host` (Ctrl/Cmd+Enter in it sends a [`RUN_EVENT`]).
    pub fn mount_editor(&self, host: JsValue, doc: &str, label: &str) -> Result<Editor, String> {
        let options = call(&self.0, "options", json(&(doc, label)))?;
        let _ = Reflect::set(&options, &"host".into(), &host);
        call(&self.0, "mountEditor", options).map(Editor)
    }

    /// Replaces the address's query (`?exercise=...`) without a navigation.
    pub fn set_query(&self, query: &str) {
        let _ = call(&self.0, "setQuery", query.into());
    }

    /// Asks the service worker to keep the lab's files for offline use,
    /// even those fetched before it controlled the page.
    pub fn keep_offline(&self) {
        let _ = call(&self.0, "keepOffline", JsValue::UNDEFINED);
    }
}

/// The SQL editor on the page.
#[derive(Clone)]
pub struct Editor(JsValue);

impl Editor {
    pub fn text(&self) -> String {
        call(&self.0, "get", JsValue::UNDEFINED)
            .ok()
            .and_then(|t| t.as_string())
            .unwrap_or_default()
    }

    pub fn set_text(&self, text: &str) {
        let _ = call(&self.0, "set", text.into());
    }

    /// Marks the error at `position` (1-based), or clears the mark.
    pub fn mark_error(&self, position: Option<u32>) {
        let at = position.map_or(JsValue::NULL, JsValue::from);
        let _ = call(&self.0, "markError", at);
    }
}

/// Adds the lab's module script to the document, unless an earlier visit
/// to the page (in this document) already did.
pub fn load_script(src: &str) {
    const ID: &str = "lab-script";
    let document = leptos::prelude::document();
    if document.get_element_by_id(ID).is_some() {
        return;
    }
    let (Ok(script), Some(root)) = (
        document.create_element("script"),
        document.document_element(),
    ) else {
        return;
    };
    for (name, value) in [("id", ID), ("type", "module"), ("src", src)] {
        let _ = script.set_attribute(name, value);
    }
    let _ = root.insert_before(&script, None);
}

/// The status a [`STATUS_EVENT`] carries.
pub fn status_of(event: &web_sys::Event) -> EngineStatus {
    parse(&get(event.as_ref(), "detail"))
}

/// The address's query string, `?...` or empty.
pub fn current_query() -> String {
    get(&get(&js_sys::global(), "location"), "search")
        .as_string()
        .unwrap_or_default()
}
