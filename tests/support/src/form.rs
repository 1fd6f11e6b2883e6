//! Form fields as owned pairs, in order and with repeated names (`task`
//! several times): read from a page with `Page::form_fields`, or built
//! with [`pairs`], changed with [`set`], and sent with
//! `Actor::post_fields`.

/// Owned pairs of borrowed ones.
pub fn pairs(fields: &[(&str, &str)]) -> Vec<(String, String)> {
    fields
        .iter()
        .map(|(name, value)| ((*name).to_string(), (*value).to_string()))
        .collect()
}

/// The value of the first field called `name`; panics when there is none.
pub fn get<'a>(fields: &'a [(String, String)], name: &str) -> &'a str {
    &fields
        .iter()
        .find(|(k, _)| k == name)
        .unwrap_or_else(|| panic!("no field {name}"))
        .1
}

/// Sets the first field called `name` to `value`; panics when there is none.
pub fn set(fields: &mut [(String, String)], name: &str, value: &str) {
    fields
        .iter_mut()
        .find(|(k, _)| k == name)
        .unwrap_or_else(|| panic!("no field {name}"))
        .1 = value.to_string();
}

/// The pairs borrowed, as `reqwest`'s `form` and `Actor::post` take them.
pub fn refs(fields: &[(String, String)]) -> Vec<(&str, &str)> {
    fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
}
