-- DropIndex
DROP INDEX "User_oidcSubject_key";

-- AlterTable
ALTER TABLE "User" ADD COLUMN "oidcIssuer" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_UserRoleGrant" (
    "userId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'MANUAL',

    PRIMARY KEY ("userId", "role"),
    CONSTRAINT "UserRoleGrant_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_UserRoleGrant" ("role", "userId") SELECT "role", "userId" FROM "UserRoleGrant";
DROP TABLE "UserRoleGrant";
ALTER TABLE "new_UserRoleGrant" RENAME TO "UserRoleGrant";
CREATE INDEX "UserRoleGrant_role_idx" ON "UserRoleGrant"("role");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "User_oidcSubject_idx" ON "User"("oidcSubject");

-- CreateIndex
CREATE UNIQUE INDEX "User_oidcIssuer_oidcSubject_key" ON "User"("oidcIssuer", "oidcSubject");


-- People created by single sign-on (no password of their own) got their roles from the identity
-- provider's groups: from now on those roles follow the provider at every sign-on.
UPDATE "UserRoleGrant" SET "source" = 'IDENTITY_PROVIDER' WHERE "userId" IN (SELECT "id" FROM "User" WHERE "oidcSubject" IS NOT NULL AND "passwordHash" IS NULL);
