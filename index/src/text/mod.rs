//! Text analysis below the pipeline's stages: the search analyser, sentences, words, where
//! names stand, and every English word list.

pub mod analysis;
pub mod common;
pub mod lexicon;
pub mod names;
pub mod segment;
pub mod words;
