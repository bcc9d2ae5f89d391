import { type Deps, deleteOrphanedFiles, PermanentJobError } from '@agora/core';
import { fileDeleteJob } from '@agora/queue';
import { defineProcessor } from '../../processor.js';

/** `files.delete.v1`: the files of a `file.orphaned` event deleted, each only if nothing uses it. */
export const deleteFiles = (deps: Deps) =>
  defineProcessor({
    job: fileDeleteJob,
    isPermanent: (e) => e instanceof PermanentJobError,
    handle: (payload) => deleteOrphanedFiles(deps, payload),
  });
