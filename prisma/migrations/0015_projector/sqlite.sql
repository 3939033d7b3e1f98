-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Event" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "joinCode" TEXT NOT NULL,
    "names" TEXT NOT NULL,
    "startsOn" TEXT NOT NULL,
    "days" INTEGER NOT NULL,
    "venue" TEXT,
    "timezone" TEXT NOT NULL,
    "languages" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "templateId" TEXT,
    "createdAt" DATETIME NOT NULL,
    "publicCode" TEXT,
    "namesShown" BOOLEAN NOT NULL DEFAULT true
);
INSERT INTO "new_Event" ("createdAt", "days", "id", "joinCode", "languages", "names", "startsOn", "status", "templateId", "timezone", "venue") SELECT "createdAt", "days", "id", "joinCode", "languages", "names", "startsOn", "status", "templateId", "timezone", "venue" FROM "Event";
DROP TABLE "Event";
ALTER TABLE "new_Event" RENAME TO "Event";
CREATE UNIQUE INDEX "Event_joinCode_key" ON "Event"("joinCode");
CREATE UNIQUE INDEX "Event_publicCode_key" ON "Event"("publicCode");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

