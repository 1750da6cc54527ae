//! Finding the line and column of a JSON pointer in a document's text, for
//! errors found in a document that was rewritten before it was read (an
//! OpenAPI 3.1 document). JSON is read as the YAML it also is, by an event
//! parser that keeps positions.

use yaml_rust2::parser::{Event, Parser};

enum Frame {
    Map { awaiting_key: bool },
    Seq { next: usize },
}

/// The 1-based line and column where the node at `pointer` (`#/a/b`)
/// is (its key, in a map), or, when the document has no such node (it was
/// made by the rewrite), where its deepest ancestor below the root is.
pub(super) fn position(text: &str, pointer: &str) -> Option<(usize, usize)> {
    let target: Vec<String> = pointer
        .strip_prefix('#')?
        .split('/')
        .skip(1)
        .map(|t| t.replace("~1", "/").replace("~0", "~"))
        .collect();
    let mut parser = Parser::new_from_str(text);
    let mut frames: Vec<Frame> = Vec::new();
    let mut path: Vec<String> = Vec::new();
    // The deepest node found so far on the way to the target.
    let mut best: Option<(usize, (usize, usize))> = None;
    loop {
        let (event, mark) = parser.next_token().ok()?;
        let at = (mark.line(), mark.col() + 1);
        let is_node = matches!(
            event,
            Event::Scalar(..)
                | Event::Alias(_)
                | Event::MappingStart(..)
                | Event::SequenceStart(..)
        );
        if is_node {
            // Where a node is: at its key in a map, at itself elsewhere.
            let entered = match frames.last_mut() {
                Some(Frame::Map { awaiting_key }) if *awaiting_key => {
                    // Only plain keys are followed.
                    let Event::Scalar(key, ..) = &event else {
                        return best.map(|(_, at)| at);
                    };
                    path.push(key.clone());
                    *awaiting_key = false;
                    true
                }
                Some(Frame::Map { .. }) => false,
                Some(Frame::Seq { next }) => {
                    path.push(next.to_string());
                    *next += 1;
                    true
                }
                None => true,
            };
            let on_the_way = path.len() <= target.len() && target[..path.len()] == path[..];
            let deeper = best.is_none_or(|(depth, _)| path.len() > depth);
            if entered && on_the_way && deeper && !path.is_empty() {
                // The parser counts lines from 1 and columns from 0.
                best = Some((path.len(), at));
                if path.len() == target.len() {
                    return best.map(|(_, at)| at);
                }
            }
            let is_key = entered && matches!(frames.last(), Some(Frame::Map { .. }));
            if is_key {
                continue;
            }
            match event {
                Event::MappingStart(..) => frames.push(Frame::Map { awaiting_key: true }),
                Event::SequenceStart(..) => frames.push(Frame::Seq { next: 0 }),
                _ => end_of_value(&mut frames, &mut path),
            }
            continue;
        }
        match event {
            Event::MappingEnd | Event::SequenceEnd => {
                frames.pop();
                end_of_value(&mut frames, &mut path);
            }
            Event::StreamEnd => return best.map(|(_, at)| at),
            _ => {}
        }
    }
}

/// A value has been read: its token leaves the path, and a map awaits its
/// next key.
fn end_of_value(frames: &mut [Frame], path: &mut Vec<String>) {
    match frames.last_mut() {
        Some(Frame::Map { awaiting_key }) => {
            *awaiting_key = true;
            path.pop();
        }
        Some(Frame::Seq { .. }) => {
            path.pop();
        }
        None => {}
    }
}

#[cfg(test)]
mod tests {
    use super::position;

    #[test]
    fn finds_nodes_in_yaml_and_json() {
        let yaml = "a:\n  b:\n    - x\n    - c: 1\n  d~e/f: 2\n";
        assert_eq!(position(yaml, "#/a/b/1/c"), Some((4, 7)));
        assert_eq!(position(yaml, "#/a/d~0e~1f"), Some((5, 3)));
        let json = "{\n\t\"a\": {\"b\": [1, {\"c\": true}]}\n}";
        assert_eq!(position(json, "#/a/b/1/c"), Some((2, 18)));
    }

    #[test]
    fn a_node_that_is_not_there_is_placed_at_its_nearest_ancestor() {
        let yaml = "a:\n  b: 1\nz: 2\n";
        assert_eq!(position(yaml, "#/a/allOf/0"), Some((1, 1)));
        assert_eq!(position(yaml, "#/q"), None);
        assert_eq!(
            position("a: [", "#/a"),
            Some((1, 1)),
            "found before the error"
        );
        assert_eq!(position("{", "#/a"), None);
    }
}
