import { describe, expect, it } from 'vitest';
import { findCategoryBySlug, treeToDepth } from './category-tree.js';
import type { CategoryNode } from './list-categories.js';

const node = (slug: string, children: CategoryNode[] = []): CategoryNode => ({
  id: `cat_${slug}`,
  name: slug.toUpperCase(),
  slug,
  parentId: null,
  position: 0,
  archivedAt: null,
  children,
});
const tree = [node('tools', [node('power', [node('drills')])]), node('garden')];

describe('findCategoryBySlug', () => {
  it('finds a nested category, with what is below it, and its ancestors top level first', () => {
    const found = findCategoryBySlug(tree, 'power');
    expect(found?.category.children.map((c) => c.slug)).toEqual(['drills']);
    expect(found?.ancestors).toEqual([{ id: 'cat_tools', name: 'TOOLS', slug: 'tools' }]);
    expect(findCategoryBySlug(tree, 'drills')?.ancestors.map((a) => a.slug)).toEqual(['tools', 'power']);
    expect(findCategoryBySlug(tree, 'garden')?.ancestors).toEqual([]);
  });

  it('is null for a slug the tree does not have', () => {
    expect(findCategoryBySlug(tree, 'nope')).toBeNull();
  });
});

describe('treeToDepth', () => {
  it('keeps the given number of levels and leaves the tree it was given alone', () => {
    expect(treeToDepth(tree, 1).map((c) => [c.slug, c.children.length])).toEqual([
      ['tools', 0],
      ['garden', 0],
    ]);
    expect(treeToDepth(tree, 2)[0]?.children[0]?.children).toEqual([]);
    expect(tree[0]?.children[0]?.children.map((c) => c.slug)).toEqual(['drills']);
  });
});
