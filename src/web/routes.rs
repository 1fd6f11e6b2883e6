//! A router that remembers its routes, so that tests can enumerate every
//! route (the authorization matrix fails when a route has no entry).

use axum::Router;
use axum::handler::Handler;
use axum::routing::{MethodRouter, delete, get, post, put};

/// A method and a path pattern, e.g. `("POST", "/admin/users/{id}")`.
pub type RouteEntry = (&'static str, &'static str);

/// An axum router (with state `S`) plus the list of what it serves.
pub struct Routes<S> {
    router: Router<S>,
    list: Vec<RouteEntry>,
}

impl<S: Clone + Send + Sync + 'static> Default for Routes<S> {
    fn default() -> Self {
        Self::new()
    }
}

impl<S: Clone + Send + Sync + 'static> Routes<S> {
    pub fn new() -> Self {
        Routes {
            router: Router::new(),
            list: Vec::new(),
        }
    }

    pub fn get<H: Handler<T, S>, T: 'static>(self, path: &'static str, handler: H) -> Self {
        self.with(path, &["GET"], get(handler))
    }

    pub fn post<H: Handler<T, S>, T: 'static>(self, path: &'static str, handler: H) -> Self {
        self.with(path, &["POST"], post(handler))
    }

    pub fn put<H: Handler<T, S>, T: 'static>(self, path: &'static str, handler: H) -> Self {
        self.with(path, &["PUT"], put(handler))
    }

    pub fn delete<H: Handler<T, S>, T: 'static>(self, path: &'static str, handler: H) -> Self {
        self.with(path, &["DELETE"], delete(handler))
    }

    /// A prepared method router (e.g. with its own layer) and its methods.
    pub fn with(
        mut self,
        path: &'static str,
        methods: &[&'static str],
        route: MethodRouter<S>,
    ) -> Self {
        self.router = self.router.route(path, route);
        self.list.extend(methods.iter().map(|m| (*m, path)));
        self
    }

    /// Applies a guard (or any layer) to every route added so far.
    pub fn guard<L>(mut self, layer: L) -> Self
    where
        L: tower::Layer<axum::routing::Route> + Clone + Send + Sync + 'static,
        L::Service: tower::Service<axum::extract::Request, Error = std::convert::Infallible>
            + Clone
            + Send
            + Sync
            + 'static,
        <L::Service as tower::Service<axum::extract::Request>>::Response:
            axum::response::IntoResponse + 'static,
        <L::Service as tower::Service<axum::extract::Request>>::Future: Send + 'static,
    {
        self.router = self.router.route_layer(layer);
        self
    }

    pub fn merge(mut self, other: Routes<S>) -> Self {
        self.router = self.router.merge(other.router);
        self.list.extend(other.list);
        self
    }

    /// The routes served.
    pub fn list(&self) -> &[RouteEntry] {
        &self.list
    }

    pub fn into_router(self) -> Router<S> {
        self.router
    }
}
