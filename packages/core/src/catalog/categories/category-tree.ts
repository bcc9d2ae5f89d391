import type { CategoryNode } from './list-categories.js';

export type CategoryRef = { id: string; name: string; slug: string };

/** The tree cut below `depth` levels (1: the top-level categories, with no children). */
export function treeToDepth(tree: CategoryNode[], depth: number): CategoryNode[] {
  return tree.map((c) => ({ ...c, children: depth > 1 ? treeToDepth(c.children, depth - 1) : [] }));
}

/** The category with `slug` (with everything below it) and its ancestors, top level first; null if absent. */
export function findCategoryBySlug(
  tree: CategoryNode[],
  slug: string,
): { category: CategoryNode; ancestors: CategoryRef[] } | null {
  for (const c of tree) {
    if (c.slug === slug) return { category: c, ancestors: [] };
    const below = findCategoryBySlug(c.children, slug);
    if (below)
      return {
        category: below.category,
        ancestors: [{ id: c.id, name: c.name, slug: c.slug }, ...below.ancestors],
      };
  }
  return null;
}
