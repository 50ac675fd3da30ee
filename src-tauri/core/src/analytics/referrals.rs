//! The referral forest (domain.md §5): who referred whom, over generations.
//! The one implementation of the tree: the report counts its trees and
//! generations from it, and the referral screen draws it.

use super::dataset::{CustomerIdx, Dataset};

/// One node of the forest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Node {
    /// The customer.
    pub idx: CustomerIdx,
    /// Index of the parent node (the referrer), `None` for a root.
    pub parent: Option<u32>,
    /// 0 for a root (a referrer nobody referred).
    pub generation: u32,
    pub children: u32,
    /// Everyone below this node.
    pub descendants: u32,
}

/// Every referrer and referred customer, in depth-first order (roots with the
/// biggest trees first, children by key), so that a node's subtree is the run
/// of nodes after it with a greater generation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Forest {
    pub nodes: Vec<Node>,
    pub trees: u32,
    pub max_generation: u32,
}

/// The forest of a dataset's referrals.
pub fn forest(ds: &Dataset) -> Forest {
    let n = ds.customers.len();
    let key = |c: usize| &ds.customers[c].key;
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (c, p) in ds.referrer.iter().enumerate() {
        if let Some(p) = p {
            children[*p as usize].push(c);
        }
    }
    for list in &mut children {
        list.sort_by(|x, y| key(*x).cmp(key(*y)));
    }
    // Subtree sizes, iteratively (chains may be long in a hand-kept sheet).
    let mut size = vec![0u32; n];
    let mut roots: Vec<usize> = (0..n)
        .filter(|&c| ds.referrer[c].is_none() && !children[c].is_empty())
        .collect();
    {
        let mut order = Vec::with_capacity(n);
        let mut stack: Vec<usize> = roots.clone();
        let mut seen = vec![false; n];
        while let Some(c) = stack.pop() {
            if std::mem::replace(&mut seen[c], true) {
                continue;
            }
            order.push(c);
            stack.extend(children[c].iter().copied());
        }
        for &c in order.iter().rev() {
            size[c] = children[c].iter().map(|&k| size[k] + 1).sum();
        }
    }
    roots.sort_by(|x, y| size[*y].cmp(&size[*x]).then(key(*x).cmp(key(*y))));
    let mut nodes: Vec<Node> = Vec::new();
    let mut seen = vec![false; n];
    let mut max_generation = 0;
    // (customer, parent node, generation), depth first in order.
    let mut stack: Vec<(usize, Option<u32>, u32)> =
        roots.iter().rev().map(|&r| (r, None, 0)).collect();
    while let Some((c, parent, generation)) = stack.pop() {
        if std::mem::replace(&mut seen[c], true) {
            continue;
        }
        let at = nodes.len() as u32;
        max_generation = max_generation.max(generation);
        nodes.push(Node {
            idx: c as CustomerIdx,
            parent,
            generation,
            children: children[c].len() as u32,
            descendants: size[c],
        });
        for &k in children[c].iter().rev() {
            stack.push((k, Some(at), generation + 1));
        }
    }
    Forest {
        trees: roots.len() as u32,
        max_generation,
        nodes,
    }
}
