//! backend-guide's stand-in for the `wasm-streams` crate.
//!
//! Leptos always enables server_fn's `browser` feature, and with it
//! `wasm-streams`. That crate's `#[wasm_bindgen]` classes (the underlying
//! sources and sinks) are exports of the client's WASM module, so the linker
//! and wasm-opt must keep them and all they call, on every page, although
//! this site has no server functions. This crate is patched in under the
//! same name and offers only what server_fn calls: turning a JS
//! `ReadableStream` into a Rust `Stream` and back. Nothing here is exported,
//! so the code is dropped when unused (docs/client-size.md).

use std::{cell::RefCell, pin::Pin, rc::Rc};

use futures_util::stream::{self, LocalBoxStream, Stream, StreamExt};
use js_sys::{Object, Promise, Reflect};
use wasm_bindgen::{closure::Closure, JsCast, JsValue, UnwrapThrowExt};
use wasm_bindgen_futures::{future_to_promise, JsFuture};

/// A JS `ReadableStream`, as server_fn sees it.
pub struct ReadableStream {
    raw: web_sys::ReadableStream,
}

type Items = Pin<Box<dyn Stream<Item = Result<JsValue, JsValue>>>>;

impl ReadableStream {
    pub fn from_raw(raw: web_sys::ReadableStream) -> Self {
        Self { raw }
    }

    pub fn into_raw(self) -> web_sys::ReadableStream {
        self.raw
    }

    /// A JS stream whose `pull` takes the next item of `items`. The high
    /// water mark is 0, so JS asks for an item only when it reads one.
    pub fn from_stream<St>(items: St) -> Self
    where
        St: Stream<Item = Result<JsValue, JsValue>> + 'static,
    {
        let items: Rc<RefCell<Option<Items>>> = Rc::new(RefCell::new(Some(Box::pin(items))));
        let pull = Closure::<dyn FnMut(web_sys::ReadableStreamDefaultController) -> Promise>::new(
            move |controller: web_sys::ReadableStreamDefaultController| {
                let items = Rc::clone(&items);
                future_to_promise(async move {
                    // JS waits for this promise before it pulls again, so
                    // the stream is never taken twice.
                    let Some(mut taken) = items.borrow_mut().take() else {
                        return Ok(JsValue::UNDEFINED);
                    };
                    match taken.next().await {
                        Some(Ok(chunk)) => {
                            controller.enqueue_with_chunk(&chunk)?;
                            *items.borrow_mut() = Some(taken);
                        }
                        Some(Err(error)) => return Err(error),
                        None => controller.close()?,
                    }
                    Ok(JsValue::UNDEFINED)
                })
            },
        );
        let source = Object::new();
        // Setting a property on a fresh plain object cannot fail.
        let _ = Reflect::set(&source, &"pull".into(), &pull.into_js_value());
        let strategy = web_sys::QueuingStrategy::new();
        strategy.set_high_water_mark(0.0);
        let raw = web_sys::ReadableStream::new_with_underlying_source_and_strategy(&source, &strategy)
            .unwrap_throw();
        Self { raw }
    }

    /// Reads the JS stream chunk by chunk; a read error ends the stream
    /// after it is passed on.
    pub fn into_stream(self) -> LocalBoxStream<'static, Result<JsValue, JsValue>> {
        let reader: web_sys::ReadableStreamDefaultReader = self.raw.get_reader().unchecked_into();
        stream::unfold(Some(reader), |reader| async move {
            let reader = reader?;
            match JsFuture::from(reader.read()).await {
                Err(error) => Some((Err(error), None)),
                Ok(result) => {
                    let done = Reflect::get(&result, &"done".into()).ok()?.as_bool().unwrap_or(true);
                    if done {
                        return None;
                    }
                    let value = Reflect::get(&result, &"value".into()).unwrap_or(JsValue::UNDEFINED);
                    Some((Ok(value), Some(reader)))
                }
            }
        })
        .boxed_local()
    }
}
