//! Offline reading, seen from the page: registers the service worker
//! (`/sw.js`, made by the server), says when the network is gone, and offers
//! a reload once a new version of the guide has been installed.
//!
//! Written with web-sys rather than a helper crate: it is a few event
//! handlers, and the worker's "take over" message is ours.

use leptos::prelude::*;

#[island]
pub fn OfflineStatus() -> impl IntoView {
    let online = RwSignal::new(true);
    let update_ready = RwSignal::new(false);
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| browser::start(online, update_ready));

    let reload = move |_| {
        #[cfg(feature = "hydrate")]
        browser::take_over();
    };
    // Both messages are in the page from the server and shown by toggling
    // `hidden`: the client then carries no view code or text for them, only
    // two attribute bindings (the reading pages' code budget is tight).
    view! {
        <div class="connection" role="status" aria-live="polite">
            <p class="offline-badge" hidden=move || online.get()>
                <span class="dot" aria-hidden="true"></span>
                "Offline. Every section, the quiz and your bookmarks still work."
            </p>
            <div class="update-prompt" hidden=move || !update_ready.get()>
                <p>"A new version of the guide is ready."</p>
                <button type="button" class="button" on:click=reload>
                    "Reload to update"
                </button>
            </div>
        </div>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use std::cell::Cell;

    use leptos::ev;
    use leptos::prelude::*;
    use wasm_bindgen::{JsCast, JsValue, closure::Closure};
    use wasm_bindgen_futures::{JsFuture, spawn_local};
    use web_sys::{ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

    const WORKER: &str = "/sw.js";

    thread_local! {
        /// Set when the reader asked for the new version: the next change of
        /// controlling worker reloads the page into it.
        static TAKE_OVER_ASKED: Cell<bool> = const { Cell::new(false) };
    }

    pub fn start(online: RwSignal<bool>, update_ready: RwSignal<bool>) {
        online.set(window().navigator().on_line());
        window_event_listener(ev::offline, move |_| online.set(false));
        window_event_listener(ev::online, move |_| {
            online.set(true);
            // Back online: a good moment to look for a new build.
            spawn_local(async {
                if let Some(registration) = registration().await {
                    // Awaited so that a failed check (the server is still out
                    // of reach) is handled here, not reported as an error.
                    if let Ok(checking) = registration.update() {
                        let _ = JsFuture::from(checking).await;
                    }
                }
            });
        });
        if let Some(container) = container() {
            register(container, update_ready);
        }
    }

    /// The service worker container, unless this browser (or a private
    /// window, or plain HTTP on another host) has none.
    fn container() -> Option<ServiceWorkerContainer> {
        let navigator = window().navigator();
        js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker"))
            .unwrap_or(false)
            .then(|| navigator.service_worker())
    }

    async fn registration() -> Option<ServiceWorkerRegistration> {
        let found = JsFuture::from(container()?.get_registration()).await.ok()?;
        found.dyn_into().ok()
    }

    fn register(container: ServiceWorkerContainer, update_ready: RwSignal<bool>) {
        let on_controller_change = Closure::<dyn Fn()>::new(|| {
            if TAKE_OVER_ASKED.get() {
                let _ = window().location().reload();
            }
        });
        container.set_oncontrollerchange(Some(on_controller_change.as_ref().unchecked_ref()));
        on_controller_change.forget();

        let registering = container.register(WORKER);
        spawn_local(async move {
            let registration = match JsFuture::from(registering).await {
                // Some environments resolve without a registration (service
                // workers blocked by policy or by a test harness).
                Ok(registration) => match registration.dyn_into::<ServiceWorkerRegistration>() {
                    Ok(registration) => registration,
                    Err(_) => {
                        leptos::logging::log!("offline reading is unavailable: no registration");
                        return;
                    }
                },
                Err(_) => {
                    // The browser has logged why (say, an insecure origin).
                    leptos::logging::log!("offline reading is unavailable: the worker was refused");
                    return;
                }
            };
            // A new build installed during an earlier visit, still waiting.
            if registration.waiting().is_some() && container.controller().is_some() {
                update_ready.set(true);
            }
            watch_for_updates(&registration, update_ready);
        });
    }

    /// Shows the prompt when a new worker finishes installing while an older
    /// one controls the page. (The very first install is not an update.)
    fn watch_for_updates(registration: &ServiceWorkerRegistration, update_ready: RwSignal<bool>) {
        let found = registration.clone();
        let on_update_found = Closure::<dyn Fn()>::new(move || {
            let Some(installing) = found.installing() else {
                return;
            };
            let worker = installing.clone();
            let on_state_change = Closure::<dyn Fn()>::new(move || {
                let controlled = container().and_then(|c| c.controller()).is_some();
                if worker.state() == ServiceWorkerState::Installed && controlled {
                    update_ready.set(true);
                }
            });
            installing.set_onstatechange(Some(on_state_change.as_ref().unchecked_ref()));
            on_state_change.forget();
        });
        registration.set_onupdatefound(Some(on_update_found.as_ref().unchecked_ref()));
        on_update_found.forget();
    }

    /// Asks the waiting worker to take over; the page reloads when it has.
    pub fn take_over() {
        TAKE_OVER_ASKED.set(true);
        spawn_local(async {
            let waiting = registration().await.and_then(|r| r.waiting());
            match waiting {
                Some(worker) => {
                    let _ = worker.post_message(&JsValue::from_str("take-over"));
                }
                // Nothing waiting any more (another tab took it): just reload.
                None => {
                    let _ = window().location().reload();
                }
            }
        });
    }
}
