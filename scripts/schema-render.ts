// Turns the provider-neutral models into a complete schema for one provider.
import { PROVIDERS, type Provider } from '../src/storage/database-url.js';

export { PROVIDERS, type Provider };

export function renderSchema(models: string, provider: Provider): string {
  return `// Generated from prisma/models.prisma by scripts/db-generate.ts. Do not edit.
datasource db {
  provider = "${provider}"
  url      = env("DATABASE_URL")
}

generator client {
  provider               = "prisma-client"
  output                 = "../../src/storage/generated/${provider}"
  engineType             = "client"
  runtime                = "nodejs"
  moduleFormat           = "esm"
  importFileExtension    = "js"
  generatedFileExtension = "ts"
}

${models}`;
}
