import { type Deps, PermanentJobError, sendOutboxEmail } from '@agora/core';
import { emailSendJob } from '@agora/queue';
import { defineProcessor } from '../../processor.js';

/** `email.send.v1`: one outbox event (invitation, password reset) -> one email with its link. */
export const sendEmail = (deps: Deps) =>
  defineProcessor({
    job: emailSendJob,
    isPermanent: (e) => e instanceof PermanentJobError,
    handle: (payload) => sendOutboxEmail(deps, payload),
  });
