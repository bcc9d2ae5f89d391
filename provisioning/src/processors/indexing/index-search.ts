import { type Deps, indexSearchEvent, PermanentJobError } from '@agora/core';
import { searchIndexJob } from '@agora/queue';
import { defineProcessor } from '../../processor.js';

/** `search.index.v1`: one product, vendor or category event -> the affected products re-indexed. */
export const indexSearch = (deps: Deps) =>
  defineProcessor({
    job: searchIndexJob,
    isPermanent: (e) => e instanceof PermanentJobError,
    handle: (payload) => indexSearchEvent(deps, payload),
  });
