-- CreateEnum
CREATE TYPE "RoleSource" AS ENUM ('MANUAL', 'IDENTITY_PROVIDER');

-- DropIndex
DROP INDEX "User_oidcSubject_key";

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "oidcIssuer" TEXT;

-- AlterTable
ALTER TABLE "UserRoleGrant" ADD COLUMN     "source" "RoleSource" NOT NULL DEFAULT 'MANUAL';

-- CreateIndex
CREATE INDEX "User_oidcSubject_idx" ON "User"("oidcSubject");

-- CreateIndex
CREATE UNIQUE INDEX "User_oidcIssuer_oidcSubject_key" ON "User"("oidcIssuer", "oidcSubject");


-- People created by single sign-on (no password of their own) got their roles from the identity
-- provider's groups: from now on those roles follow the provider at every sign-on.
UPDATE "UserRoleGrant" SET "source" = 'IDENTITY_PROVIDER' WHERE "userId" IN (SELECT "id" FROM "User" WHERE "oidcSubject" IS NOT NULL AND "passwordHash" IS NULL);
