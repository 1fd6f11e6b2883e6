//! Pieces of the OpenAPI document built from the server's own limits
//! (`#[schema(schema_with = …)]` takes a function, where `max_length = …`
//! takes only a literal): the document cannot drift from the checks.

use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, Type};

/// A text of `min` to `max` characters matching `pattern`.
pub fn text(min: usize, max: usize, pattern: &str) -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .min_length((min > 0).then_some(min))
        .max_length(Some(max))
        .pattern(Some(pattern))
}

/// A list of at most `max` texts as `item`.
pub fn texts(max: usize, item: ObjectBuilder) -> ArrayBuilder {
    ArrayBuilder::new().items(item).max_items(Some(max))
}
