// Moved to @agora/contracts (page-query.ts) so the storefront can apply it too.
export { emptyAsAbsent as optionalParams } from '@agora/contracts';
