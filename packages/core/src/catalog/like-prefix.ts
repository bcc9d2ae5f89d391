/** A LIKE pattern matching strings that start with `prefix` (ids contain `_`, a LIKE wildcard). */
export const likePrefix = (prefix: string) => `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** A LIKE pattern matching strings that contain `text`. */
export const likeContains = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
