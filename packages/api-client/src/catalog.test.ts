import { describe, expect, it } from 'vitest';
import { findCategoryBySlug } from './catalog.js';

type Node = { slug: string; children: Node[] };
const node = (slug: string, children: Node[] = []): Node => ({ slug, children });
const slugs = (nodes: Node[]) => nodes.map((c) => c.slug);

describe('findCategoryBySlug', () => {
  const tree = [node('tools', [node('power', [node('drills')])]), node('garden')];

  it('finds a nested category with its ancestors, top level first', () => {
    const found = findCategoryBySlug(tree, 'drills');
    expect(found?.category.slug).toBe('drills');
    expect(slugs(found?.ancestors ?? [])).toEqual(['tools', 'power']);
    expect(findCategoryBySlug(tree, 'garden')?.ancestors).toEqual([]);
  });

  it('is null for a slug the tree does not have', () => {
    expect(findCategoryBySlug(tree, 'nope')).toBeNull();
  });
});
