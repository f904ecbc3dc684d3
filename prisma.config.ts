import { defineConfig } from 'prisma/config';

// Only `prisma generate` reads this. Migrations run through scripts/prisma.ts
// and src/store/migrate.ts (the WebAssembly schema engine), never the CLI.
export default defineConfig({
  schema: 'prisma/schema.prisma',
});
