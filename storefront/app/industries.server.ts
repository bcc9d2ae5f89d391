/**
 * The industries and their labels (one list, in @agora/contracts), imported here so that zod, which
 * the contracts package loads, stays out of the browser bundle: loaders pass labels to the pages.
 */
export { industryLabel, industryOptions } from '@agora/contracts';
