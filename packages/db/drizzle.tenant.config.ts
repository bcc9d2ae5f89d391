import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/tenant/template.ts',
  out: './migrations/tenant',
});
