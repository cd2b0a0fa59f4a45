#![allow(dead_code)]
mod core;
fn main() {}
