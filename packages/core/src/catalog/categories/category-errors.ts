import { AppError } from '@agora/contracts';

/** A 400 naming one field, in the one validation-error shape. */
export const fieldError = (path: string, message: string) =>
  new AppError('validation_failed', `Invalid ${path}: ${message}`, { fields: [{ path, message }] });

export const slugTaken = (slug: string, field: 'slug' | 'name') =>
  new AppError(
    'slug_taken',
    `Another category already has the address "${slug}"; ${
      field === 'name' ? 'choose another name or send a slug' : 'choose another slug'
    }`,
    { fields: [{ path: field, message: `the slug "${slug}" is taken by another category` }] },
  );

export const categoryNotFound = () =>
  new AppError('not_found', 'No category with this id in this marketplace');
